import Foundation
import SvodSchema
import SvodWorkbook

/// A Section II table of the programme, written as the seed lays it out from the consolidation
/// of its period and of the periods before it (`earlier`): the sheet the department prints.
struct ProgrammeTableSheet {
    let values: ProgrammeTableValues
    let styles: ConsolidationStyles

    /// Writes the table as the sheet `name`: its title, the header, the rows.
    func write(to w: WorkbookWriter, name: String) throws {
        let headers = values.header()
        // A combined cell is text («4/56,5»): bold and bordered as the numbers beside it, and to the right as they are.
        let combined = w.style(CellStyle(bold: true, border: true, horizontal: .right))
        let widths = [44.0] + Array(repeating: 16.0, count: max(headers.count, 2) - 1)
        try w.beginSheet(SheetSetup(name: name, columns: widths.enumerated().map { ColumnSetup($0.offset, width: $0.element) },
                                    frozenRows: 2).printable())
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text(values.table.title), style: styles.title)]))
        // The header wraps in its columns: the row as tall as its longest heading needs, or the text runs over the title.
        let lines = headers.enumerated().map { c, text in Int((Double(text.count) / max(1, widths[min(c, widths.count - 1)] - 2)).rounded(.up)) }.max() ?? 1
        try w.write(OutputRow(index: 1, cells: headers.enumerated().map { OutputCell(column: $0, value: .text($1), style: styles.header) },
                              height: Double(max(1, lines)) * 15))
        var index = 2
        for row in values.body() {
            try w.write(OutputRow(index: index, cells: row.enumerated().compactMap { c, v in v.map { cell($0, column: c, combined: combined) } }))
            index += 1
        }
        try w.endSheet()
    }

    private func cell(_ v: ProgrammeTableValues.Value, column: Int, combined: StyleID) -> OutputCell {
        switch v {
        case .label(let s): return OutputCell(column: column, value: .text(s), style: styles.totalLabel)
        case .number(let d, let places): return OutputCell(column: column, value: .number(NSDecimalNumber(decimal: d).doubleValue), style: styles.total(places: places))
        case .text(let s): return OutputCell(column: column, value: .text(s), style: combined)
        case .noData: return OutputCell(column: column, value: .text("—"), style: styles.centered)
        }
    }
}

/// A programme table's cells, computed from the consolidations of its periods: what
/// ProgrammeTableSheet writes, apart from how it looks.
struct ProgrammeTableValues {
    let catalog: SchemaCatalog
    let table: ProgrammeTable
    let form: FormSchema
    /// The form's consolidation for each period offset the table needs (0 is the period itself).
    let consolidations: [Int: FormConsolidation]
    /// The period consolidated, as its title sheets write it.
    let period: String

    /// A value of the table: a label, a number at its published places, a combined cell's text, or «—» for no data.
    enum Value: Equatable { case label(String), number(Decimal, Int?), text(String), noData }

    /// The name of the period `offset` years back.
    func periodName(_ offset: Int) -> String {
        guard let n = form.period.ordinal(period) else { return period }
        return form.period.name(n + offset)
    }

    /// The header row.
    func header() -> [String] {
        if !table.columns.isEmpty {
            return [table.rowHeader] + table.columns.map { $0.label.replacingOccurrences(of: "{period}", with: periodName($0.offset)) }
        }
        // One measure needs no column of its own: its name is the table's subject.
        let lead = table.measures.count > 1 ? [table.rowHeader, ""] : [table.rowHeader]
        return lead + table.periods.map(periodName)
    }

    /// The table's rows below the header, cell by cell (nil: an empty cell).
    func body() -> [[Value?]] {
        if !table.indicators.isEmpty {
            return table.indicators.map { i in [.label(i.label)] + table.periods.map { value(i, offset: $0) } }
        }
        guard let sheet = form.sheet(table.sheet) else { return [] }
        var keys = rowKeys(sheet)
        if let total = table.total { keys.append((total, [:])) }
        var out: [[Value?]] = []
        for (label, key) in keys {
            if !table.columns.isEmpty {
                out.append([.label(label)] + table.columns.map { c in value(c.measure, sheet: sheet.id, key: key, offset: c.offset) })
            } else {
                for (i, m) in table.measures.enumerated() {
                    let lead: [Value?] = table.measures.count > 1 ? [i == 0 ? .label(label) : nil, .label(m.label)] : [.label(label)]
                    out.append(lead + table.periods.map { value(m.measure, sheet: sheet.id, key: key, offset: $0) })
                }
            }
        }
        return out
    }

    /// The keyed rows to show: the listed codes in their order, else every row of the period, in
    /// list order (by one field of a longer key: each of its codes present, once).
    private func rowKeys(_ sheet: SheetSchema) -> [(String, [String: String])] {
        let order = RowOrder(catalog: catalog)
        if let by = table.byField, !table.only.isEmpty {
            return table.only.map { (order.itemName($0, field: sheet.field(by)), [by: $0]) }
        }
        if table.byField == nil && table.total != nil { return [] }
        guard let city = consolidations[0]?.sheet(sheet.id) else { return [] }
        if let by = table.byField, sheet.key != [by] {
            let codes = order.codes(Set(city.rows.values.compactMap { $0.key[by] }), field: sheet.field(by))
            return codes.map { (order.itemName($0, field: sheet.field(by)), [by: $0]) }
        }
        return order.rows(city, sheet: sheet).map { (order.name($0, sheet: sheet), $0.key) }
    }

    /// The row of `sheet` with `key` in the period `offset`: a keyed row, the grand total for an
    /// empty key, or for part of a longer key the sum of its rows — `whole` false, since which
    /// schools such a sum covers is not known (a school has several of its rows).
    private func row(_ sheet: String, key: [String: String], offset: Int) -> (sheet: SheetSchema, row: CityRow, whole: Bool)? {
        guard let s = form.sheet(sheet), let city = consolidations[offset]?.sheet(sheet) else { return nil }
        if key.isEmpty { return (s, city.total, true) }
        let matching = city.rows.keys.sorted().compactMap { city.rows[$0] }.filter { r in key.allSatisfy { r.key[$0.key] == $0.value } }
        if Set(key.keys) == Set(s.key) { return matching.first.map { (s, $0, true) } }
        guard !matching.isEmpty else { return nil }
        var sum = CityRow(key: key)
        for r in matching { sum.merge(r) }
        return (s, sum, false)
    }

    /// An indicator's cell: its one value, or its parts joined as the seed prints them — «-» for a
    /// part with no value («-/49,7»: no base mathematics that year), «—» when none has one.
    private func value(_ i: ProgrammeTable.Indicator, offset: Int) -> Value {
        let parts = i.parts.map { number($0.measure, sheet: $0.sheet, key: $0.key, ifAny: $0.ifAny, offset: offset) }
        if parts.count == 1, let (d, places) = parts[0] { return .number(d, places) }
        guard parts.count > 1, parts.contains(where: { $0 != nil }) else { return .noData }
        return .text(parts.map { $0.map { Self.text($0.0, places: $0.1) } ?? "-" }.joined(separator: i.join))
    }

    private func value(_ m: ProgrammeTable.Measure, sheet: String, key: [String: String], offset: Int) -> Value {
        number(m, sheet: sheet, key: key, ifAny: nil, offset: offset).map { .number($0.0, $0.1) } ?? .noData
    }

    /// A measure of one row of a period, with its places; nil for no data.
    func number(_ measure: ProgrammeTable.Measure, sheet: String, key: [String: String], ifAny: String?, offset: Int) -> (Decimal, Int?)? {
        guard let (s, r, whole) = row(sheet, key: key, offset: offset), let consolidation = consolidations[offset] else { return nil }
        let published = PublishedValues(form: form, consolidation: consolidation)
        func city(_ code: String) -> Decimal? { s.field(code).flatMap { published.value($0, sheet: s, row: r) } }
        if let ifAny, (city(ifAny) ?? 0) <= 0 { return nil }
        // A count of schools: known only for one school row each, and from every file added.
        func tally(_ c: SchoolCondition) -> SchoolTally? {
            guard whole, let t = r.counts[c.id], !t.unknown, t.of > 0 else { return nil }
            return t
        }
        switch measure {
        case .field(let code):
            guard let f = s.field(code), let v = published.value(f, sheet: s, row: r) else { return nil }
            return (v, PublishedValues.places(f))
        case .schools:
            return whole ? (Decimal(r.schools), 0) : nil
        case .count(let c):
            return tally(c).map { (Decimal($0.schools), 0) }
        case .countPercent(let c, let places):
            return tally(c).map { (PublishedValues.rounded(Decimal($0.schools) * 100 / Decimal($0.of), places), places) }
        case .percent(let a, let b, let places):
            guard let x = city(a), let y = city(b), y != 0 else { return nil }
            return (PublishedValues.rounded(x * 100 / y, places), places)
        }
    }

    /// A number as the seed prints it in a combined cell: rounded at its places, then without
    /// trailing zeros, with a decimal comma («56,5», «4», «112»; the seed's «4/56,5», «4,1/48»).
    static func text(_ d: Decimal, places: Int?) -> String {
        let digits = NSDecimalNumber(decimal: PublishedValues.rounded(d, places ?? 0)).stringValue
        guard digits.contains(".") else { return digits }
        var trimmed = Substring(digits)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return trimmed.replacingOccurrences(of: ".", with: ",")
    }
}
