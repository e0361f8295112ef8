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
        public var leftOut: [LeftOut] = []
    }

    /// The indicators of identification year `period` from `store`.
    public func fromStore(_ store: SubmissionStore, period: String) throws -> Result {
        var result = Result()
        if let zones = catalog.riskZones {
            let data = StoreSchoolSheets(consolidator: Consolidator(catalog: catalog, store: store))
            result.riskZones = try RiskZoneEvaluator(zones: zones, catalog: catalog).evaluate(period: period, schools: scope(zones), data: data)
        }
        return result
    }

    /// The indicators from files (several years of them); `scratch` is a folder for the run's own store.
    public func fromFiles(_ inputs: [Inputs.Input], period: String, scratch: String) throws -> Result {
        let store = try SQLiteStore(path: (scratch as NSString).appendingPathComponent("scratch.sqlite"), scratch: true)
        let importer = Importer(checker: SubmissionChecker(catalog: catalog), store: store)
        var leftOut: [LeftOut] = []
        try BatchedImport(importer: importer).run(inputs.lazy.map(\.path)) { batch in
            for (path, r) in batch {
                switch r.outcome {
                case .accepted?: break
                case .alreadyRecorded?: leftOut.append(LeftOut(file: path, reason: .init(ru: "те же байты, что у другого файла", en: "the same bytes as another file")))
                case .refused?, nil: leftOut.append(LeftOut(file: path, reason: ConsolidationRun.reason(r)))
                }
            }
        }
        var result = try fromStore(store, period: period)
        result.leftOut = leftOut
        return result
    }

    /// The organisations the criteria's forms are due from, in registry order.
    func scope(_ zones: RiskZones) -> [String] {
        let forms = Set(zones.criteria.map(\.form)).compactMap(catalog.form)
        return catalog.organisations.filter { o in forms.contains { $0.isSubmitted(by: o) } }.map(\.code)
    }
}

/// The schools' rows from the store: each school's current accepted file of the period, its
/// totals rows left out (as the consolidation leaves them out), numbers only.
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
                SheetRow(key: r.key, numbers: r.values.compactMapValues { if case .number(let d) = $0 { return d } else { return nil } })
            }
        }
        return out
    }
}
