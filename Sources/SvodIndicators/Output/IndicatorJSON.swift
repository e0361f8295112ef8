import Foundation
import SvodExpressions
import SvodLocale
import SvodSchema

/// The indicators as JSON (README «Показатели в JSON»): per criterion of the risk zones its
/// window, per school every criterion's years with their rows, the verdicts, and indicators 1–2.
/// Shares are printed at one place; verdicts were reached on the exact fractions.
public struct IndicatorJSON {
    public let catalog: SchemaCatalog

    /// A writer naming schools and criteria from `catalog`.
    public init(catalog: SchemaCatalog) {
        self.catalog = catalog
    }

    /// The document, ending with a newline; the same inputs give the same bytes.
    public func render(period: String, risk: RiskZoneReport?, zones: RiskZones?, rubric: RubricReport? = nil, shares: SharesReport? = nil) -> String {
        var out = "{\"format\":\"svod-indicators\",\"period\":\(q(period)),\"risk_zones\":"
        if let risk, let zones {
            out += riskZones(risk, zones)
        } else {
            out += "null"
        }
        out += ",\n\"director_rubric\":"
        if let rubric, let declared = catalog.directorRubric {
            out += self.rubric(rubric, declared)
        } else {
            out += "null"
        }
        out += ",\n\"school_shares\":"
        if let shares, let declared = catalog.schoolShares {
            out += self.shares(shares, declared)
        } else {
            out += "null"
        }
        return out + "}\n"
    }

    private func value(_ v: ExpressionValue) -> String {
        switch v {
        case .number(let d): return "\(d)"
        case .bool(let b): return b ? "true" : "false"
        case .text(let t): return q(t)
        case .missing: return "null"
        }
    }

    private func shares(_ r: SharesReport, _ declared: SchoolShares) -> String {
        let byID = Dictionary(declared.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let items = r.results.map { x -> String in
            let i = byID[x.indicator]
            return "{\"id\":\(q(x.indicator)),\"section\":\(q(i?.section ?? "")),\"title\":\(q(i?.title ?? "")),\"seed\":\(q(i?.seed ?? "")),"
                + "\"kind\":\(q(i?.isShare == false ? "count" : "share")),\"counts\":\(q(i?.conditionText ?? "")),\"schools\":\(share(x.share)),"
                + "\"meeting\":[\(x.meeting.map(q).joined(separator: ","))],\"unknown\":[\(x.unknown.map(q).joined(separator: ","))]}"
        }
        return "[\n" + items.joined(separator: ",\n") + "]"
    }

    private func rubric(_ r: RubricReport, _ rubric: DirectorRubric) -> String {
        let lines = rubric.items.flatMap { item in
            item.lines.map { "{\"id\":\(q($0.id)),\"item\":\(item.number),\"text\":\(q($0.text)),\"seed\":\(q($0.seed)),\"points\":\(q($0.pointsText))}" }
        }
        let schools = r.schools.map { s in
            let lines = s.lines.map { l in
                let inputs = l.inputs.sorted { $0.key < $1.key }.map { "\(q($0.key)):\(value($0.value))" }.joined(separator: ",")
                let city = l.city.sorted { $0.key < $1.key }.map { "\(q($0.key)):\(value($0.value))" }.joined(separator: ",")
                return "{\"id\":\(q(l.line)),\"points\":\(n(l.points)),\"problem\":\(l.problem.map(q) ?? "null"),\"inputs\":{\(inputs)},\"city\":{\(city)}}"
            }
            return "{\"school\":\(q(s.school)),\"name\":\(q(IndicatorWording(catalog: catalog).school(s.school))),\"total\":\(s.total),\"rank\":\(s.rank),"
                + "\"lines_without_data\":\(s.missing),\"lines\":[" + lines.joined(separator: ",") + "]}"
        }
        return "{\"lines\":[\n" + lines.joined(separator: ",\n") + "],\n\"schools\":[\n" + schools.joined(separator: ",\n") + "]}"
    }

    private func q(_ s: String) -> String { JSONString.literal(s) }
    private func n(_ d: Decimal?) -> String { d.map { "\($0)" } ?? "null" }
    private func b(_ v: Bool?) -> String { v.map { $0 ? "true" : "false" } ?? "null" }

    private func riskZones(_ r: RiskZoneReport, _ zones: RiskZones) -> String {
        let evaluator = RiskZoneEvaluator(zones: zones, catalog: catalog)
        let criteria = zones.criteria.map { c in
            "{\"id\":\(q(c.id)),\"title\":\(q(c.title.ru)),\"seed\":\(q(c.seed)),\"form\":\(q(c.form)),\"sheet\":\(q(c.sheet)),"
                + "\"years\":[\(evaluator.window(c, before: r.period).map(q).joined(separator: ","))],"
                + "\"schools\":\(share(r.byCriterion[c.id] ?? ShareOfSchools(count: 0, of: 0, unknown: 0)))}"
        }
        let schools = r.schools.map(school)
        return "{\"identification\":\(q(r.period)),\"criteria\":[\n" + criteria.joined(separator: ",\n") + "],\n\"indicators\":{\"in_zone\":\(share(r.inZone)),\"improving\":\(share(r.improving))},\n"
            + "\"schools\":[\n" + schools.joined(separator: ",\n") + "]}"
    }

    private func share(_ s: ShareOfSchools) -> String {
        "{\"count\":\(s.count),\"of\":\(s.of),\"unknown\":\(s.unknown),\"percent\":\(n(s.percent))}"
    }

    private func school(_ s: SchoolRisk) -> String {
        let criteria = s.criteria.map { c in
            "{\"id\":\(q(c.criterion)),\"verdict\":\(q(c.verdict.rawValue)),\"years_counted\":\(c.yearsCounted),"
                + "\"years_available\":\(c.yearsAvailable),\"improved\":\(b(c.improved)),\"years\":[" + c.years.map(year).joined(separator: ",") + "]}"
        }
        return "{\"school\":\(q(s.school)),\"name\":\(q(IndicatorWording(catalog: catalog).school(s.school))),\"verdict\":\(q(s.verdict.rawValue)),"
            + "\"risks\":[\(s.risks.map(q).joined(separator: ","))],\"positive_dynamics\":\(b(s.positiveDynamics)),\"criteria\":[" + criteria.joined(separator: ",") + "]}"
    }

    private func year(_ y: YearCheck) -> String {
        let rows = y.rows.map { rows in
            "[" + rows.map { r in
                let key = r.key.sorted { $0.key < $1.key }.map { "\(q($0.key)):\(q($0.value))" }.joined(separator: ",")
                return "{\"key\":{\(key)},\"participants\":\(r.participants),\"low\":\(r.low),\"top\":\(n(r.top)),"
                    + "\"share\":\(n(r.share.map { Decimals.rounded($0, 1) })),\"share_fails\":\(r.shareFails),\"no_top\":\(r.noTop),\"fails\":\(r.fails)}"
            }.joined(separator: ",") + "]"
        } ?? "null"
        return "{\"period\":\(q(y.period)),\"counts\":\(b(y.counts)),\"failing\":\(y.failing),\"share\":\(n(y.pooledShare.map { Decimals.rounded($0, 1) })),\"rows\":\(rows)}"
    }
}
