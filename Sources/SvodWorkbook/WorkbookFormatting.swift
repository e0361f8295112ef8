import SvodLocale

/// How a read workbook looks, for copies that keep it (`svod convert`): readers that can say
/// conform. Reading values never needs it.
public protocol WorkbookFormatting: AnyObject {
    /// Whether rows also yield cells that have a look and no value (`value == .empty`, `style` set):
    /// a template's empty yellow, bordered input cells. Off by default.
    var readsStyledBlanks: Bool { get set }
    /// The cell styles a cell's `style` indexes; index 0 is the workbook's default look.
    func cellStyles() throws -> [CellStyle]
    /// The sheet's columns, frozen panes, protection, tab colour and row heights.
    func layout(ofSheet index: Int) throws -> SheetLayout
    /// Title, subject, author, description, keywords and the custom properties.
    func documentProperties() throws -> DocumentProperties
}

/// A sheet's layout as read: what `SheetSetup` says (its name, visibility and merges aside) and
/// the rows of their own height or hidden.
public struct SheetLayout: Sendable {
    /// Columns, panes, protection, tab colour (validations and printing where the reader has them).
    public var setup: SheetSetup
    /// Rows with a height of their own or hidden, by zero-based index.
    public var rows: [Int: RowLook]
    /// Notes by cell.
    public var comments: [CellReference: Comment] = [:]
    /// What the sheet has that the reader does not carry over (for the copy's report).
    public var dropped: [LocalizedText] = []

    /// A layout.
    public init(setup: SheetSetup = SheetSetup(name: ""), rows: [Int: RowLook] = [:]) {
        self.setup = setup
        self.rows = rows
    }
}

/// A row's own height and visibility.
public struct RowLook: Hashable, Sendable {
    /// Height in points; nil for automatic.
    public var height: Double?
    /// Hidden.
    public var hidden: Bool

    /// A row's look.
    public init(height: Double? = nil, hidden: Bool = false) {
        self.height = height
        self.hidden = hidden
    }
}
