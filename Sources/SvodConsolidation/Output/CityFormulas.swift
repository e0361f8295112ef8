import SvodExpressions
import SvodSchema
import SvodWorkbook

/// The formulas of a consolidated sheet's city rows, over its school rows (Excel syntax; the
/// writers translate for ODS): SUMIFS by the row's key, the rules' shares over the row's own
/// sums, weighted means through SUMPRODUCT, да/нет through COUNTIFS.
struct CityFormulas {
    let form: FormSchema
    let layout: ConsolidatedSheetLayout
    /// Layouts of the form's other sheets, for rules that read them.
    let others: [String: ConsolidatedSheetLayout]

    /// The conditions selecting the school rows with the key of city row `row` (none for the grand total).
    private func conditions(row: Int, keyed: Bool) -> [(range: String, cell: String)] {
        guard keyed else { return [] }
        return layout.sheet.key.compactMap { code in
            layout.column(of: code).map { (layout.schoolRange($0), "$\(CellReference.columnName($0))\(row + 1)") }
        }
    }

    /// The formula of `field` in city row `row`; nil where a spreadsheet cannot compute it (LOOKUP).
    func formula(_ field: FieldSchema, row: Int, keyed: Bool) -> String? {
        guard let column = layout.column(of: field.code) else { return nil }
        let range = layout.schoolRange(column)
        let cond = conditions(row: row, keyed: keyed)
        let criteria = cond.map { ",\($0.range),\($0.cell)" }.joined()
        switch form.aggregate(of: field, in: layout.sheet) {
        case .sum: return cond.isEmpty ? "SUM(\(range))" : "SUMIFS(\(range)\(criteria))"
        case .max: return cond.isEmpty ? "MAX(\(range))" : "_xlfn.MAXIFS(\(range)\(criteria))"
        case .min: return cond.isEmpty ? "MIN(\(range))" : "_xlfn.MINIFS(\(range)\(criteria))"
        case .count: return "COUNTIFS(\(range),\"да\"\(criteria))"
        case .mean(let w):
            guard let wc = layout.column(of: w) else { return nil }
            let selected = cond.map { "(\($0.range)=\($0.cell))*" }.joined()
            let weights = layout.schoolRange(wc)
            let denominator = "SUMPRODUCT(\(selected)ISNUMBER(\(range))*\(weights))"
            let places = PublishedValues.places(field) ?? 2
            return "IF(\(denominator)=0,\"\",ROUND(SUMPRODUCT(\(selected)\(range)*\(weights))/\(denominator),\(places)))"
        case .rule:
            return ruleFormula(field, row: row)
        case .group, .none:
            return nil
        }
    }

    /// The share of schools answering «да» among those answering, for the share row.
    func share(_ field: FieldSchema) -> String? {
        guard let column = layout.column(of: field.code) else { return nil }
        let range = layout.schoolRange(column)
        let answered = "(COUNTIF(\(range),\"да\")+COUNTIF(\(range),\"нет\"))"
        return "IF(\(answered)=0,\"\",ROUND(COUNTIF(\(range),\"да\")/\(answered)*100,1))"
    }

    private func ruleFormula(_ field: FieldSchema, row: Int) -> String? {
        guard let (expression, when) = form.computation(of: field.code, sheet: layout.sheet.id) else { return nil }
        return ComputedFormula.excel(expression, when: when, places: PublishedValues.places(field)) { name in
            guard let dot = name.firstIndex(of: ".") else {
                return layout.column(of: name).map { "\(CellReference.columnName($0))\(row + 1)" }
            }
            let sheetID = String(name[..<dot]), code = String(name[name.index(after: dot)...])
            guard let other = others[sheetID], let c = other.column(of: code) else { return nil }
            if other.sheet.layout == .form || other.keyedRows == 0 {
                return other.absolute(row: other.totalRow, column: c, fromOtherSheet: true)
            }
            // A table's column inside an aggregate: its city rows per key.
            let first = other.absolute(row: other.firstCityRow, column: c, fromOtherSheet: true)
            return first + ":" + "$\(CellReference.columnName(c))$\(other.totalRow)"
        }
    }
}
