import Foundation
import SvodLocale
import SvodSchema
import SvodStore
import SvodValidation

/// `svod recheck`: each accepted file checked again, from its kept original, with today's
/// schemas, and compared with the verdict the store keeps — an accepted file is never re-judged
/// silently: this says what a change of the rules would change, and changes nothing.
public struct Recheck {
    public let catalog: SchemaCatalog
    public let store: SubmissionStore

    /// A recheck of `store` against `catalog`.
    public init(catalog: SchemaCatalog, store: SubmissionStore) {
        self.catalog = catalog
        self.store = store
    }

    /// What checking one kept file again found.
    public struct Outcome {
        public let submission: StoredSubmission
        /// Findings now that the store does not have (rule and place), and those no longer found.
        public let new: [Finding]
        public let gone: [StoredFinding]
        /// The form's version now, when it differs from the one the file was checked with.
        public let version: Int?
        /// Errors now: the file would be refused today.
        public let wouldBeRefused: Bool
        /// The original could not be found or read.
        public let unreadable: LocalizedText?

        /// Whether anything differs.
        public var changed: Bool { !new.isEmpty || !gone.isEmpty || version != nil || wouldBeRefused || unreadable != nil }
    }

    /// The current accepted submissions (of `period` and `form` when given), checked again.
    public func run(period: String?, form: String?) throws -> [Outcome] {
        let checker = SubmissionChecker(catalog: catalog)
        return try store.submissions(period: period, form: form).filter { $0.outcome == "accepted" && $0.supersededBy == nil }
            .sorted { ($0.school ?? "", $0.form ?? "", $0.id) < ($1.school ?? "", $1.form ?? "", $1.id) }
            .map { s in
                guard let path = store.originalFile(s.sha256) else {
                    return Outcome(submission: s, new: [], gone: [], version: nil, wouldBeRefused: false,
                                   unreadable: .init(ru: "исходный файл не найден в хранилище", en: "the original is not in the store"))
                }
                // The other forms as the store holds them today, as the import compared them.
                let others = StoredForms(store: store, checker: checker)
                let verdict = checker.check(path, form: s.form, crossForm: others)
                if let failure = others.failure { throw failure }
                guard let report = verdict.report else {
                    return Outcome(submission: s, new: [], gone: [], version: nil, wouldBeRefused: true, unreadable: verdict.refusal?.message)
                }
                let kept = try store.findings(of: s.id)
                func place(_ f: Finding) -> String? { f.sheet.map { sheet in f.cell.map { "\(sheet)!\($0.a1)" } ?? sheet } }
                let keptKeys = Set(kept.map { "\($0.rule)|\($0.place ?? "")" })
                let nowKeys = Set(report.findings.map { "\($0.rule)|\(place($0) ?? "")" })
                return Outcome(submission: s,
                               new: report.findings.filter { !keptKeys.contains("\($0.rule)|\(place($0) ?? "")") },
                               gone: kept.filter { !nowKeys.contains("\($0.rule)|\($0.place ?? "")") },
                               version: report.formVersion != s.formVersion ? report.formVersion : nil,
                               wouldBeRefused: !report.isValid, unreadable: nil)
            }
    }
}
