import Foundation
import SvodConsolidation
import SvodLocale
import SvodSchema
import SvodSpreadsheet
import SvodStore
import SvodValidation

/// `svod consolidate` as every driver runs it: from the store, or from files — checked on the
/// way into a scratch store that is thrown away after the run — with lower consolidations
/// (a district's JSON or workbook) merged in. Every input given ends either in the
/// consolidation's sources or among the files left out, with the reason.
public struct ConsolidationRun {
    public let catalog: SchemaCatalog
    /// The district covered; nil for the city.
    public var district: String?
    /// Forms asked for (ids); empty for all of the period's.
    public var forms: [String] = []

    /// A run over `catalog`.
    public init(catalog: SchemaCatalog, district: String? = nil) {
        self.catalog = catalog
        self.district = district
    }

    /// A consolidation with what writers need to show the schools' rows.
    public struct Result {
        public var consolidation: Consolidation
        public var schools: SchoolSource
        public var leftOut: [LeftOut]
        /// Earlier periods' consolidations for the programme tables' year columns.
        public var earlier: [String: [Int: FormConsolidation]] = [:]
    }

    /// The consolidation of `period` from `store`.
    public func fromStore(_ store: SubmissionStore, period: String) throws -> Result {
        let c = consolidator(store)
        let result = try c.consolidate(period: period)
        return Result(consolidation: result, schools: StoreSchoolSource(consolidator: c, consolidation: result), leftOut: [], earlier: try c.earlier(result))
    }

    /// The consolidation of files; `period` nil takes the latest academic year among them
    /// (else the latest period of any kind). `scratch` is a folder for the run's own store.
    public func fromFiles(_ inputs: [Inputs.Input], period: String?, scratch: String) throws -> Result {
        let store = try SQLiteStore(path: (scratch as NSString).appendingPathComponent("scratch.sqlite"), scratch: true)
        let importer = Importer(checker: SubmissionChecker(catalog: catalog), store: store)
        var lower: [(Consolidation, String)] = [], leftOut: [LeftOut] = [], accepted: [String: String] = [:]
        for input in inputs {
            do {
                if let c = try lowerConsolidation(input.path) {
                    lower.append((c, input.path))
                    continue
                }
            } catch let e as ConsolidationInputError {
                // A JSON that is not svod's consolidation, or one of another form version: named, not fatal.
                leftOut.append(LeftOut(file: input.path, reason: e.message))
                continue
            }
            // A file's arrival is its modification time: the same files give the same consolidation.
            let modified = (try? FileManager.default.attributesOfItem(atPath: input.path)[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
            let r = try importer.importFile(input.path, arrivedAt: modified)
            if case .accepted(let id, _)? = r.outcome { accepted[String(id)] = input.path }
            if let out = Self.leftOut(input.path, r) { leftOut.append(out) }
        }
        let chosen = period ?? latestPeriod(store, lower: lower.map(\.0))
        guard let chosen else { throw ConsolidationInputError("", ru: "ни один файл не принят — сводить нечего", en: "no file was accepted: nothing to consolidate") }
        var c = consolidator(store)
        if forms.isEmpty {
            // Files bring their own forms: a form none of them is for is not «missing» from every school.
            let given = try store.submissions(period: nil, form: nil).filter { $0.outcome == "accepted" }.compactMap(\.form) + lower.flatMap { $0.0.forms.map(\.id) }
            c.forms = c.forms(for: chosen).map(\.id).filter(Set(given).contains)
        }
        var result = try c.consolidate(period: chosen)
        let earlier = try c.earlier(result)
        leftOut += try notUsed(store, consolidator: c, period: chosen, paths: accepted, earlier: earlier)
        for (l, path) in lower {
            guard l.period == chosen else {
                leftOut.append(LeftOut(file: path, reason: .init(ru: "свод за «\(l.period)», а сводится «\(chosen)»", en: "a consolidation of '\(l.period)'; '\(chosen)' is being consolidated")))
                continue
            }
            for f in l.forms {
                guard let i = result.consolidation(of: f.id) else { continue }
                result.forms[i].merge(f)
            }
        }
        c.finish(&result)
        return Result(consolidation: result, schools: StoreSchoolSource(consolidator: c, consolidation: result), leftOut: leftOut, earlier: earlier)
    }

    /// Compares published tables (form-shaped files of the city's figures) with `result`: their own
    /// findings and their differences from the schools' sums join the consolidation's checks.
    public func compare(published inputs: [Inputs.Input], with result: inout Result) {
        let checker = SubmissionChecker(catalog: catalog)
        for input in inputs {
            let sink = CollectedValues()
            let verdict = checker.check(input.path, values: sink)
            guard let report = verdict.report else {
                result.consolidation.checks.append(CityFinding(rule: "consolidation.published", form: "—", message: .init(
                    ru: "«\(input.path)»: опубликованная таблица не прочитана: \(verdict.refusal?.message.ru ?? "")",
                    en: "'\(input.path)': the published table was not read: \(verdict.refusal?.message.en ?? "")")))
                continue
            }
            result.consolidation.checks += PublishedComparison(catalog: catalog)
                .findings(file: input.path, report: report, values: sink.values, in: result.consolidation)
        }
    }

    private func consolidator(_ store: SubmissionStore) -> Consolidator {
        var c = Consolidator(catalog: catalog, store: store, district: district)
        c.forms = forms
        return c
    }

    /// A district's consolidation given as an input (JSON, or a workbook svod wrote), else nil.
    private func lowerConsolidation(_ path: String) throws -> Consolidation? {
        if path.lowercased().hasSuffix(".json") {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= ConsolidationReader.maxBytes, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConsolidationInputError(path, ru: "не читается как свод в JSON (UTF-8, до 256 МиБ)", en: "cannot be read as a JSON consolidation (UTF-8, up to 256 MiB)")
            }
            return try ConsolidationReader.read(json: text, file: path, catalog: catalog)
        }
        guard let reader = try? Spreadsheet.open(path: path) else { return nil }
        return try ConsolidationReader.read(workbook: reader, file: path, catalog: catalog)
    }

    /// The latest academic year of the accepted files and lower consolidations, or the latest period of another kind.
    private func latestPeriod(_ store: SubmissionStore, lower: [Consolidation]) -> String? {
        let periods = ((try? store.submissions(period: nil, form: nil)) ?? []).filter { $0.outcome == "accepted" }.compactMap(\.period) + lower.map(\.period)
        for kind in [ReportingPeriod.academicYear, .year, .quarter, .month] {
            if let best = periods.compactMap({ p in kind.ordinal(p).map { ($0, p) } }).max(by: { $0.0 < $1.0 }) { return best.1 }
        }
        return nil
    }

    /// Accepted files the consolidation does not use: another period, another district, replaced.
    private func notUsed(_ store: SubmissionStore, consolidator c: Consolidator, period: String, paths: [String: String],
                         earlier: [String: [Int: FormConsolidation]]) throws -> [LeftOut] {
        var used = Set<Int64>(), years = Set<String>()
        for form in c.forms(for: period) { for s in try c.current(form, period: period) { used.insert(s.id) } }
        for (form, byOffset) in earlier { for c in byOffset.values { for s in c.sources { years.insert("\(form)|\(s.sha256)") } } }
        return try store.submissions(period: nil, form: nil).filter { $0.outcome == "accepted" && !used.contains($0.id) }.compactMap { s in
            guard let path = paths[String(s.id)] else { return nil }
            let form = s.form.flatMap(catalog.form)
            let reason: LocalizedText
            if years.contains("\(s.form ?? "")|\(s.sha256)") {
                reason = .init(ru: "период «\(s.period ?? "—")»: только в годах таблиц программы", en: "period '\(s.period ?? "—")': only in the programme tables' years")
            } else if s.supersededBy != nil {
                reason = .init(ru: "заменён другим файлом той же школы, формы и периода", en: "replaced by another file of the same school, form and period")
            } else if let form, form.period.ordinal(s.period ?? "") != form.period.ordinal(period) {
                reason = .init(ru: "период «\(s.period ?? "—")», а сводится «\(period)»", en: "the period is '\(s.period ?? "—")'; '\(period)' is being consolidated")
            } else if !forms.isEmpty, let id = s.form, !forms.contains(id) {
                reason = .init(ru: "форма «\(id)» не выбрана (--form)", en: "form '\(id)' was not asked for (--form)")
            } else {
                reason = .init(ru: "школа не из сводимого района", en: "the school is not in the district consolidated")
            }
            return LeftOut(file: path, reason: reason)
        }
    }

    /// A file of a scratch import that does not go into the result, with why; nil for an accepted one.
    static func leftOut(_ path: String, _ r: Importer.Result) -> LeftOut? {
        switch r.outcome {
        case .accepted?: return nil
        case .alreadyRecorded?: return LeftOut(file: path, reason: .init(ru: "те же байты, что у другого файла", en: "the same bytes as another file"))
        case .refused?, nil: return LeftOut(file: path, reason: reason(r))
        }
    }

    private static func reason(_ r: Importer.Result) -> LocalizedText {
        if let because = r.refusedBecause { return because }
        if let report = r.verdict.report {
            let n = report.count(.error)
            return .init(ru: "ошибок — \(n) (svod validate покажет их)", en: "\(n) errors (svod validate shows them)")
        }
        return r.verdict.refusal?.message ?? .init(ru: "не прочитан", en: "not read")
    }
}

extension Consolidation {
    /// The index of the form with this id.
    func consolidation(of id: String) -> Int? { forms.firstIndex { $0.id == id } }
}
