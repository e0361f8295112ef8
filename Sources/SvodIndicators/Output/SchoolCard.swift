import Foundation
import SvodExpressions
import SvodSchema

/// One school's card (положение, 3.4 «адресные рекомендации») as a self-contained printable HTML
/// page in Russian, or as a workbook (`write(_:to:format:created:)`): its risk-zone grid with the
/// reasons, its rubric item by item beside the city's mean, the shares of schools it is counted in,
/// and the programme's measures that apply to it.
public struct SchoolCard {
    public let catalog: SchemaCatalog
    public let period: String
    public let risk: RiskZoneReport?
    public let rubric: RubricReport?
    public let shares: SharesReport?

    /// Rubric line → the city's mean points over the schools that have them: once for every card of an `--all` run.
    let lineMeans: [String: Decimal?]

    /// A card writer over one run's results.
    public init(catalog: SchemaCatalog, period: String, risk: RiskZoneReport?, rubric: RubricReport?, shares: SharesReport?) {
        self.catalog = catalog
        self.period = period
        self.risk = risk
        self.rubric = rubric
        self.shares = shares
        var sums: [String: (Decimal, Int)] = [:]
        for s in rubric?.schools ?? [] {
            for l in s.lines { if let p = l.points { sums[l.line, default: (0, 0)].0 += p; sums[l.line, default: (0, 0)].1 += 1 } }
        }
        var means: [String: Decimal?] = [:]
        for line in catalog.directorRubric?.lines ?? [] { means[line.id] = sums[line.id].map { $0.0 / Decimal($0.1) } }
        lineMeans = means
    }

    /// The schools a card can be written for, in registry order.
    public var schools: [String] {
        var seen = Set<String>(), out: [String] = []
        for s in (risk?.schools.map(\.school) ?? []) + (rubric?.schools.map(\.school) ?? []) where seen.insert(s).inserted { out.append(s) }
        return out
    }

    /// The page for `school`.
    public func html(_ school: String) -> String {
        let name = IndicatorWording(catalog: catalog).school(school)
        let full = catalog.organisation(code: school)?.name ?? name
        var out = HTMLPage.head(title: "Карта школы — \(name), \(period)") + """
        <h1>\(e(full))</h1>
        <p class="meta">Код \(e(school)) · учебный год \(e(period)) · МСОКО г. Тулы</p>

        """
        out += riskSection(school) + rubricSection(school) + sharesSection(school) + recommendationsSection(school)
        return out + "</body>\n</html>\n"
    }

    private func e(_ s: String) -> String { HTMLPage.escape(s) }

    private func number(_ d: Decimal?) -> String { d.map { Decimals.text($0) } ?? "—" }

    private func riskSection(_ school: String) -> String {
        guard let risk, let zones = catalog.riskZones, let s = risk.schools.first(where: { $0.school == school }) else { return "" }
        let evaluator = RiskZoneEvaluator(zones: zones, catalog: catalog)
        var out = "<section>\n<h2>Зона риска на \(e(risk.period)) (программа, 3.2)</h2>\n"
        out += "<p class=\"verdict \(s.verdict.rawValue)\">Итог: <strong>\(e(s.verdict.ru))</strong>"
        if !s.risks.isEmpty { out += " — по критериям: " + e(s.risks.joined(separator: ", ")) }
        if let d = s.positiveDynamics { out += d ? "; положительная динамика есть" : "; положительной динамики нет" }
        out += ".</p>\n<table>\n<caption>Доля низких результатов по годам («плохой» год отмечен ●); в городе — школ в зоне риска по критерию</caption>\n"
        let years = zones.criteria.first.map { evaluator.window($0, before: risk.period) } ?? []
        out += "<thead><tr><th>Критерий</th>" + years.map { "<th>\(e($0))</th>" }.joined() + "<th>Итог</th><th>Город</th></tr></thead>\n<tbody>\n"
        for c in s.criteria {
            guard let criterion = zones.criteria.first(where: { $0.id == c.criterion }) else { continue }
            out += "<tr><th scope=\"row\">\(e(criterion.title.ru))</th>"
            for y in years {
                guard let year = c.years.first(where: { $0.period == y }) else { out += "<td class=\"na\">—</td>"; continue }
                switch year.counts {
                case nil: out += "<td class=\"na\">нет файла</td>"
                case let counts?:
                    let mark = counts ? "● " : ""
                    out += "<td>\(mark)\(year.pooledShare.map { number($0) + " %" } ?? "нет участников")</td>"
                }
            }
            let city = risk.byCriterion[c.criterion].map { "\($0.count) из \($0.of)" } ?? "—"
            out += "<td>\(e(c.verdict.ru))</td><td>\(e(city))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private func rubricSection(_ school: String) -> String {
        guard let rubric, let declared = catalog.directorRubric, let s = rubric.schools.first(where: { $0.school == school }) else { return "" }
        var out = "<section>\n<h2>Эффективность руководителя (программа, 4.2)</h2>\n"
        out += "<p>Итого <strong>\(number(s.total))</strong> баллов, место \(s.rank) из \(rubric.schools.count)"
        out += s.missing > 0 ? "; строк без данных: \(s.missing) (итог может быть выше).</p>\n" : ".</p>\n"
        out += "<table>\n<caption>Баллы по строкам рубрики и средний балл школ города</caption>\n"
        out += "<thead><tr><th>Строка</th><th>Показатель</th><th>Баллы</th><th>В среднем по городу</th></tr></thead>\n<tbody>\n"
        for item in declared.items {
            out += "<tr class=\"item\"><th colspan=\"4\" scope=\"rowgroup\">\(item.number). \(e(item.title))</th></tr>\n"
            for line in item.lines {
                let mine = s.lines.first { $0.line == line.id }
                let mean = lineMeans[line.id] ?? nil
                let points = mine?.points.map { number($0) } ?? "нет данных"
                out += "<tr><td>\(e(line.id))</td><td>\(e(line.text))</td><td>\(e(points))</td><td>\(number(mean))</td></tr>\n"
            }
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private func sharesSection(_ school: String) -> String {
        guard let shares, let declared = catalog.schoolShares else { return "" }
        var out = "<section>\n<h2>Доли ОО (программа, 3.3, 3.4, 4.1, 4.3–4.5)</h2>\n<table>\n<caption>Учтена ли школа в показателе и его значение по городу</caption>\n"
        out += "<thead><tr><th>Показатель</th><th>Школа</th><th>Город</th></tr></thead>\n<tbody>\n"
        for r in shares.results {
            guard let i = declared.indicators.first(where: { $0.id == r.indicator }) else { continue }
            let mine = r.meeting.contains(school) ? "да" : (r.unknown.contains(school) ? "нет данных" : "нет")
            let city = i.isShare ? (r.share.percent.map { number($0) + " %" } ?? "—") : "\(r.share.count) ОО"
            out += "<tr><td>\(e(i.title))</td><td>\(mine)</td><td>\(e(city))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// The measures that apply, each once, in the file's order.
    public func measures(_ school: String) -> [Recommendations.Measure] {
        guard let all = catalog.recommendations?.measures else { return [] }
        let r = risk?.schools.first { $0.school == school }
        let lines = rubric?.schools.first { $0.school == school }?.lines ?? []
        return all.filter { m in
            switch m.when {
            case .risk: return r?.verdict == .risk
            case .riskBy(let c): return r?.risks.contains(c) == true
            case .noData: return r?.verdict == .noData
            case .rubricBelowZero(let id): return (lines.first { $0.line == id }?.points ?? 0) < 0
            case .notCounted(let id):
                guard let x = shares?.results.first(where: { $0.indicator == id }) else { return false }
                return !x.meeting.contains(school) && !x.unknown.contains(school)
            }
        }
    }

    private func recommendationsSection(_ school: String) -> String {
        let ms = measures(school)
        var out = "<section>\n<h2>Адресные рекомендации</h2>\n"
        if ms.isEmpty { return out + "<p>Меры программы, относящиеся к положению школы, не требуются.</p>\n</section>\n" }
        out += "<ol>\n" + ms.map { "<li>\(e($0.text)) <span class=\"seed\">(программа, строка \(e($0.seed)))</span></li>" }.joined(separator: "\n") + "\n</ol>\n"
        return out + "</section>\n"
    }

    static let style = """
    body{font-family:"PT Sans","Liberation Sans",Arial,sans-serif;margin:1.5em;color:#111;max-width:60em}
    h1{font-size:1.4em;margin:0}h2{font-size:1.15em;margin-top:1.4em;border-bottom:1px solid #888}
    .meta{color:#444;margin-top:.2em}table{border-collapse:collapse;width:100%;margin:.5em 0}
    caption{text-align:left;color:#444;font-size:.9em;padding:.2em 0}
    th,td{border:1px solid #999;padding:.2em .4em;text-align:left;vertical-align:top;font-size:.92em}
    thead th{background:#e8e8e8}tr.item th{background:#f3f3f3}td.na{color:#777}
    .verdict.risk strong{color:#a00}.seed{color:#555;font-size:.85em}
    @page{size:A4;margin:15mm}@media print{body{margin:0}section{break-inside:auto}tr{break-inside:avoid}}
    """
}
