import Foundation
import SvodConsolidation
import SvodIndicators
import SvodLocale
import SvodSchema
import SvodStore

/// `svod indicators` as every driver runs it: the schools' data of several years from the store,
/// or from files checked on the way into a scratch store thrown away after the run.
public struct IndicatorRun {
    public let catalog: SchemaCatalog

    /// A run over `catalog`.
    public init(catalog: SchemaCatalog) {
        self.catalog = catalog
    }

    /// What the run computed, and the files it could not use.
    public struct Result {
        /// Risk zones, when the catalogue declares them.
        public var riskZones: RiskZoneReport?
        /// The director rubric, when the catalogue declares it.
        public var rubric: RubricReport?
        /// The shares and counts of schools, when the catalogue declares them.
        public var shares: SharesReport?
        /// ВПР quality by subject over the year and the two before it (for the analytical report).
        public var vpr: VPRQuality?
        /// Profile classes by profile: of the year, or of the nearest later year with career files (for the report).
        public var profiles: ProfileClasses?
        /// Additional education over the year and the two before it (for the report).
        public var additionalEducation: AdditionalEducation?
        public var leftOut: [LeftOut] = []
    }

    /// The indicators of academic year `period` from `store`: its rubric, and the risk zones
    /// identified for the year after it (their windows end with `period`).
    public func fromStore(_ store: SubmissionStore, period: String) throws -> Result {
        var result = Result()
        let consolidator = Consolidator(catalog: catalog, store: store)
        let data = CachedSheets(StoreSchoolSheets(consolidator: consolidator))
        if let zones = catalog.riskZones, let identification = identificationYear(after: period, zones) {
            result.riskZones = try RiskZoneEvaluator(zones: zones, catalog: catalog)
                .evaluate(period: identification, schools: scope(zones.criteria.map(\.form)), data: data)
        }
        if let form = catalog.form("vpr"), let n = form.period.ordinal(period) {
            result.vpr = try VPRQuality.compute(years: [n - 2, n - 1, n].map(form.period.name), data: data, catalog: catalog)
        }
        // The risk zones and the ВПР chart read the same ВПР sheets; the rubric and the shares the year's forms.
        data.forget()
        if let rubric = catalog.directorRubric {
            result.rubric = try RubricEvaluator(rubric: rubric, catalog: catalog).evaluate(period: period, schools: scope(["director"]), data: data)
        }
        if let form = catalog.form("dod"), let n = form.period.ordinal(period) {
            result.additionalEducation = try AdditionalEducation.compute(years: [n - 2, n - 1, n].map(form.period.name), data: data, catalog: catalog)
        }
        if let form = catalog.form("career"), let year = try nearestYear(of: form, from: period, consolidator) {
            result.profiles = try ProfileClasses.compute(period: year, data: data, catalog: catalog)
        }
        if let shares = catalog.schoolShares {
            // The schools of the city that send any of the forms the indicators read.
            let forms = shares.indicators.flatMap { $0.inputs.map(\.form) }
            result.shares = try ShareEvaluator(shares: shares, catalog: catalog).evaluate(period: period, schools: scope(forms), data: data)
        }
        return result
    }

    /// The indicators of `period` from files (several years of them); `scratch` is a folder for the run's own store.
    public func fromFiles(_ inputs: [Inputs.Input], period: String, scratch: String) throws -> Result {
        let store = try SQLiteStore(path: (scratch as NSString).appendingPathComponent("scratch.sqlite"), scratch: true)
        let importer = Importer(checker: SubmissionChecker(catalog: catalog), store: store)
        var leftOut: [LeftOut] = []
        try BatchedImport(importer: importer).run(inputs.lazy.map(\.path)) { batch in
            leftOut += batch.compactMap { ConsolidationRun.leftOut($0.path, $0.result) }
        }
        var result = try fromStore(store, period: period)
        result.leftOut = leftOut
        return result
    }

    /// The academic year after `period`, in the criteria's forms' periods; nil when `period` is not one of them.
    public func identificationYear(after period: String, _ zones: RiskZones) -> String? {
        guard let form = zones.criteria.first.flatMap({ catalog.form($0.form) }), let n = form.period.ordinal(period) else { return nil }
        return form.period.name(n + 1)
    }

    /// `period`, or the nearest later year in `form`'s periods with a school's accepted file: the career
    /// form of a year is collected the autumn after it, so a report may be made before it is in.
    func nearestYear(of form: FormSchema, from period: String, _ consolidator: Consolidator) throws -> String? {
        guard let n = form.period.ordinal(period) else { return nil }
        let later = Set(try consolidator.store.submissions(period: nil, form: form.id).compactMap { s in
            s.outcome == "accepted" ? s.period.flatMap(form.period.ordinal) : nil
        }.filter { $0 >= n })
        for year in later.sorted().map(form.period.name) where try !consolidator.current(form, period: year).isEmpty { return year }
        return nil
    }

    /// The organisations any of `forms` is due from, in registry order.
    func scope(_ forms: [String]) -> [String] {
        let forms = Set(forms).compactMap(catalog.form)
        return catalog.organisations.filter { o in forms.contains { $0.isSubmitted(by: o) } }.map(\.code)
    }
}

/// The schools' rows from the store: each school's current accepted file of the period, its
/// totals rows left out (as the consolidation leaves them out), numbers and answers.
struct StoreSchoolSheets: SchoolSheets {
    let consolidator: Consolidator

    func rows(form id: String, sheet: String, period: String) throws -> [String: [SheetRow]] {
        guard let form = consolidator.catalog.form(id) else { return [:] }
        let codes = CodeLookup(catalog: consolidator.catalog)
        var out: [String: [SheetRow]] = [:]
        for s in try consolidator.current(form, period: period) {
            guard let school = s.school else { continue }
            let records = SchoolRecords(try consolidator.store.values(of: s.id, sheet: sheet), form: form, isCode: codes.contains)
            out[school] = (records.sheets[sheet] ?? []).map { r in
                SheetRow(key: r.key, numbers: r.values.compactMapValues { if case .number(let d) = $0 { return d } else { return nil } },
                         answers: r.values.compactMapValues { if case .answer(let b) = $0 { return b } else { return nil } })
            }
        }
        return out
    }
}
