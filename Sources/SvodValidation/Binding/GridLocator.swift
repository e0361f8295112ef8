import SvodSchema
import SvodWorkbook

/// Finds a statistical form's cells by their codes, the way the form itself addresses them:
/// the row whose «№ строки» cell holds the row code, the column whose number (in the row of
/// column numbers under the header) is the column code. Rows or columns a school inserted do
/// not move a value; a file that lost its codes is read at the template's places, with a note.
struct GridLocator {
    /// Texts of the header cell over the row codes.
    static let rowCodeHeaders: Set<String> = ["№ строки", "№ стр.", "№ стр", "код строки", "номер строки", "n строки", "строка", "№"]
        .reduce(into: []) { $0.insert(ValueCoercion.normalizedKey($1)) }

    private var rows: [String: Int] = [:]
    private var columns: [String: Int] = [:]

    init(_ grid: GridSchema, sheet: Sheet) {
        guard let last = sheet.lastCell, let header = Self.rowCodeHeader(in: sheet), header.row < last.row else { return }
        let wanted = Set(grid.columns.map { Self.code($0.code) })
        // The column numbers stand in one of the next rows: the one naming most of the schema's columns.
        var best: (row: Int, columns: [String: Int])?
        for r in (header.row + 1)...min(header.row + 3, last.row) {
            // The row of column numbers gives the row-code column its own number, 2: a data row
            // (a row code there) is never taken for it.
            guard Self.code(sheet[CellReference(row: r, column: header.column)]) == "2" else { continue }
            var found: [String: Int] = [:]
            for c in (header.column + 1)...max(header.column + 1, last.column) {
                if let code = Self.code(sheet[CellReference(row: r, column: c)]), wanted.contains(code), found[code] == nil { found[code] = c }
            }
            if found.count > (best?.columns.count ?? 0) { best = (r, found) }
        }
        guard let numbers = best else { return }
        columns = numbers.columns
        for r in (numbers.row + 1)...max(numbers.row + 1, last.row) {
            if let code = Self.code(sheet[CellReference(row: r, column: header.column)]), rows[code] == nil { rows[code] = r }
        }
    }

    /// Whether the file shows its codes at all (then a code it lacks means a value it lacks).
    var found: Bool { !rows.isEmpty && !columns.isEmpty }

    /// The cell of a row code × column code in this file, if both codes are there.
    func cell(row: String, column: String) -> CellReference? {
        guard let r = rows[Self.code(row)], let c = columns[Self.code(column)] else { return nil }
        return CellReference(row: r, column: c)
    }

    /// The first such header in reading order (the sheet's cells are looked at once, not sorted).
    private static func rowCodeHeader(in sheet: Sheet) -> CellReference? {
        sheet.cells.compactMap { ref, cell -> CellReference? in
            guard case .text(let t) = cell.value, rowCodeHeaders.contains(ValueCoercion.normalizedKey(t)) else { return nil }
            return ref
        }.min { ($0.row, $0.column) < ($1.row, $1.column) }
    }

    /// A code as compared: trimmed, and digits without leading zeros («01», 1 and «1» are one code).
    static func code(_ s: String) -> String {
        let t = ValueCoercion.normalizedKey(s)
        if !t.isEmpty, t.allSatisfy(\.isASCII), t.allSatisfy(\.isNumber) {
            let stripped = t.drop { $0 == "0" }
            return stripped.isEmpty ? "0" : String(stripped)
        }
        return t
    }

    static func code(_ v: CellValue) -> String? {
        switch v {
        case .text(let t): return t.isEmpty ? nil : code(t)
        case .number(let x) where x == x.rounded() && abs(x) < 1e9: return String(Int(x))
        default: return nil
        }
    }
}
