import SvodSchema
import SvodWorkbook

/// A file bound to a form: for each sheet of the form, the workbook sheet it was found in and
/// its records, each field with its cell and its value read as the field's type.
public struct BoundSubmission: Sendable {
    /// The form.
    public let form: FormSchema
    /// Bound sheets by sheet id (absent when the file lacks the sheet).
    public var sheets: [String: BoundSheet]
    /// What binding noticed: renamed sheets, moved columns, missing sheets and columns.
    public var findings: [Finding]
}

/// One sheet of a submission.
public struct BoundSheet: Sendable {
    /// The sheet's schema.
    public let schema: SheetSchema
    /// The tab name in the file.
    public let name: String
    /// Records: one per data row of a table, one for a form sheet.
    public var records: [BoundRecord]
    /// Fields found, with the column they were found in (tables).
    public var columns: [String: Int]
}

/// One record: a table's data row, or a form sheet's cells.
public struct BoundRecord: Sendable {
    /// 0-based row of a table's record (for a form sheet, its first field's row).
    public let row: Int
    /// Each bound field's cell and value.
    public var values: [String: BoundValue]
}

/// A field's value with where it came from.
public struct BoundValue: Sendable {
    /// The cell.
    public let cell: CellReference
    /// What the cell held.
    public let raw: CellValue
    /// The value as the field's type, with notes and problems.
    public let coercion: Coercion
}
