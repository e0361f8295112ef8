/// The file formats svod reads.
public enum SpreadsheetFormat: String, Sendable {
    /// Office Open XML workbook (.xlsx, .xlsm), Transitional or Strict.
    case xlsx
    /// OpenDocument spreadsheet in a zip (.ods).
    case ods
    /// OpenDocument spreadsheet as one flat XML file (.fods).
    case fods
    /// Comma- (or semicolon-, tab-) separated text: one sheet of values.
    case csv
    /// svod's own JSON (the `inspect` shape).
    case json
}

/// A workbook opened for reading, each sheet streamed on request.
///
/// XLSX lists its sheets up front; ODS names them only inside its one content part, so
/// for ODS `sheets` and `definedNames` may cost a pass over the file, while `readSheets`
/// visits every sheet in a single pass for either format.
public protocol WorkbookReader: AnyObject {
    /// The format read.
    var format: SpreadsheetFormat { get }
    /// Sheets in workbook order.
    var sheets: [SheetInfo] { get throws }
    /// Defined names (named ranges).
    var definedNames: [DefinedName] { get throws }
    /// The date system serial numbers were converted with.
    var dateSystem: DateSystem { get }
    /// Starts streaming the rows of the sheet at `index`; chart sheets yield no rows.
    func rows(ofSheet index: Int) throws -> SheetRowReader
    /// Visits every sheet in order in one pass; each visit may read its rows or leave them.
    func readSheets(_ visit: (Int, SheetInfo, SheetRowReader) throws -> Void) throws
    /// Custom document properties (XLSX `docProps/custom.xml`, ODS user-defined metadata):
    /// svod's templates record their form and version there.
    var customProperties: [String: String] { get throws }
}

/// Rows of one sheet in order, read on demand; memory does not grow with the row count.
public protocol SheetRowReader: AnyObject {
    /// The next row with at least one cell, or nil at the end of the sheet.
    func nextRow() throws -> Row?
    /// Merged ranges; complete once `nextRow()` has returned nil.
    var merges: [CellRange] { get }
    /// Whether the sheet is already parsed on a thread of its own, so that a consumer gains
    /// nothing by reading ahead on another.
    var parsesAhead: Bool { get }
}

extension SheetRowReader {
    /// Rows read on the caller's thread, by default.
    public var parsesAhead: Bool { false }
}

extension WorkbookReader {
    /// None, for formats without document properties (CSV, JSON).
    public var customProperties: [String: String] { [:] }

    /// The index of the sheet with this name.
    public func sheetIndex(named name: String) throws -> Int? {
        try sheets.firstIndex { $0.name == name }
    }

    /// Visits the sheets one after another through `rows(ofSheet:)`.
    public func readSheetsByIndex(_ visit: (Int, SheetInfo, SheetRowReader) throws -> Void) throws {
        for (i, info) in try sheets.enumerated() {
            try visit(i, info, try rows(ofSheet: i))
        }
    }
}
