import Foundation
import SvodSchema
import SvodStore
import SvodWorkbook

/// Writes one consolidated form sheet: the schools' rows as they sent them, then the city rows
/// as live formulas with their values cached, so a reader that does not recalculate still shows
/// the right numbers.
struct FormSheetWriter {
    let catalog: SchemaCatalog
    let form: FormSchema
    let layout: ConsolidatedSheetLayout
    let formulas: CityFormulas
    let published: PublishedValues
    let styles: ConsolidationStyles
    /// The label of the city rows («г. Тула», or the district's name).
    let area: String
    /// Whether every school row is on the sheet; with lower consolidations merged in, the city
    /// rows are their totals' values, not formulas over rows the sheet does not have.
    let live: Bool

    func write(_ city: CitySheet, title: String, schools: SchoolSource, to w: WorkbookWriter) throws {
        try w.beginSheet(SheetSetup(name: layout.name, columns: columns(), frozenRows: 2, frozenColumns: 1,
                                    autoFilter: layout.schoolRows > 0 ? CellRange(CellReference(row: 1, column: 0),
                                        CellReference(row: layout.lastSchoolRow, column: ConsolidatedSheetLayout.leadColumns + layout.fields.count - 1)) : nil).printable())
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text(title), style: styles.title)]))
        try w.write(header())
        var index = layout.firstSchoolRow
        let order = RowOrder(catalog: catalog)
        try schools.forEachSchool(of: form, sheet: layout.sheet.id) { submission, records in
            let org = submission.school.flatMap(catalog.organisation(code:))
            for r in records.sheets[layout.sheet.id] ?? [] {
                try w.write(schoolRow(index, org: org, code: submission.school ?? "", record: r, order: order))
                index += 1
            }
        }
        guard index == layout.lastSchoolRow + 1 else {
            throw ConsolidationInputError("", ru: "хранилище изменилось во время свода: запустите свод ещё раз",
                                          en: "the store changed during the consolidation: run it again")
        }
        let rows = RowOrder(catalog: catalog).rows(city, sheet: layout.sheet)
        for (i, row) in (layout.keyedRows > 0 ? rows : []).enumerated() {
            try w.write(cityRow(layout.firstCityRow + i, row, label: area, keyed: true))
        }
        try w.write(cityRow(layout.totalRow, city.total, label: layout.keyedRows > 0 ? "Всего: \(area)" : area, keyed: false))
        if layout.hasShareRow { try w.write(shareRow(city.total)) }
        try w.endSheet()
    }

    private func columns() -> [ColumnSetup] {
        [ColumnSetup(0, width: 34), ColumnSetup(1, width: 12), ColumnSetup(2, width: 18)]
            + layout.fields.indices.map { ColumnSetup($0 + ConsolidatedSheetLayout.leadColumns, width: 14) }
    }

    private func header() -> OutputRow {
        let lead = ["ОО", "Код", "Район"].enumerated().map { OutputCell(column: $0, value: .text($1), style: styles.header) }
        let cells = layout.fields.enumerated().map { i, f in
            OutputCell(column: i + ConsolidatedSheetLayout.leadColumns, value: .text(f.label), style: styles.header)
        }
        return OutputRow(index: 1, cells: lead + cells)
    }

    private func schoolRow(_ index: Int, org: Organisation?, code: String, record: SchoolRecords.Record, order: RowOrder) -> OutputRow {
        var cells = [OutputCell(column: 0, value: .text(org?.short.first ?? org?.name ?? code)), OutputCell(column: 1, value: .text(code))]
        if let d = org?.district { cells.append(OutputCell(column: 2, value: .text(catalog.district(d)?.name ?? d))) }
        for (i, f) in layout.fields.enumerated() {
            let column = i + ConsolidatedSheetLayout.leadColumns
            if let k = record.key[f.code] {
                cells.append(OutputCell(column: column, value: .text(order.itemName(k, field: f))))
                continue
            }
            switch record.values[f.code] {
            case .number(let d)?: cells.append(OutputCell(column: column, value: .number(Self.double(d)), style: styles.number(f)))
            case .answer(let b)?: cells.append(OutputCell(column: column, value: .text(b ? "да" : "нет"), style: styles.centered))
            case .text(let t)?: cells.append(OutputCell(column: column, value: .text(t)))
            case nil: break
            }
        }
        return OutputRow(index: index, cells: cells)
    }

    private func cityRow(_ index: Int, _ row: CityRow, label: String, keyed: Bool) -> OutputRow {
        var cells = [OutputCell(column: 0, value: .text(label), style: styles.totalLabel)]
        let order = RowOrder(catalog: catalog)
        for (i, f) in layout.fields.enumerated() {
            let column = i + ConsolidatedSheetLayout.leadColumns
            if let k = row.key[f.code] {
                cells.append(OutputCell(column: column, value: .text(order.itemName(k, field: f)), style: styles.totalLabel))
                continue
            }
            let value = published.value(f, sheet: layout.sheet, row: row)
            let aggregate = form.aggregate(of: f, in: layout.sheet)
            // What the formula gives over no school at all: 0 for sums and counts, blank for shares and means.
            let cached: CellValue = value.map { .number(Self.double($0)) }
                ?? ([.sum, .count, .max, .min].contains(aggregate) ? .number(0) : .empty)
            let formula = live ? formulas.formula(f, row: index, keyed: keyed).map { Formula($0) } : nil
            cells.append(OutputCell(column: column, value: cached, formula: formula, style: styles.total(f)))
        }
        return OutputRow(index: index, cells: cells)
    }

    private func shareRow(_ total: CityRow) -> OutputRow {
        var cells = [OutputCell(column: 0, value: .text("Доля ОО, ответивших «да», %"), style: styles.totalLabel)]
        for (i, f) in layout.fields.enumerated() where f.type == .boolean {
            let v = published.yesShare(f, row: total)
            cells.append(OutputCell(column: i + ConsolidatedSheetLayout.leadColumns, value: v.map { .number(Self.double($0)) } ?? .empty,
                                    formula: live ? formulas.share(f).map { Formula($0) } : nil, style: styles.share))
        }
        return OutputRow(index: layout.shareRow, cells: cells)
    }

    static func double(_ d: Decimal) -> Double { NSDecimalNumber(decimal: d).doubleValue }
}

/// The looks of a consolidated workbook, registered once with its writer.
struct ConsolidationStyles {
    let title, header, totalLabel, centered, share, text: StyleID
    private let numbers: [Int: StyleID]
    private let totals: [Int: StyleID]

    init(_ w: WorkbookWriter) {
        title = w.style(CellStyle(bold: true))
        header = w.style(CellStyle(bold: true, fill: .headerFill, border: true, vertical: .center, wrap: true))
        totalLabel = w.style(CellStyle(bold: true, border: true))
        centered = w.style(CellStyle(horizontal: .center))
        share = w.style(CellStyle(bold: true, border: true, numberFormat: "0.0"))
        text = w.style(CellStyle(vertical: .top, wrap: true))
        var n: [Int: StyleID] = [:], t: [Int: StyleID] = [:]
        for places in 0...4 {
            let format = places == 0 ? "0" : "0." + String(repeating: "0", count: places)
            n[places] = w.style(CellStyle(numberFormat: format))
            t[places] = w.style(CellStyle(bold: true, border: true, numberFormat: format))
        }
        numbers = n
        totals = t
    }

    /// A school value's format: the field's published places.
    func number(_ f: FieldSchema) -> StyleID? { PublishedValues.places(f).flatMap { numbers[min($0, 4)] } }
    /// A city value's format: bold, bordered, at the published places.
    func total(_ f: FieldSchema) -> StyleID { total(places: PublishedValues.places(f)) }
    /// A city value's format at `places`.
    func total(places: Int?) -> StyleID { totals[min(places ?? 0, 4)]! }
}
