import SvodLocale
import SvodWorkbook

/// One value of a checked file as the validator read it: which sheet, which row (by its key),
/// which field, from which cell, and typed. The import keeps these for an accepted file.
public struct ReadValue: Sendable {
    /// The form's sheet id.
    public let sheetID: String
    /// The tab name in the file.
    public let sheet: String
    /// The row's key as a person names it («4, Русский язык»); nil on a form sheet.
    public let rowKey: String?
    /// The row's key by field code and list code («class»: "4", «subject»: "rus»); empty on a form sheet.
    public let key: [String: String]
    /// The field's code.
    public let field: String
    /// The cell it was read from.
    public let cell: CellReference
    /// The value as its field's type; a code field's as its list item's code.
    public let value: FieldValue
}

/// Receives every value a validation reads, as it reads it (memory stays flat: nothing is kept here).
public protocol ReadValueSink: AnyObject {
    func take(_ value: ReadValue)
}
