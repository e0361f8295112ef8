/// Width, visibility and default style of a run of columns.
public struct ColumnSetup: Hashable, Sendable {
    /// First column, zero-based.
    public var first: Int
    /// Last column, inclusive.
    public var last: Int
    /// Width in characters of the default font (Excel's unit); nil for the default width.
    public var width: Double?
    /// Whether the columns are hidden.
    public var hidden: Bool

    /// Columns `first...last`.
    public init(_ first: Int, _ last: Int? = nil, width: Double? = nil, hidden: Bool = false) {
        self.first = first
        self.last = last ?? first
        self.width = width
        self.hidden = hidden
    }
}

/// How a sheet prints: on A4, turned and scaled so that its columns fit the page's width, its
/// heading rows on every page.
public struct PageSetup: Hashable, Sendable {
    public enum Orientation: String, Hashable, Sendable { case portrait, landscape }
    public var orientation: Orientation
    /// Scaled so that the columns fit this many pages across; nil: at 100 %.
    public var fitToWidth: Int?
    /// With `fitToWidth`, scaled further so that the rows fit this many pages down; nil: as many as they need.
    public var fitToHeight: Int?
    /// Rows printed at the top of every page, zero-based.
    public var repeatRows: ClosedRange<Int>?

    /// A page setup.
    public init(orientation: Orientation = .portrait, fitToWidth: Int? = 1, fitToHeight: Int? = nil, repeatRows: ClosedRange<Int>? = nil) {
        self.orientation = orientation
        self.fitToWidth = fitToWidth
        self.fitToHeight = fitToHeight
        self.repeatRows = repeatRows
    }

    /// A4 fitted to the width: landscape when the columns through `last` are wider than a portrait
    /// page holds at a readable scale (about 100 characters of the default font).
    public static func a4(columns: [ColumnSetup], defaultWidth: Double = 9.140625, through last: Int, repeatRows: ClosedRange<Int>? = nil) -> PageSetup {
        var width = 0.0
        for c in 0...max(0, last) {
            guard let setup = columns.first(where: { $0.first <= c && c <= $0.last }) else { width += defaultWidth; continue }
            if !setup.hidden { width += setup.width ?? defaultWidth }
        }
        return PageSetup(orientation: width > 100 ? .landscape : .portrait, fitToWidth: 1, repeatRows: repeatRows)
    }
}

/// What a sheet needs to be known before its first row is written: the formats put
/// columns, panes and validations ahead of the cells (ODS even on each cell).
public struct SheetSetup: Sendable {
    /// The tab name; see `SheetName` for the rules.
    public var name: String
    /// Shown or hidden.
    public var visibility: SheetVisibility
    /// Column widths and hidden columns.
    public var columns: [ColumnSetup]
    /// Rows kept in view at the top when scrolling (a frozen header).
    public var frozenRows: Int
    /// Columns kept in view at the left.
    public var frozenColumns: Int
    /// The range given filter buttons (its first row is the header).
    public var autoFilter: CellRange?
    /// Merged ranges; more may be added while writing, before their first row.
    public var merges: [CellRange]
    /// Data validation: drop-down lists, ranges, custom checks, with their messages.
    public var validations: [DataValidation]
    /// Looks applied while a formula holds, first first (a cell several cover takes the first that holds).
    public var conditionalFormats: [ConditionalFormat] = []
    /// Protect the sheet (without a password) so that only unlocked cells can be edited.
    public var isProtected: Bool
    /// The tab colour.
    public var tabColor: Color?
    /// How it prints; nil for the program's defaults.
    public var page: PageSetup?

    /// A sheet with nothing set but its name.
    public init(name: String, visibility: SheetVisibility = .visible, columns: [ColumnSetup] = [],
                frozenRows: Int = 0, frozenColumns: Int = 0, autoFilter: CellRange? = nil,
                merges: [CellRange] = [], validations: [DataValidation] = [], isProtected: Bool = false,
                tabColor: Color? = nil, page: PageSetup? = nil) {
        self.name = name
        self.visibility = visibility
        self.columns = columns
        self.frozenRows = frozenRows
        self.frozenColumns = frozenColumns
        self.autoFilter = autoFilter
        self.merges = merges
        self.validations = validations
        self.isProtected = isProtected
        self.tabColor = tabColor
        self.page = page
    }
}

extension SheetSetup {
    /// The setup printing on A4 (`PageSetup.a4`) when it says nothing of printing: fitted to the
    /// width of its columns (through `last`, or the last one set or filtered), its frozen rows on every page.
    public func printable(through last: Int? = nil) -> SheetSetup {
        guard page == nil else { return self }
        var s = self
        let end = last ?? max(columns.map(\.last).max() ?? 0, autoFilter?.end.column ?? 0)
        s.page = .a4(columns: columns, through: end, repeatRows: frozenRows > 0 ? 0...(frozenRows - 1) : nil)
        return s
    }
}

/// Workbook metadata: title, author, dates, and custom properties (svod's form id lives there).
public struct DocumentProperties: Sendable, Equatable {
    /// The title.
    public var title: String?
    /// The subject.
    public var subject: String?
    /// The author.
    public var creator: String?
    /// A description.
    public var description: String?
    /// Keywords.
    public var keywords: String?
    /// When the document was created, UTC; nil for now.
    public var created: CivilDateTime?
    /// Custom text properties, in order.
    public var custom: [(name: String, value: String)]
    /// When it was last changed, UTC; nil for now. Given, it also dates the zip's entries, so
    /// the same content gives the same bytes (a consolidation is compared with `cmp`).
    public var modified: CivilDateTime?

    /// Properties; all optional.
    public init(title: String? = nil, subject: String? = nil, creator: String? = nil, description: String? = nil,
                keywords: String? = nil, created: CivilDateTime? = nil, custom: [(name: String, value: String)] = []) {
        self.title = title
        self.subject = subject
        self.creator = creator
        self.description = description
        self.keywords = keywords
        self.created = created
        self.custom = custom
    }

    public static func == (a: DocumentProperties, b: DocumentProperties) -> Bool {
        a.title == b.title && a.subject == b.subject && a.creator == b.creator && a.description == b.description
            && a.keywords == b.keywords && a.created == b.created && a.modified == b.modified
            && a.custom.map(\.name) == b.custom.map(\.name) && a.custom.map(\.value) == b.custom.map(\.value)
    }
}
