/// A look a spreadsheet program gives cells while a formula holds: Excel's and Р7-Офис's
/// conditional formatting, an ODS style map. The programs evaluate it as a person types.
public struct ConditionalFormat: Hashable, Sendable {
    /// The cells it colours.
    public var ranges: [CellRange]
    /// A formula in Excel syntax, written for the top-left cell of the first range (its relative
    /// references move with each cell, as in a cell formula copied down), true when the look applies.
    public var formula: String
    /// The look: the fill, the font's colour, bold and italic count; the rest is the cell's own.
    public var style: CellStyle

    /// A conditional format over `ranges`.
    public init(ranges: [CellRange], formula: String, style: CellStyle) {
        self.ranges = ranges
        self.formula = formula
        self.style = style
    }

    /// The cell its formula is written for: relative references count from here.
    public var anchor: CellReference { ranges.first?.start ?? CellReference(row: 0, column: 0) }
}

extension ConditionalFormat {
    /// Refuses a format no program would take: no cells, no formula, or one longer than Excel's 8 192 characters.
    public func check(sheet: String) throws {
        guard !ranges.isEmpty, !formula.isEmpty, formula.utf16.count <= 8_192 else {
            throw WriteError.misuse("a conditional format of '\(sheet)' has no cells, no formula, or a formula over 8192 characters")
        }
    }
}
