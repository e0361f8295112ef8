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
    public var values: FieldValues
}

/// A record's values by field, stored by the field's position in its sheet: records are made
/// for every row of a table, and a dictionary per row cost more than the checks themselves.
public struct FieldValues: Sendable {
    /// The sheet's field codes and their positions, shared by all its records.
    public final class Layout: Sendable {
        /// Codes in field order.
        public let codes: [String]
        let index: [String: Int]

        /// The layout of a sheet's fields.
        public init(_ codes: [String]) {
            self.codes = codes
            index = Dictionary(codes.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        }

        /// A field's position.
        public func position(_ code: String) -> Int? { index[code] }
    }

    /// The layout.
    public let layout: Layout
    private var slots: [BoundValue?]

    /// No values yet.
    public init(_ layout: Layout) {
        self.layout = layout
        slots = Array(repeating: nil, count: layout.codes.count)
    }

    /// The value of a field by code.
    public subscript(code: String) -> BoundValue? {
        get { layout.position(code).flatMap { slots[$0] } }
        set { if let i = layout.position(code) { slots[i] = newValue } }
    }

    /// The value of a field by position.
    public subscript(position i: Int) -> BoundValue? {
        get { slots[i] }
        set { slots[i] = newValue }
    }

    /// Every bound value with its code.
    public var all: [(code: String, value: BoundValue)] {
        slots.enumerated().compactMap { i, v in v.map { (layout.codes[i], $0) } }
    }
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
