import Foundation
import SvodSchema

/// Identifies the risk-zone schools of a year by the catalogue's criteria (seed 3.2): every
/// criterion over its window of years before the identification year, then indicators 1 and 2.
public struct RiskZoneEvaluator {
    public let zones: RiskZones
    public let catalog: SchemaCatalog

    /// An evaluator of `zones` over the forms of `catalog`.
    public init(zones: RiskZones, catalog: SchemaCatalog) {
        self.zones = zones
        self.catalog = catalog
    }

    /// The academic years a criterion looks at for identification year `period`, the most recent first.
    public func window(_ c: RiskZones.Criterion, before period: String) -> [String] {
        guard let form = catalog.form(c.form), let n = form.period.ordinal(period) else { return [] }
        return (1...max(1, c.window)).map { form.period.name(n - $0) }
    }

    /// The identification of `period` for `schools` (registry codes, in the order to list them).
    public func evaluate(period: String, schools: [String], data: SchoolSheets) throws -> RiskZoneReport {
        // One read per criterion and year, not per school: the data is a few rows per school.
        var read: [String: [String: [SheetRow]]] = [:]
        func rows(_ c: RiskZones.Criterion, _ year: String) throws -> [String: [SheetRow]] {
            let key = "\(c.form)|\(c.sheet)|\(year)"
            if let r = read[key] { return r }
            let r = try data.rows(form: c.form, sheet: c.sheet, period: year)
            read[key] = r
            return r
        }
        var results: [SchoolRisk] = []
        for school in schools {
            var checks: [CriterionCheck] = []
            for c in zones.criteria {
                guard catalog.isDue(c.form, from: school) else {
                    checks.append(CriterionCheck(criterion: c.id, years: [], verdict: .notApplicable, yearsCounted: 0, yearsAvailable: 0, improved: nil))
                    continue
                }
                let years = try window(c, before: period).map { year in
                    judge(c, year: year, rows: try rows(c, year)[school])
                }
                checks.append(verdict(c, years: years))
            }
            results.append(finish(school, checks))
        }
        return summarise(period: period, results)
    }


    /// One year of a criterion: its rows judged, and whether the year counts.
    func judge(_ c: RiskZones.Criterion, year: String, rows: [SheetRow]?) -> YearCheck {
        guard let rows else { return YearCheck(period: year, rows: nil, counts: nil, pooledShare: nil) }
        let checks = rows.filter { row in c.rows.allSatisfy { field, codes in row.key[field].map(codes.contains) ?? false } }
            .compactMap { judge(c, row: $0) }
        let failing = checks.filter(\.fails).count
        let participants = checks.reduce(Decimal(0)) { $0 + $1.participants }
        let low = checks.reduce(Decimal(0)) { $0 + $1.low }
        // Counted over the window together (ВПР 5–6), a year with any failing work counts towards it.
        let counts = c.yearsNeeded == nil ? failing > 0 : failing >= c.rowsNeeded
        return YearCheck(period: year, rows: checks, counts: counts,
                         pooledShare: participants > 0 ? low * 100 / participants : nil)
    }

    /// One row: nil when a row without participants says nothing (`empty: skip`).
    func judge(_ c: RiskZones.Criterion, row: SheetRow) -> RowCheck? {
        let participants = row.numbers[c.participants] ?? 0
        let low = row.numbers[c.low] ?? 0
        let top = c.top.map { row.numbers[$0] ?? 0 }
        guard participants > 0 else {
            guard c.empty == .bad else { return nil }
            return RowCheck(key: row.key, participants: 0, low: low, top: top, share: nil, shareFails: false, noTop: false, fails: true)
        }
        let exact = low * 100 / participants
        let share = c.places.map { Decimals.rounded(exact, $0) } ?? exact
        // Exact comparison by cross-multiplying: 1/3 of a class is not 33,333…4 %.
        let shareFails = c.places == nil ? low * 100 >= c.atLeast * participants : share >= c.atLeast
        let noTop = top.map { $0 == 0 } ?? false
        let fails: Bool
        switch c.combination {
        case .either: fails = shareFails || noTop
        case .both: fails = shareFails && noTop
        case .share: fails = shareFails
        case .top: fails = noTop
        }
        return RowCheck(key: row.key, participants: participants, low: low, top: top, share: share, shareFails: shareFails, noTop: noTop, fails: fails)
    }

    /// A criterion's verdict from its years: «нет данных» only when the missing years could change it.
    func verdict(_ c: RiskZones.Criterion, years: [YearCheck]) -> CriterionCheck {
        let counted = years.filter { $0.counts == true }.count
        let missing = years.filter { $0.counts == nil }.count
        let verdict: RiskVerdict
        if let needed = c.yearsNeeded {
            verdict = counted >= needed ? .risk : (counted + missing < needed ? .clear : .noData)
        } else {
            // Failing rows counted over the whole window together.
            let failing = years.reduce(0) { $0 + $1.failing }
            verdict = failing >= c.rowsNeeded ? .risk : (missing > 0 ? .noData : .clear)
        }
        var improved: Bool?
        if years.count >= 2, let last = years[0].counts, let before = years[1].counts {
            if before && !last { improved = true }
            else if let a = years[0].pooledShare, let b = years[1].pooledShare { improved = a < b }
            else { improved = nil }
        }
        return CriterionCheck(criterion: c.id, years: years, verdict: verdict, yearsCounted: counted,
                              yearsAvailable: years.count - missing, improved: improved)
    }

    /// A school's verdict: in the zone by any criterion; otherwise «нет данных» if any criterion lacks data.
    func finish(_ school: String, _ checks: [CriterionCheck]) -> SchoolRisk {
        let verdict: RiskVerdict = checks.contains { $0.verdict == .risk } ? .risk : (checks.contains { $0.verdict == .noData } ? .noData : .clear)
        var dynamics: Bool?
        if verdict == .risk {
            let flagged = checks.filter { $0.verdict == .risk }.map(\.improved)
            if zones.dynamics.requireAll {
                dynamics = flagged.contains(nil) ? nil : flagged.allSatisfy { $0 == true }
            } else {
                dynamics = flagged.contains(true) ? true : (flagged.contains(nil) ? nil : false)
            }
        }
        return SchoolRisk(school: school, criteria: checks, verdict: verdict, positiveDynamics: dynamics)
    }

    private func summarise(period: String, _ schools: [SchoolRisk]) -> RiskZoneReport {
        let risk = schools.filter { $0.verdict == .risk }
        let unknown = schools.filter { $0.verdict == .noData }.count
        let judged = risk.filter { $0.positiveDynamics != nil }
        var byCriterion: [String: ShareOfSchools] = [:]
        for c in zones.criteria {
            let verdicts = schools.compactMap { s in s.criteria.first { $0.criterion == c.id }?.verdict }.filter { $0 != .notApplicable }
            let missing = verdicts.filter { $0 == .noData }.count
            byCriterion[c.id] = ShareOfSchools(count: verdicts.filter { $0 == .risk }.count, of: verdicts.count - missing, unknown: missing)
        }
        return RiskZoneReport(period: period, schools: schools,
                              inZone: ShareOfSchools(count: risk.count, of: schools.count - unknown, unknown: unknown),
                              improving: ShareOfSchools(count: judged.filter { $0.positiveDynamics == true }.count, of: judged.count,
                                                        unknown: risk.count - judged.count),
                              byCriterion: byCriterion)
    }
}
