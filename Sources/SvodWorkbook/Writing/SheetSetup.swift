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
    /// Protect the sheet (without a password) so that only unlocked cells can be edited.
    public var isProtected: Bool
    /// The tab colour.
    public var tabColor: Color?

    /// A sheet with nothing set but its name.
    public init(name: String, visibility: SheetVisibility = .visible, columns: [ColumnSetup] = [],
                frozenRows: Int = 0, frozenColumns: Int = 0, autoFilter: CellRange? = nil,
                merges: [CellRange] = [], validations: [DataValidation] = [], isProtected: Bool = false,
                tabColor: Color? = nil) {
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
