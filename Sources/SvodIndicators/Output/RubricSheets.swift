import Foundation
import SvodExpressions
import SvodSchema
import SvodWorkbook

/// «Рубрика руководителя»: one row per school, one column per line with its points, the total as
/// a SUM and the rank as a RANK formula; «Рубрика — строки»: each line's text, seed line and rule.
struct RubricSheets {
    let catalog: SchemaCatalog
    let rubric: DirectorRubric
    let report: RubricReport
    let styles: IndicatorStyles

    func write(to w: WorkbookWriter) throws {
        let lines = rubric.lines
        let totalColumn = 2 + lines.count, rankColumn = totalColumn + 1
        try w.beginSheet(SheetSetup(name: "Рубрика руководителя", columns: [ColumnSetup(0, width: 10), ColumnSetup(1, width: 28),
                                                                            ColumnSetup(2, rankColumn + 1, width: 7)],
                                    frozenRows: 2, frozenColumns: 2).printable())
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("\(rubric.title.ru), \(report.period) (программа, \(rubric.seed)); пусто — нет данных"), style: styles.title)]))
        let header = ["Код", "ОО"] + lines.map(\.id) + ["Итого", "Место", "Строк без данных"]
        try w.write(OutputRow(index: 1, cells: header.enumerated().map { OutputCell(column: $0, value: .text($1), style: styles.header) }))
        let first = 3, last = 2 + report.schools.count
        let words = IndicatorWording(catalog: catalog)
        for (i, s) in report.schools.enumerated() {
            let r = i + 3
            var cells = [OutputCell(column: 0, value: .text(s.school)), OutputCell(column: 1, value: .text(words.school(s.school)))]
            for (k, l) in s.lines.enumerated() {
                if let p = l.points { cells.append(OutputCell(column: 2 + k, value: .number(NSDecimalNumber(decimal: p).doubleValue))) }
            }
            let from = CellReference.columnName(2), to = CellReference.columnName(1 + lines.count), total = CellReference.columnName(totalColumn)
            cells.append(OutputCell(column: totalColumn, value: .number(NSDecimalNumber(decimal: s.total).doubleValue),
                                    formula: Formula("SUM(\(from)\(r):\(to)\(r))"), style: styles.bold))
            cells.append(OutputCell(column: rankColumn, value: .number(Double(s.rank)),
                                    formula: Formula("RANK(\(total)\(r),\(total)$\(first):\(total)$\(last))")))
            cells.append(OutputCell(column: rankColumn + 1, value: .number(Double(s.missing))))
            try w.write(OutputRow(index: i + 2, cells: cells))
        }
        try w.endSheet()
        try w.beginSheet(SheetSetup(name: "Рубрика — строки", columns: [ColumnSetup(0, width: 8), ColumnSetup(1, width: 70), ColumnSetup(2, width: 10),
                                                                        ColumnSetup(3, width: 60)], frozenRows: 1).printable())
        try w.write(OutputRow(index: 0, cells: ["Строка", "Показатель (seed 4.2)", "Строка seed", "Баллы (правило)"].enumerated().map {
            OutputCell(column: $0, value: .text($1), style: styles.header)
        }))
        for (i, l) in lines.enumerated() {
            try w.write(OutputRow(index: i + 1, cells: [OutputCell(column: 0, value: .text(l.id)), OutputCell(column: 1, value: .text(l.text), style: styles.text),
                                                        OutputCell(column: 2, value: .text(l.seed)), OutputCell(column: 3, value: .text(l.pointsText), style: styles.text)]))
        }
        try w.endSheet()
    }
}
