/// A cell's value as the file states it, typed the way the corpus and readers type it.
public enum CellValue: Sendable, Equatable {
    /// No value (an empty cell, or a formula with no cached result).
    case empty
    /// A number.
    case number(Double)
    /// Text.
    case text(String)
    /// TRUE or FALSE.
    case bool(Bool)
    /// A calendar date, possibly with a time of day.
    case date(CivilDateTime)
    /// A time of day, in seconds since midnight.
    case time(Double)
    /// An elapsed time, in seconds.
    case duration(Double)
    /// An error literal such as `#DIV/0!`.
    case error(String)

    /// Whether this is `.empty` or empty text: both are "nothing there" for readers.
    public var isEmpty: Bool {
        switch self {
        case .empty: return true
        case .text(let s): return s.isEmpty
        default: return false
        }
    }
}

/// One non-empty cell of a row (or an empty one that carries a formula).
public struct Cell: Sendable, Equatable {
    /// Zero-based column.
    public var column: Int
    /// The value, or the cached result of the formula.
    public var value: CellValue
    /// The formula text as stored (XLSX without the leading `=`; ODS with its `of:` prefix).
    public var formula: String?
    /// Whether the number is shown as a percentage: the cell holds 0.817 for «81,7 %», which a
    /// percent field must read as 81.7.
    public var isPercent: Bool
    /// The cell's look, as an index into its reader's `WorkbookFormatting.cellStyles()`; 0 the default.
    public var style: Int

    /// A cell at a column.
    public init(column: Int, value: CellValue, formula: String? = nil, isPercent: Bool = false, style: Int = 0) {
        self.column = column
        self.value = value
        self.formula = formula
        self.isPercent = isPercent
        self.style = style
    }
}

/// One row of a sheet as it streams out of a reader.
public struct Row: Sendable, Equatable {
    /// Zero-based row index of the first row this describes.
    public var index: Int
    /// How many identical consecutive rows this stands for (ODS `number-rows-repeated`).
    public var repeatCount: Int
    /// Cells in column order, empty cells left out.
    public var cells: [Cell]

    /// A row at an index.
    public init(index: Int, repeatCount: Int = 1, cells: [Cell]) {
        self.index = index
        self.repeatCount = repeatCount
        self.cells = cells
    }
}

/// Whether a sheet shows in the tab bar.
public enum SheetVisibility: String, Sendable {
    /// Shown.
    case visible
    /// Hidden, can be unhidden from the menu.
    case hidden
    /// Hidden, can be unhidden only by a program (`veryHidden`).
    case veryHidden = "veryhidden"
}

/// What a sheet holds.
public enum SheetKind: String, Sendable {
    /// Cells.
    case worksheet
    /// A chart sheet: listed, never read as cells.
    case chart
    /// A dialog or macro sheet: listed, never read as cells.
    case other
}

/// A sheet as the workbook lists it.
public struct SheetInfo: Sendable, Equatable {
    /// The tab name.
    public var name: String
    /// Shown or hidden.
    public var visibility: SheetVisibility
    /// Worksheet, chart or other.
    public var kind: SheetKind

    /// A sheet entry.
    public init(name: String, visibility: SheetVisibility = .visible, kind: SheetKind = .worksheet) {
        self.name = name
        self.visibility = visibility
        self.kind = kind
    }
}

/// A named range or formula defined in the workbook.
public struct DefinedName: Sendable, Equatable {
    /// The name, e.g. `Итого` or `_xlnm.Print_Area`.
    public var name: String
    /// What it refers to, as written (e.g. `'ВПР'!$A$1:$F$20`).
    public var refersTo: String
    /// The sheet it is local to, by index in the workbook's order, or nil if global.
    public var localSheet: Int?

    /// A defined name.
    public init(name: String, refersTo: String, localSheet: Int? = nil) {
        self.name = name
        self.refersTo = refersTo
        self.localSheet = localSheet
    }
}
