/// A formula and the syntax it is written in.
public struct Formula: Hashable, Sendable {
    /// The text: Excel syntax without the leading `=`, or OpenFormula with its `of:=` prefix.
    public var text: String
    /// Which syntax `text` is in; writers translate to their own.
    public var dialect: FormulaDialect

    /// A formula in a dialect.
    public init(_ text: String, dialect: FormulaDialect = .excel) {
        self.text = text
        self.dialect = dialect
    }
}

/// A note attached to a cell (an Excel comment, an ODS annotation).
public struct Comment: Hashable, Sendable {
    /// The text; newlines allowed.
    public var text: String
    /// Who wrote it.
    public var author: String

    /// A comment.
    public init(_ text: String, author: String = "svod") {
        self.text = text
        self.author = author
    }
}

/// One cell to write.
public struct OutputCell: Sendable {
    /// Zero-based column.
    public var column: Int
    /// The value, or the cached result of the formula.
    public var value: CellValue
    /// A formula, written with `value` as its cached result.
    public var formula: Formula?
    /// A registered style; nil for the default look (dates still get a date format).
    public var style: StyleID?
    /// A note on the cell.
    public var comment: Comment?

    /// A cell.
    public init(column: Int, value: CellValue, formula: Formula? = nil, style: StyleID? = nil, comment: Comment? = nil) {
        self.column = column
        self.value = value
        self.formula = formula
        self.style = style
        self.comment = comment
    }
}

/// One row to write; rows go in increasing `index`, cells in increasing `column`.
public struct OutputRow: Sendable {
    /// Zero-based row index.
    public var index: Int
    /// The cells.
    public var cells: [OutputCell]
    /// Height in points; nil for automatic.
    public var height: Double?
    /// Whether the row is hidden.
    public var hidden: Bool
    /// How many identical rows this stands for.
    public var repeatCount: Int

    /// A row.
    public init(index: Int, cells: [OutputCell], height: Double? = nil, hidden: Bool = false, repeatCount: Int = 1) {
        self.index = index
        self.cells = cells
        self.height = height
        self.hidden = hidden
        self.repeatCount = repeatCount
    }
}
