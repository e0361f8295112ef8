import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodWorkbook

extension SchoolCard {
    /// Writes `school`'s card as a workbook in `format`, the HTML card's content on Russian sheets;
    /// the file appears whole or not at all.
    public func write(_ school: String, to path: String, format: SpreadsheetFormat, created: CivilDateTime) throws {
        let w = FittedRows(try SpreadsheetOutput.create(path: path, format: format))
        do {
            let name = IndicatorWording(catalog: catalog).school(school)
            w.properties = DocumentProperties(title: "Карта школы — \(name), \(period)", creator: "svod", created: created)
            w.properties.modified = created
            let sheets = CardSheets(card: self, school: school, styles: IndicatorStyles(w), plain: w.style(CellStyle(vertical: .top)),
                                    share: w.style(CellStyle(vertical: .top, numberFormat: "0.0")))
            try sheets.summary(to: w)
            try sheets.risk(to: w)
            try sheets.rubric(to: w)
            try sheets.shares(to: w)
            try sheets.recommendations(to: w)
            try w.finish()
        } catch {
            w.cancel()
            throw error
        }
    }
}

/// The card's sheets: «Карта школы» (the school beside the city), «Зона риска» (per criterion and
/// year the share and whether the year counts), «Рубрика» (line by line with its rule), «Доли ОО»
/// and «Рекомендации» (each measure with the reason it applies).
struct CardSheets {
    let card: SchoolCard
    let school: String
    let styles: IndicatorStyles
    /// Top-aligned, as the wrapped text beside them is: a plain cell, and a share at one place.
    let plain, share: StyleID

    private var catalog: SchemaCatalog { card.catalog }
    private var risk: SchoolRisk? { card.risk?.schools.first { $0.school == school } }
    private var rubric: SchoolRubric? { card.rubric?.schools.first { $0.school == school } }

    private static func number(_ d: Decimal?) -> CellValue { d.map { .number(NSDecimalNumber(decimal: $0).doubleValue) } ?? .empty }
    private static func number(_ i: Int) -> CellValue { .number(Double(i)) }

    /// A row of values from column 0; a text that is empty leaves its cell out.
    private func row(_ index: Int, _ values: [CellValue], style: StyleID? = nil, styles byColumn: [Int: StyleID] = [:]) -> OutputRow {
        OutputRow(index: index, cells: values.enumerated().compactMap { c, v in
            v.isEmpty ? nil : OutputCell(column: c, value: v, style: byColumn[c] ?? style ?? plain)
        })
    }

    private func header(_ labels: [String], row index: Int) -> OutputRow {
        row(index, labels.map { .text($0) }, style: styles.header)
    }

    private func title(_ text: String, to w: WorkbookWriter) throws {
        try w.write(row(0, [.text(text)], style: styles.title))
    }

    private func sheet(_ name: String, widths: [Double], frozenRows: Int, frozenColumns: Int = 0) -> SheetSetup {
        SheetSetup(name: name, columns: widths.enumerated().map { ColumnSetup($0, width: $1) }, frozenRows: frozenRows, frozenColumns: frozenColumns)
    }

    /// The school's verdict, rubric total and place, each beside the city's figure.
    func summary(to w: WorkbookWriter) throws {
        let widths: [Double] = [62, 40, 12]
        try w.beginSheet(sheet("Карта школы", widths: widths, frozenRows: 3))
        let full = catalog.organisation(code: school)?.name ?? IndicatorWording(catalog: catalog).school(school)
        try title(full, to: w)
        try w.write(row(1, [.text("Код \(school) · учебный год \(card.period) · МСОКО г. Тулы")]))
        try w.write(header(["Показатель", "Школа", "Город"], row: 2))
        var rows: [[CellValue]] = []
        if let zone = card.risk, let risk {
            let titles = risk.risks.map { id in catalog.riskZones?.criteria.first { $0.id == id }?.title.ru ?? id }
            rows.append([.text("Зона риска на \(zone.period): итог (город — доля школ в зоне риска, %)"), .text(risk.verdict.ru), Self.number(zone.inZone.percent)])
            rows.append([.text("В зоне риска по критериям"), .text(titles.joined(separator: "; "))])
            rows.append([.text("Положительная динамика (город — доля школ зоны риска с ней, %)"),
                         .text(risk.positiveDynamics.map { $0 ? "да" : "нет" } ?? "не оценивается"), Self.number(zone.improving.percent)])
        }
        if let all = card.rubric, let rubric {
            let mean = all.schools.isEmpty ? nil : all.schools.map(\.total).reduce(0, +) / Decimal(all.schools.count)
            rows.append([.text("Рубрика руководителя, \(all.period): итого баллов (город — средний итог)"), Self.number(rubric.total), Self.number(mean.map { Decimals.rounded($0, 1) })])
            rows.append([.text("Место по итогу (город — школ в рейтинге)"), Self.number(rubric.rank), Self.number(all.schools.count)])
            rows.append([.text("Строк рубрики без данных (итог может быть выше)"), Self.number(rubric.missing)])
        }
        rows.append([.text("Мер программы, относящихся к школе (лист «Рекомендации»)"), Self.number(card.measures(school).count)])
        for (i, values) in rows.enumerated() {
            try w.write(row(3 + i, values, styles: [0: styles.text, 1: risk?.verdict == .risk && i == 0 ? styles.bold : styles.text]))
        }
        try w.endSheet()
    }

    /// Per criterion: each year's pooled share of low results and whether it counts, the verdict, and the city's schools in the zone by it.
    func risk(to w: WorkbookWriter) throws {
        guard let zone = card.risk, let zones = catalog.riskZones, let risk else { return }
        let years = zones.criteria.first.map { RiskZoneEvaluator(zones: zones, catalog: catalog).window($0, before: zone.period) } ?? []
        let widths: [Double] = [50] + Array(repeating: 13, count: 2 * years.count + 6)
        try w.beginSheet(sheet("Зона риска", widths: widths, frozenRows: 2, frozenColumns: 1))
        try title("Зона риска на \(zone.period) (программа, \(zones.seed)): итог — \(risk.verdict.ru)", to: w)
        try w.write(header(["Критерий"] + years.flatMap { ["\($0): доля низких, %", "\($0): год «плохой»"] }
            + ["Итог", "Лет «плохих»", "Лет с данными", "Город: школ в зоне риска", "Город: судимых", "Город: нет данных"], row: 1))
        for (i, c) in risk.criteria.enumerated() {
            guard let criterion = zones.criteria.first(where: { $0.id == c.criterion }) else { continue }
            var values: [CellValue] = [.text("\(criterion.title.ru) (\(criterion.seed))")]
            for y in years {
                guard let year = c.years.first(where: { $0.period == y }) else { values += [.text("—"), .text("—")]; continue }
                let counts = year.counts.map { $0 ? "да" : "нет" } ?? "нет файла"
                values += [year.pooledShare.map { Self.number(Decimals.rounded($0, 1)) } ?? .text(year.counts == nil ? "нет файла" : "нет участников"), .text(counts)]
            }
            let city = zone.byCriterion[c.criterion] ?? ShareOfSchools(count: 0, of: 0, unknown: 0)
            values += [.text(c.verdict.ru), Self.number(c.yearsCounted), Self.number(c.yearsAvailable), Self.number(city.count), Self.number(city.of), Self.number(city.unknown)]
            var byColumn = Dictionary(uniqueKeysWithValues: years.indices.map { (1 + 2 * $0, share) })
            byColumn[0] = styles.text
            if c.verdict == .risk { byColumn[1 + 2 * years.count] = styles.bold }
            try w.write(row(2 + i, values, styles: byColumn))
        }
        try w.endSheet()
    }

    /// The rubric line by line: the points, the city's mean, the rule, and why a line has no data; the total as a SUM.
    func rubric(to w: WorkbookWriter) throws {
        guard let all = card.rubric, let declared = catalog.directorRubric, let rubric else { return }
        let widths: [Double] = [8, 60, 9, 12, 50, 36]
        try w.beginSheet(sheet("Рубрика", widths: widths, frozenRows: 2))
        try title("Эффективность руководителя, \(all.period) (программа, \(declared.seed)): итого \(Decimals.text(rubric.total)) баллов, место \(rubric.rank) из \(all.schools.count)", to: w)
        try w.write(header(["Строка", "Показатель", "Баллы", "В среднем по городу", "Баллы (правило)", "Нет данных: почему"], row: 1))
        var index = 2
        for item in declared.items {
            try w.write(row(index, [.text("\(item.number). \(item.title)")], style: styles.bold))
            index += 1
            for line in item.lines {
                let mine = rubric.lines.first { $0.line == line.id }
                let missing = mine?.points == nil ? "нет данных" + (mine?.problem.map { ": \($0)" } ?? "") : ""
                try w.write(row(index, [.text(line.id), .text(line.text), Self.number(mine?.points), Self.number((card.lineMeans[line.id] ?? nil).map { Decimals.rounded($0, 1) }),
                                    .text(line.pointsText), .text(missing)], styles: [1: styles.text, 3: share, 4: styles.text, 5: styles.text]))
                index += 1
            }
        }
        try w.write(OutputRow(index: index, cells: [
            OutputCell(column: 1, value: .text("Итого"), style: styles.bold),
            OutputCell(column: 2, value: Self.number(rubric.total), formula: Formula("SUM(C3:C\(index))"), style: styles.bold),
        ]))
        try w.endSheet()
    }

    /// Each share of schools: whether the school is counted in it, beside the city's count and share.
    func shares(to w: WorkbookWriter) throws {
        guard let report = card.shares, let declared = catalog.schoolShares else { return }
        let widths: [Double] = [8, 70, 8, 12, 10, 10, 10, 10]
        try w.beginSheet(sheet("Доли ОО", widths: widths, frozenRows: 2))
        try title("\(declared.title.ru), \(report.period): учтена ли школа в показателе и его значение по городу", to: w)
        try w.write(header(["Раздел", "Показатель", "Строка seed", "Школа", "Город: ОО", "Из судимых", "Нет данных", "Доля, %"], row: 1))
        for (i, r) in report.results.enumerated() {
            guard let indicator = declared.indicators.first(where: { $0.id == r.indicator }) else { continue }
            let mine = r.meeting.contains(school) ? "да" : (r.unknown.contains(school) ? "нет данных" : "нет")
            try w.write(row(2 + i, [.text(indicator.section), .text(indicator.title), .text(indicator.seed), .text(mine), Self.number(r.share.count),
                                    Self.number(r.share.of), Self.number(r.share.unknown), indicator.isShare ? Self.number(r.share.percent) : .empty],
                            styles: [1: styles.text, 7: share]))
        }
        try w.endSheet()
    }

    /// The programme's measures that apply, each with its seed line and the reason it applies.
    func recommendations(to w: WorkbookWriter) throws {
        let widths: [Double] = [5, 80, 12, 50]
        try w.beginSheet(sheet("Рекомендации", widths: widths, frozenRows: 2))
        try title("Адресные рекомендации (положение о МСОКО, 3.4)", to: w)
        let measures = card.measures(school)
        if measures.isEmpty {
            try w.write(row(1, [.text("Меры программы, относящиеся к положению школы, не требуются.")]))
        } else {
            try w.write(header(["№", "Мера", "Строка программы", "Основание"], row: 1))
            for (i, m) in measures.enumerated() {
                try w.write(row(2 + i, [Self.number(i + 1), .text(m.text), .text(m.seed), .text(reason(m.when))], styles: [1: styles.text, 3: styles.text]))
            }
        }
        try w.endSheet()
    }

    /// Why a measure applies to the school, in words.
    private func reason(_ condition: Recommendations.Condition) -> String {
        switch condition {
        case .risk: return "школа в зоне риска"
        case .riskBy(let id): return "в зоне риска по критерию «\(catalog.riskZones?.criteria.first { $0.id == id }?.title.ru ?? id)»"
        case .noData: return "итог зоны риска не известен: не хватает файлов"
        case .rubricBelowZero(let id):
            let points = rubric?.lines.first { $0.line == id }?.points.map { Decimals.text($0) } ?? "—"
            return "строка рубрики \(id): \(points) баллов"
        case .notCounted(let id): return "не учтена в показателе «\(catalog.schoolShares?.indicators.first { $0.id == id }?.title ?? id)»"
        }
    }
}
