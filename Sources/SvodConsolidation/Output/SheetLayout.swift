import SvodSchema
import SvodWorkbook

/// Where a consolidated form sheet puts things, fixed before its first row is written so that
/// formulas can point at school rows below and at other sheets' total rows: a title row, the
/// header, one row per school record, a blank row, the city rows per key, the grand total, and
/// for да/нет fields the share of schools answering «да».
public struct ConsolidatedSheetLayout {
    /// Columns before the fields: the school's short name, its code, its district.
    public static let leadColumns = 3
    /// The tab name.
    public let name: String
    public let sheet: SheetSchema
    /// Fields shown, in column order from `leadColumns`: keys first, then consolidated fields.
    public let fields: [FieldSchema]
    /// 0-based rows.
    public let firstSchoolRow = 2
    public let schoolRows: Int
    /// The city rows' keys, in order (none for a form sheet).
    public let keyedRows: Int
    /// Whether a share row follows the total (the sheet has да/нет fields).
    public let hasShareRow: Bool

    /// A layout for `sheet` with `schoolRows` school records and `keyedRows` city keys.
    public init(name: String, sheet: SheetSchema, form: FormSchema, schoolRows: Int, keyedRows: Int) {
        self.name = name
        self.sheet = sheet
        let keys = sheet.layout == .table ? sheet.key.compactMap(sheet.field) : []
        let shown = sheet.fields.filter { f in
            if keys.contains(where: { $0.code == f.code }) { return false }
            return form.aggregate(of: f, in: sheet) != .none
        }
        fields = keys + shown
        self.schoolRows = schoolRows
        self.keyedRows = sheet.layout == .table ? keyedRows : 0
        hasShareRow = shown.contains { $0.type == .boolean }
    }

    /// The last school row (0-based); one before the first when there are none.
    public var lastSchoolRow: Int { firstSchoolRow + schoolRows - 1 }
    /// The first city row (after a blank row).
    public var firstCityRow: Int { lastSchoolRow + 2 }
    /// The grand total's row.
    public var totalRow: Int { firstCityRow + keyedRows }
    /// The share row, when there is one.
    public var shareRow: Int { totalRow + 1 }

    /// The column of a field, 0-based.
    public func column(of code: String) -> Int? {
        fields.firstIndex { $0.code == code }.map { $0 + Self.leadColumns }
    }

    /// `$C$3:$C$64`: a field's school rows (an empty sheet's range is its blank row, which sums to nothing).
    public func schoolRange(_ column: Int) -> String {
        let c = CellReference.columnName(column)
        let last = max(lastSchoolRow, firstSchoolRow)
        return "$\(c)$\(firstSchoolRow + 1):$\(c)$\(last + 1)"
    }

    /// `'ВПР'!$F$70`: a cell of this sheet as another sheet's formula names it.
    public func absolute(row: Int, column: Int, fromOtherSheet: Bool) -> String {
        let ref = "$\(CellReference.columnName(column))$\(row + 1)"
        return fromOtherSheet ? "'\(name.replacingOccurrences(of: "'", with: "''"))'!\(ref)" : ref
    }
}
