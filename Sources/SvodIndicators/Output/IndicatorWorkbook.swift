import Foundation
import SvodLocale
import SvodSchema
import SvodSpreadsheet
import SvodWorkbook

/// The indicators as a workbook: «Зоны риска» (indicators 1–2 and per criterion, shares as
/// formulas), «Зоны риска — школы» (one row per school, a verdict per criterion),
/// «Зоны риска — строки» (every row judged, with its inputs and its share as a formula), and the
/// director rubric («Рубрика руководителя», «Рубрика — строки»).
public struct IndicatorWorkbook {
    public let catalog: SchemaCatalog

    /// A writer naming schools and rows from `catalog`.
    public init(catalog: SchemaCatalog) {
        self.catalog = catalog
    }

    /// Writes to `path` (XLSX or ODS by its extension); the file appears whole or not at all.
    public func write(risk: RiskZoneReport?, zones: RiskZones?, rubric: RubricReport?, shares: SharesReport? = nil, to path: String, created: CivilDateTime) throws {
        guard let format = SpreadsheetOutput.format(forPath: path) else { throw IndicatorOutputError(path: path) }
        let w = FittedRows(try SpreadsheetOutput.create(path: path, format: format))
        do {
            w.properties = DocumentProperties(title: "Показатели МСОКО, \(risk?.period ?? rubric?.period ?? "")", creator: "svod", created: created)
            w.properties.modified = created
            let styles = IndicatorStyles(w)
            if let risk, let zones {
                let sheets = RiskZoneSheets(catalog: catalog, zones: zones, report: risk, styles: styles)
                try sheets.summary(to: w)
                try sheets.schools(to: w)
                try sheets.rows(to: w)
            }
            if let rubric, let declared = catalog.directorRubric {
                try RubricSheets(catalog: catalog, rubric: declared, report: rubric, styles: styles).write(to: w)
            }
            if let shares, let declared = catalog.schoolShares {
                try SharesSheet(catalog: catalog, shares: declared, report: shares, styles: styles).write(to: w)
            }
            try w.finish()
        } catch {
            w.cancel()
            throw error
        }
    }
}

/// A file name whose extension is not a workbook's.
public struct IndicatorOutputError: LocalizedFailure {
    public let path: String
    public var message: LocalizedText {
        .init(ru: "\(path): показатели пишутся в .xlsx, .ods или .json", en: "\(path): indicators are written to .xlsx, .ods or .json")
    }
    public var kind: FailureKind { .unreadable }
}

struct IndicatorStyles {
    let title, header, bold, share, text: StyleID

    init(_ w: WorkbookWriter) {
        title = w.style(CellStyle(bold: true))
        header = w.style(CellStyle(bold: true, fill: .headerFill, border: true, vertical: .center, wrap: true))
        bold = w.style(CellStyle(bold: true))
        share = w.style(CellStyle(numberFormat: "0.0"))
        text = w.style(CellStyle(vertical: .top, wrap: true))
    }
}

/// The three risk-zone sheets.
struct RiskZoneSheets {
    let catalog: SchemaCatalog
    let zones: RiskZones
    let report: RiskZoneReport
    let styles: IndicatorStyles
    var words: IndicatorWording { IndicatorWording(catalog: catalog) }

    private func header(_ labels: [String], row: Int) -> OutputRow {
        OutputRow(index: row, cells: labels.enumerated().map { OutputCell(column: $0, value: .text($1), style: styles.header) })
    }

    private static func number(_ d: Decimal) -> CellValue { .number(NSDecimalNumber(decimal: d).doubleValue) }

    /// Indicators 1 and 2, then each criterion: schools in the zone, schools judged, not judged, and the share as a formula.
    func summary(to w: WorkbookWriter) throws {
        try w.beginSheet(SheetSetup(name: "Зоны риска", columns: [ColumnSetup(0, width: 70), ColumnSetup(1, 4, width: 14)], frozenRows: 2).printable())
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("\(zones.title.ru), год идентификации \(report.period) (программа, \(zones.seed))"), style: styles.title)]))
        try w.write(header(["Показатель", "Школ", "Из них судимых", "Нет данных", "Доля, %"], row: 1))
        var index = 2
        func line(_ label: String, _ s: ShareOfSchools) throws {
            let r = index + 1
            try w.write(OutputRow(index: index, cells: [
                OutputCell(column: 0, value: .text(label), style: styles.text),
                OutputCell(column: 1, value: .number(Double(s.count))),
                OutputCell(column: 2, value: .number(Double(s.of))),
                OutputCell(column: 3, value: .number(Double(s.unknown))),
                OutputCell(column: 4, value: s.percent.map(Self.number) ?? .empty, formula: Formula("IF(C\(r)=0,\"\",ROUND(B\(r)/C\(r)*100,1))"), style: styles.share),
            ]))
            index += 1
        }
        try line("1) Доля школ зоны риска (из школ, о которых известен итог)", report.inZone)
        try line("2) Доля школ зоны риска, показывающих положительную динамику (из тех, чья динамика известна)", report.improving)
        for c in zones.criteria {
            try line("— \(c.title.ru) (\(c.seed); годы: \(RiskZoneEvaluator(zones: zones, catalog: catalog).window(c, before: report.period).joined(separator: ", ")))",
                     report.byCriterion[c.id] ?? ShareOfSchools(count: 0, of: 0, unknown: 0))
        }
        try w.endSheet()
    }

    /// One row per school: its verdict, the criteria placing it in the zone, its dynamics, and per criterion the verdict and the years counted.
    func schools(to w: WorkbookWriter) throws {
        var columns = [ColumnSetup(0, width: 10), ColumnSetup(1, width: 28), ColumnSetup(2, width: 14), ColumnSetup(3, width: 28), ColumnSetup(4, width: 14)]
        columns.append(ColumnSetup(5, 4 + 2 * zones.criteria.count, width: 12))
        try w.beginSheet(SheetSetup(name: "Зоны риска — школы", columns: columns, frozenRows: 1, frozenColumns: 2).printable())
        var labels = ["Код", "ОО", "Итог", "В зоне риска по", "Положительная динамика"]
        for c in zones.criteria { labels += ["\(c.id): итог", "\(c.id): лет «плохих» / с данными"] }
        try w.write(header(labels, row: 0))
        for (i, s) in report.schools.enumerated() {
            var cells: [OutputCell] = [
                OutputCell(column: 0, value: .text(s.school)), OutputCell(column: 1, value: .text(words.school(s.school))),
                OutputCell(column: 2, value: .text(s.verdict.ru), style: s.verdict == .risk ? styles.bold : nil),
                OutputCell(column: 3, value: .text(s.risks.joined(separator: ", "))),
                OutputCell(column: 4, value: .text(s.positiveDynamics.map { $0 ? "да" : "нет" } ?? "")),
            ]
            for (k, c) in s.criteria.enumerated() {
                cells.append(OutputCell(column: 5 + 2 * k, value: .text(c.verdict.ru)))
                cells.append(OutputCell(column: 6 + 2 * k, value: .text("\(c.yearsCounted) / \(c.yearsAvailable)")))
            }
            try w.write(OutputRow(index: i + 1, cells: cells))
        }
        try w.endSheet()
    }

    /// Every row judged: school, criterion, year, row, its counts, the share as a formula, and what it gave.
    func rows(to w: WorkbookWriter) throws {
        try w.beginSheet(SheetSetup(name: "Зоны риска — строки", columns: [ColumnSetup(0, width: 10), ColumnSetup(1, width: 24), ColumnSetup(2, width: 14),
                                                                          ColumnSetup(3, width: 11), ColumnSetup(4, width: 30), ColumnSetup(5, 12, width: 12)],
                                    frozenRows: 1).printable())
        try w.write(header(["Код", "ОО", "Критерий", "Год", "Строка", "Участников", "Низкий результат", "Высший результат", "Доля, %",
                            "Доля не ниже порога", "Нет высших", "Строка «плохая»", "Год считается"], row: 0))
        var index = 1
        let byID = Dictionary(zones.criteria.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func yes(_ b: Bool) -> CellValue { .text(b ? "да" : "нет") }
        for s in report.schools {
            for c in s.criteria {
                guard let criterion = byID[c.criterion] else { continue }
                for y in c.years {
                    let yearCounts = y.counts.map { $0 ? "да" : "нет" } ?? "нет данных"
                    guard let rows = y.rows, !rows.isEmpty else {
                        try w.write(OutputRow(index: index, cells: [
                            OutputCell(column: 0, value: .text(s.school)), OutputCell(column: 1, value: .text(words.school(s.school))),
                            OutputCell(column: 2, value: .text(c.criterion)), OutputCell(column: 3, value: .text(y.period)),
                            OutputCell(column: 4, value: .text(y.rows == nil ? "нет файла" : "нет участников")), OutputCell(column: 12, value: .text(yearCounts)),
                        ]))
                        index += 1
                        continue
                    }
                    for r in rows {
                        let n = index + 1
                        try w.write(OutputRow(index: index, cells: [
                            OutputCell(column: 0, value: .text(s.school)), OutputCell(column: 1, value: .text(words.school(s.school))),
                            OutputCell(column: 2, value: .text(c.criterion)), OutputCell(column: 3, value: .text(y.period)),
                            OutputCell(column: 4, value: .text(words.key(r.key, form: criterion.form, sheet: criterion.sheet))),
                            OutputCell(column: 5, value: Self.number(r.participants)), OutputCell(column: 6, value: Self.number(r.low)),
                            OutputCell(column: 7, value: r.top.map(Self.number) ?? .empty),
                            OutputCell(column: 8, value: r.share.map { Self.number(Decimals.rounded($0, 1)) } ?? .text(""),
                                       formula: Formula("IF(F\(n)=0,\"\",ROUND(G\(n)/F\(n)*100,1))"), style: styles.share),
                            OutputCell(column: 9, value: yes(r.shareFails)), OutputCell(column: 10, value: yes(r.noTop)),
                            OutputCell(column: 11, value: yes(r.fails)), OutputCell(column: 12, value: .text(yearCounts)),
                        ]))
                        index += 1
                    }
                }
            }
        }
        try w.endSheet()
    }
}
