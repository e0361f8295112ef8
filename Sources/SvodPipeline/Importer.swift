import Foundation
import SvodIO
import SvodLocale
import SvodSchema
import SvodStore
import SvodValidation
import SvodWorkbook

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
        let others = StoredForms(store: store, checker: checker)
        let verdict = checker.check(path, values: sink, crossForm: others)
        if let failure = others.failure { throw failure }
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

/// The values of one file, kept for its offer (or for comparing a published table).
final class CollectedValues: ReadValueSink {
    private(set) var values: [ReadValue] = []
    func take(_ value: ReadValue) { values.append(value) }
}

/// The school's other forms for the period as the store holds them: its current accepted
/// submission of each. At the import the file arriving second carries a cross-form comparison,
/// whichever of the two forms it is, so the rules of forms reading this one run on it too.
final class StoredForms: CrossFormSource {
    private let store: SubmissionStore
    private let checker: SubmissionChecker
    /// The store failed while asked: the import stops, as for any store failure.
    private(set) var failure: Error?

    init(store: SubmissionStore, checker: SubmissionChecker) {
        self.store = store
        self.checker = checker
    }

    var checksReaders: Bool { true }

    func covers(_ form: String) -> Bool { true }

    func values(of form: String, school: String, period: String) -> CrossFormLookup {
        let absent = CrossFormLookup.absent(.init(ru: "в хранилище нет принятого файла этой формы от этой школы за \(period)",
                                                  en: "the store holds no accepted file of that form from this school for \(period)"))
        guard let schema = checker.catalog.form(form) else { return absent }
        do {
            let collector = checker.crossForm.collector(for: schema)
            guard let stored = try store.currentValues(school: school, form: form, period: period, fields: collector.fields) else { return absent }
            for v in stored {
                guard let value = Self.value(v) else { continue }
                collector.take(sheet: v.sheetID, key: Self.key(v.key), field: v.field, value: value)
            }
            return .found(collector.finish())
        } catch {
            failure = error
            return absent
        }
    }

    /// A kept value back as the type it was read as.
    static func value(_ v: StoredValue) -> FieldValue? {
        switch v.kind {
        case "number": return Decimal(string: v.value, locale: Locale(identifier: "en_US_POSIX")).map(FieldValue.number)
        case "text": return .text(v.value)
        case "bool": return .bool(v.value == "1")
        case "date": return date(v.value).map(FieldValue.date) ?? .text(v.value)
        default: return nil
        }
    }

    /// `2024-09-02` (a date kept without its time: rules compare days).
    static func date(_ text: String) -> CivilDateTime? {
        let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return CivilDateTime(year: parts[0], month: parts[1], day: parts[2], hasTime: false)
    }

    /// A row key kept as JSON (`{"position":"teachers"}`) back as field → code.
    static func key(_ json: String) -> [String: String] {
        guard json != "{}", let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String] else { return [:] }
        return object
    }
}
