import SvodSchema
import SvodWorkbook

/// Where a template puts each field: what a program needs to fill one in (tests, pre-filled copies).
public struct TemplateLayout: Sendable {
    /// One row of a table sheet (or the one record of a form sheet).
    public struct Row: Sendable {
        /// Zero-based row index (for form sheets, the first field's row).
        public var index: Int
        /// Every field's cell, by code.
        public var cells: [String: CellReference]
        /// Values the template writes itself, by field code (fixed rows' keys, the school and period).
        public var fixed: [String: String]
        /// A «Всего»/«Итого» row: its summed and computed cells are formulas.
        public var isTotal: Bool
    }

    /// One sheet of the form.
    public struct Sheet: Sendable {
        /// The schema sheet.
        public var schema: SheetSchema
        /// The tab name.
        public var name: String
        /// The rows, in order (one for a form sheet).
        public var rows: [Row]
        /// Cells filled with formulas (computed fields, totals).
        public var formulas: Set<CellReference>
        /// Cells a school types into (unlocked).
        public var inputs: Set<CellReference>
    }

    /// The form's sheets, in order.
    public var sheets: [Sheet]
    /// Every sheet the file has, in order (the form's, instructions, explanations, lists).
    public var sheetNames: [String]

    /// The layout of the form sheet with this id.
    public func sheet(_ id: String) -> Sheet? { sheets.first { $0.schema.id == id } }
}
