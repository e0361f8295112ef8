import Foundation
import SvodSchema
import SvodWorkbook

/// «Доли ОО»: one row per indicator — section, seed line, the condition, schools meeting it, schools
/// judged, «нет данных», the share as a formula (blank for a «количество»), and the schools by name.
struct SharesSheet {
    let catalog: SchemaCatalog
    let shares: SchoolShares
    let report: SharesReport
    let styles: IndicatorStyles

    func write(to w: WorkbookWriter) throws {
        try w.beginSheet(SheetSetup(name: "Доли ОО", columns: [ColumnSetup(0, width: 8), ColumnSetup(1, width: 70), ColumnSetup(2, width: 8),
                                                              ColumnSetup(3, 6, width: 11), ColumnSetup(7, width: 60)], frozenRows: 2).printable())
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("\(shares.title.ru), \(report.period)"), style: styles.title)]))
        let header = ["Раздел", "Показатель", "Строка seed", "Школ", "Из судимых", "Нет данных", "Доля, %", "Школы"]
        try w.write(OutputRow(index: 1, cells: header.enumerated().map { OutputCell(column: $0, value: .text($1), style: styles.header) }))
        let byID = Dictionary(shares.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let words = IndicatorWording(catalog: catalog)
        for (i, r) in report.results.enumerated() {
            let n = i + 3
            let indicator = byID[r.indicator]
            var cells = [OutputCell(column: 0, value: .text(indicator?.section ?? "")),
                         OutputCell(column: 1, value: .text(indicator?.title ?? r.indicator), style: styles.text),
                         OutputCell(column: 2, value: .text(indicator?.seed ?? "")),
                         OutputCell(column: 3, value: .number(Double(r.share.count))),
                         OutputCell(column: 4, value: .number(Double(r.share.of))),
                         OutputCell(column: 5, value: .number(Double(r.share.unknown)))]
            if indicator?.isShare != false {
                cells.append(OutputCell(column: 6, value: r.share.percent.map { .number(NSDecimalNumber(decimal: $0).doubleValue) } ?? .empty,
                                        formula: Formula("IF(E\(n)=0,\"\",ROUND(D\(n)/E\(n)*100,1))"), style: styles.share))
            }
            cells.append(OutputCell(column: 7, value: .text(r.meeting.map(words.school).joined(separator: ", ")), style: styles.text))
            try w.write(OutputRow(index: i + 2, cells: cells))
        }
        try w.endSheet()
    }
}
