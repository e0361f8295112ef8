import Foundation
import SvodLocale
import SvodSchema
import SvodStore

/// Builds a consolidation from the store: for each form, every school's current accepted
/// submission of the period (a re-submission replaces the earlier one), one at a time, so
/// memory holds the city rows and one school's values, whatever the number of schools.
public struct Consolidator {
    public let catalog: SchemaCatalog
    public let store: SubmissionStore
    /// The district covered; nil for the city.
    public var district: String?
    /// Forms to consolidate (ids); empty for every form whose period kind fits the period.
    public var forms: [String] = []

    /// A consolidator over `store`.
    public init(catalog: SchemaCatalog, store: SubmissionStore, district: String? = nil) {
        self.catalog = catalog
        self.store = store
        self.district = district
    }

    /// The forms a period covers: the asked ones, or every form whose periods are of its kind.
    public func forms(for period: String) -> [FormSchema] {
        let wanted = forms.isEmpty ? catalog.forms.filter { $0.period.ordinal(period) != nil } : forms.compactMap(catalog.form)
        return wanted.sorted { $0.id < $1.id }
    }

    /// Registry code → its position: the order schools are listed in everywhere.
    public var registryRank: [String: Int] {
        Dictionary(catalog.organisations.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The organisations the consolidation covers, in registry order.
    public var scope: [Organisation] {
        catalog.organisations.filter { district == nil || $0.district == district }
    }

    /// The consolidation of `period`, with its checks run.
    public func consolidate(period: String) throws -> Consolidation {
        var result = Consolidation(period: period, district: district, forms: [])
        for form in forms(for: period) {
            result.forms.append(try consolidate(form, period: period))
        }
        finish(&result)
        return result
    }

    /// The schools' current submissions of `form` for `period` in the scope, in registry order.
    public func current(_ form: FormSchema, period: String) throws -> [StoredSubmission] {
        let ordinal = form.period.ordinal(period)
        let rank = Dictionary(scope.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        return try store.submissions(period: nil, form: form.id)
            .filter { $0.outcome == "accepted" && $0.supersededBy == nil && form.period.ordinal($0.period ?? "") == ordinal }
            .filter { rank[$0.school ?? ""] != nil }
            .sorted { rank[$0.school!]! < rank[$1.school!]! }
    }

    /// One form's consolidation for `period`, without the checks (the earlier years of a programme table).
    public func consolidate(_ form: FormSchema, period: String) throws -> FormConsolidation {
        let accumulator = Accumulator(form: form, counting: catalog.schoolConditions(of: form.id))
        var c = accumulator.empty()
        let codes = CodeLookup(catalog: catalog)
        let submissions = try current(form, period: period)
        c.submitted.reserveCapacity(submissions.count)
        c.sources.reserveCapacity(submissions.count)
        for s in submissions {
            let records = SchoolRecords(try store.values(of: s.id), form: form, isCode: codes.contains)
            accumulator.add(records, to: &c)
            for (sheet, rows) in records.sheets { c.schoolRows[sheet, default: 0] += rows.count }
            c.submitted.append(s.school!)
            c.sources.append(SourceFile(school: s.school!, fileName: s.fileName, sha256: s.sha256, arrivedAt: s.arrivedAt,
                                        warnings: s.warnings, warningsExplained: s.warningsExplained, submission: s.id))
        }
        return c
    }

    /// The forms' consolidations of the earlier periods the programme tables compare with: form id → offset → consolidation.
    public func earlier(_ result: Consolidation) throws -> [String: [Int: FormConsolidation]] {
        var out: [String: [Int: FormConsolidation]] = [:]
        for table in catalog.programmeTables {
            guard let form = catalog.form(table.form), let now = result.form(form.id), let n = form.period.ordinal(result.period) else { continue }
            out[form.id, default: [:]][0] = now
            for offset in table.offsets where offset != 0 && out[form.id]?[offset] == nil {
                var c = try consolidate(form, period: form.period.name(n + offset))
                c.submitted.sort()
                out[form.id]![offset] = c
            }
        }
        return out
    }

    /// Sorts what was gathered into registry order, lists who is missing, and runs the checks
    /// (replacing earlier ones): after the store's submissions and lower consolidations merged in alike.
    public func finish(_ result: inout Consolidation) {
        let rank = registryRank
        var checks: [CityFinding] = []
        for i in result.forms.indices {
            var c = result.forms[i]
            var seen = Set<String>()
            for school in c.submitted where !seen.insert(school).inserted {
                checks.append(CityFinding(rule: "consolidation.duplicate-school", form: c.id, message: .init(
                    ru: "школа «\(school)» учтена в своде дважды (она есть в двух сводах районов)",
                    en: "school '\(school)' is counted twice (it is in two district consolidations)")))
            }
            c.submitted = seen.sorted { (rank[$0] ?? .max, $0) < (rank[$1] ?? .max, $1) }
            c.sources.sort { (rank[$0.school] ?? .max, $0.school, $0.fileName) < (rank[$1.school] ?? .max, $1.school, $1.fileName) }
            if let form = catalog.form(c.id) {
                c.missing = scope.filter { form.isSubmitted(by: $0) && !seen.contains($0.code) }.map(\.code)
            }
            result.forms[i] = c
            if let form = catalog.form(c.id) {
                checks += CityChecks(catalog: catalog).run(PublishedValues(form: form, consolidation: c))
            }
        }
        result.checks = checks + CrossFormCityChecks(catalog: catalog).run(result)
    }
}

/// Whether a text is a code of a list (a total's «Всего» label is not).
public struct CodeLookup {
    private let codes: [String: Set<String>]

    /// The codes of every list of `catalog`.
    public init(catalog: SchemaCatalog) {
        codes = Dictionary(catalog.lists.map { ($0.id, Set($0.items.map(\.code))) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether `text` is a code of `list`.
    public func contains(_ list: String, _ text: String) -> Bool { codes[list]?.contains(text) ?? false }
}
