import SvodWorkbook

extension AnnotatedWorkbook {
    /// What writing an annotated workbook changed or could not carry, for the person who asked for it.
    public struct Outcome: Sendable {
        /// The name the findings sheet got («Замечания», or «Замечания svod» when the file had one).
        public var findingsSheet: String
        /// Data sheets renamed to meet Excel's rules; their findings still link to them.
        public var renamedSheets: [(from: String, to: String)] = []
        /// Chart and dialog sheets, which have no cells to copy.
        public var skippedSheets: [String] = []
        /// Cells whose formula named a renamed sheet; their values were kept.
        public var untranslatedFormulas: [(sheet: String, cell: CellReference)] = []
        /// Defined names that could not be carried over.
        public var droppedNames: [String] = []
        /// Data cells given a fill or a comment.
        public var annotatedCells = 0
    }
}
