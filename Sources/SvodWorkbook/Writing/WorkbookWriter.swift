/// A workbook being written, one sheet and one row at a time.
///
/// Call order: `style(_:)` any time; then for each sheet `beginSheet`, rows in increasing
/// index, `endSheet`; `defineName` any time; finally `finish()` — only then does the output
/// file appear, whole. Dropping the writer or calling `cancel()` leaves nothing behind.
public protocol WorkbookWriter: AnyObject {
    /// The format written.
    var format: SpreadsheetFormat { get }
    /// Workbook metadata, written at `finish()`.
    var properties: DocumentProperties { get set }
    /// Registers a style; the same style always gets the same id.
    func style(_ style: CellStyle) -> StyleID
    /// Starts a sheet; the previous one must have ended.
    func beginSheet(_ setup: SheetSetup) throws
    /// Adds a merged range to the current sheet, before its first row is written.
    func merge(_ range: CellRange) throws
    /// Writes a row of the current sheet.
    func write(_ row: OutputRow) throws
    /// Ends the current sheet.
    func endSheet() throws
    /// Defines a name; `refersTo` is in `dialect` syntax (`'Лист'!$A$1:$B$2` or `$'Лист'.$A$1:.$B$2`).
    func defineName(_ name: DefinedName, dialect: FormulaDialect) throws
    /// Completes the file and moves it into place.
    func finish() throws
    /// Abandons the file; the target is left as it was.
    func cancel()
    /// Whether the format can hold this validation (a copy leaves out those it cannot, and says so).
    func accepts(_ validation: DataValidation) -> Bool
    /// Whether the format can hold this conditional format.
    func accepts(_ format: ConditionalFormat) -> Bool
}

extension WorkbookWriter {
    /// Any validation, for writers that check none.
    public func accepts(_ validation: DataValidation) -> Bool { true }
    /// Any conditional format, for writers that check none.
    public func accepts(_ format: ConditionalFormat) -> Bool { true }
}

/// Choices every writer honours.
public struct WriteOptions: Sendable {
    /// What to do with characters XML cannot carry (control characters) where the format has no escape for them.
    public enum IllegalCharacters: Sendable {
        /// Refuse the cell with an error naming it.
        case refuse
        /// Replace each with U+FFFD and count them (`WorkbookWriter` reports them through `replacedCharacters`).
        case replace
    }

    /// zlib level for the parts: 1 is fastest, 9 smallest.
    public var compressionLevel: Int32
    /// Control characters in text.
    public var illegalCharacters: IllegalCharacters
    /// The program named in the file's metadata.
    public var application: String

    /// Options; level 3 costs a third of the default level's time for files about 10% larger.
    public init(compressionLevel: Int32 = 3, illegalCharacters: IllegalCharacters = .refuse, application: String = "svod") {
        self.compressionLevel = compressionLevel
        self.illegalCharacters = illegalCharacters
        self.application = application
    }
}
