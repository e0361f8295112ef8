import Foundation
import SvodIO
import SvodLocale
import SvodSchema
import SvodStore
import SvodValidation

/// The import every driver runs (`svod import`, the batch run): check a file exactly as
/// `svod validate` does, keep every value it read, and offer it to the store in one transaction.
public struct Importer {
    public let checker: SubmissionChecker
    public let store: SubmissionStore
    /// The period the department is collecting; a file of another period is refused.
    public var period: String?
    /// Refuse a file with warnings the school has not explained (by default it is accepted, its warnings listed).
    public var refuseUnexplainedWarnings = false

    /// An importer into `store`.
    public init(checker: SubmissionChecker, store: SubmissionStore, period: String? = nil) {
        self.checker = checker
        self.store = store
        self.period = period
    }

    /// What became of one file: its verdict and the store's outcome.
    public struct Result {
        public let verdict: FileVerdict
        /// What the store did; nil when the file could not even be read to be kept (it does not exist).
        public let outcome: OfferOutcome?
        /// The reason it was refused though its check found no error.
        public let refusedBecause: LocalizedText?
    }

    /// Imports one file; throws only when the store itself fails (the run should stop).
    public func importFile(_ path: String, arrivedAt: Date = Date()) throws -> Result {
        let sink = CollectedValues()
        let verdict = checker.check(path, values: sink)
        var because: LocalizedText?
        if let r = verdict.report, r.isValid {
            if r.school == nil {
                because = .init(ru: "на листе «Титул» не указана школа из реестра", en: "«Титул» names no school of the registry")
            } else if refuseUnexplainedWarnings, r.count(.warning, explained: false) > 0 {
                let n = r.count(.warning, explained: false)
                because = .init(ru: "непоясненных предупреждений — \(n) (--no-warnings): поясните их на листе «Пояснения» или исправьте",
                                en: "\(n) unexplained warnings (--no-warnings): explain them on «Пояснения» or correct them")
            } else if let wanted = period, let form = checker.catalog.form(r.formID),
                      form.period.ordinal(r.period ?? "") != form.period.ordinal(wanted) {
                because = .init(ru: "период «\(r.period ?? "—")», а собирается «\(wanted)» (--period)",
                                en: "the period is '\(r.period ?? "—")', and '\(wanted)' is being collected (--period)")
            }
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        guard let sha = verdict.report?.sha256 ?? (try? SHA256.file(path)) else {
            return Result(verdict: verdict, outcome: nil, refusedBecause: because)
        }
        let offer = Offer(fileName: (path as NSString).lastPathComponent, path: path, sha256: sha, size: size, arrivedAt: arrivedAt,
                          verdict: verdict, values: sink.values, refusedBecause: because)
        return Result(verdict: verdict, outcome: try store.offer(offer), refusedBecause: because)
    }
}

/// The values of one file, kept for its offer.
final class CollectedValues: ReadValueSink {
    private(set) var values: [ReadValue] = []
    func take(_ value: ReadValue) { values.append(value) }
}
