import Foundation
import SvodSchema
import SvodWorkbook

/// A Section II table of the programme, written as the seed lays it out from the consolidation
/// of its period and of the periods before it (`earlier`): the sheet the department prints.
struct ProgrammeTableSheet {
    let catalog: SchemaCatalog
    let table: ProgrammeTable
    let form: FormSchema
    /// The form's consolidation for each period offset the table needs (0 is the period itself).
    let consolidations: [Int: FormConsolidation]
    /// The period consolidated, as its title sheets write it.
    let period: String
    let styles: ConsolidationStyles

    /// The name of the period `offset` years back.
    func periodName(_ offset: Int) -> String {
        guard let n = form.period.ordinal(period) else { return period }
        return form.period.name(n + offset)
    }

    func write(to w: WorkbookWriter, name: String) throws {
        let headers = header()
        try w.beginSheet(SheetSetup(name: name, columns: [ColumnSetup(0, width: 44)] + (1..<max(headers.count, 2)).map { ColumnSetup($0, width: 16) },
                                    frozenRows: 2))
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text(table.title), style: styles.title)]))
        try w.write(OutputRow(index: 1, cells: headers.enumerated().map { OutputCell(column: $0, value: .text($1), style: styles.header) }))
        var index = 2
        for row in body() {
            try w.write(OutputRow(index: index, cells: row.enumerated().compactMap { c, v in v.map { cell($0, column: c, bold: false) } }))
            index += 1
        }
        try w.endSheet()
    }

    /// A value of the table: a label, a number at its published places, or «—» for no data.
    enum Value { case label(String), number(Decimal, Int?), none }

    private func cell(_ v: Value, column: Int, bold: Bool) -> OutputCell {
        switch v {
        case .label(let s): return OutputCell(column: column, value: .text(s), style: styles.totalLabel)
        case .number(let d, let places): return OutputCell(column: column, value: .number(NSDecimalNumber(decimal: d).doubleValue), style: styles.total(places: places))
        case .none: return OutputCell(column: column, value: .text("—"), style: styles.centered)
        }
    }

    private func header() -> [String] {
        if !table.columns.isEmpty {
            return [table.rowHeader] + table.columns.map { $0.label.replacingOccurrences(of: "{period}", with: periodName($0.offset)) }
        }
        // One measure needs no column of its own: its name is the table's subject.
        let lead = table.measures.count > 1 ? [table.rowHeader, ""] : [table.rowHeader]
        return lead + table.periods.map(periodName)
    }

    private func body() -> [[Value?]] {
        if !table.indicators.isEmpty {
            return table.indicators.map { i in [.label(i.label)] + table.periods.map { value(i.field, sheet: i.sheet, key: i.key, offset: $0) } }
        }
        guard let sheet = form.sheet(table.sheet) else { return [] }
        var keys = rowKeys(sheet)
        if let total = table.total { keys.append((total, [:])) }
        var out: [[Value?]] = []
        for (label, key) in keys {
            if !table.columns.isEmpty {
                out.append([.label(label)] + table.columns.map { c in
                    c.field.map { value($0, sheet: sheet.id, key: key, offset: c.offset) } ?? schools(sheet.id, key: key, offset: c.offset)
                })
            } else {
                for (i, m) in table.measures.enumerated() {
                    let lead: [Value?] = table.measures.count > 1 ? [i == 0 ? .label(label) : nil, .label(m.label)] : [.label(label)]
                    out.append(lead + table.periods.map { p in
                        m.field.map { value($0, sheet: sheet.id, key: key, offset: p) } ?? schools(sheet.id, key: key, offset: p)
                    })
                }
            }
        }
        return out
    }

    /// The keyed rows to show: the listed codes in their order, else every row of the period, in list order.
    private func rowKeys(_ sheet: SheetSchema) -> [(String, [String: String])] {
        let order = RowOrder(catalog: catalog)
        if let by = table.byField, !table.only.isEmpty {
            return table.only.map { (order.itemName($0, field: sheet.field(by)), [by: $0]) }
        }
        if table.byField == nil && table.total != nil { return [] }
        guard let city = consolidations[0]?.sheet(sheet.id) else { return [] }
        return order.rows(city, sheet: sheet).map { (order.name($0, sheet: sheet), $0.key) }
    }

    private func row(_ sheet: String, key: [String: String], offset: Int) -> (SheetSchema, CityRow)? {
        guard let s = form.sheet(sheet), let city = consolidations[offset]?.sheet(sheet) else { return nil }
        if key.isEmpty { return (s, city.total) }
        // A partial key (subject alone on a class × subject sheet) would need a sum over rows; the
        // tables name whole keys.
        return city.rows.values.first { $0.key == key }.map { (s, $0) }
    }

    private func value(_ field: String, sheet: String, key: [String: String], offset: Int) -> Value {
        guard let (s, r) = row(sheet, key: key, offset: offset), let f = s.field(field), let consolidation = consolidations[offset],
              let v = PublishedValues(form: form, consolidation: consolidation).value(f, sheet: s, row: r) else { return .none }
        return .number(v, PublishedValues.places(f))
    }

    private func schools(_ sheet: String, key: [String: String], offset: Int) -> Value {
        guard let (_, r) = row(sheet, key: key, offset: offset) else { return .none }
        return .number(Decimal(r.schools), 0)
    }
}
