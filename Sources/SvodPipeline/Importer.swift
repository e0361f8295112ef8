import Foundation
import SvodIO
import SvodLocale
import SvodSchema
import SvodStore
import SvodValidation
import SvodWorkbook

/// The import every driver runs (`svod import`, the batch run): check a file exactly as
/// `svod validate` does, keep every value it read, and offer it to the store — one file at a
/// time (`importFile`), or checked one by one and committed in batches (`prepare`, `commit`),
/// each file still wholly in or not at all.
public final class Importer {
    public let checker: SubmissionChecker
    public let store: SubmissionStore
    /// The period the department is collecting; a file of another period is refused.
    public var period: String?
    /// Refuse a file with warnings the school has not explained (by default it is accepted, its warnings listed).
    public var refuseUnexplainedWarnings = false
    /// Files checked and not yet committed whose school's other forms may read them.
    private let pending = PendingForms()

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

    /// A file checked and ready to be offered.
    public struct Prepared {
        public let verdict: FileVerdict
        let offer: Offer?
        let refusedBecause: LocalizedText?
    }

    /// Imports one file; throws only when the store itself fails (the run should stop).
    public func importFile(_ path: String, arrivedAt: Date = Date()) throws -> Result {
        try commit([try prepare(path, arrivedAt: arrivedAt)])[0]
    }

    /// Checks one file for a later `commit`; the school's other forms are read from the store
    /// and from the files prepared since the last commit, so a batch judges as one by one would.
    /// `opened` sees the file while it is open, with its report (the batch run writes the annotated copy there).
    /// `recorded`: whether the store already holds these bytes, when the caller knows (nil: the store is asked);
    /// `sha256`: their digest, when the caller has it.
    public func prepare(_ path: String, arrivedAt: Date = Date(), recorded: Bool? = nil, sha256 known: String? = nil,
                        opened: ((WorkbookReader, ValidationReport) throws -> Void)? = nil) throws -> Prepared {
        let sink = CollectedValues()
        let others = StoredForms(store: store, checker: checker, pending: pending)
        let verdict = checker.check(path, values: sink, crossForm: others, sha256: known, opened: opened)
        if let failure = others.failure { throw failure }
        let because = refusal(verdict)
        var st = stat()
        let size = stat(path, &st) == 0 ? Int64(st.st_size) : 0
        guard let sha = verdict.report?.sha256 ?? known ?? (try? SHA256.file(path)) else {
            return Prepared(verdict: verdict, offer: nil, refusedBecause: because)
        }
        let offer = Offer(fileName: (path as NSString).lastPathComponent, path: path, sha256: sha, size: size, arrivedAt: arrivedAt,
                          verdict: verdict, values: sink.values, refusedBecause: because)
        // Bytes recorded before stay as they were (the store says «already»): they change nothing
        // a later file of the batch compares with.
        if offer.isAccepted, let r = verdict.report, let school = r.school, let p = r.period, try !(recorded ?? store.isRecorded(sha)) {
            pending.add(form: r.formID, school: school, period: checker.catalog.form(r.formID)?.period.ordinal(p), sha256: sha, values: sink.values)
        }
        return Prepared(verdict: verdict, offer: offer, refusedBecause: because)
    }

    /// Offers the prepared files to the store in one transaction, in order. May run on another
    /// thread than `prepare`, which meanwhile checks the next batch.
    public func commit(_ prepared: [Prepared]) throws -> [Result] {
        let outcomes = try store.offer(prepared.compactMap(\.offer))
        pending.remove(prepared.compactMap(\.offer?.sha256))
        var next = outcomes.makeIterator()
        return prepared.map { p in Result(verdict: p.verdict, outcome: p.offer == nil ? nil : next.next(), refusedBecause: p.refusedBecause) }
    }

    /// Why a file without errors is refused all the same, if it is.
    private func refusal(_ verdict: FileVerdict) -> LocalizedText? {
        guard let r = verdict.report, r.isValid else { return nil }
        if r.school == nil {
            return .init(ru: "на листе «Титул» не указана школа из реестра", en: "«Титул» names no school of the registry")
        }
        if refuseUnexplainedWarnings, r.count(.warning, explained: false) > 0 {
            let n = r.count(.warning, explained: false)
            return .init(ru: "непоясненных предупреждений — \(n) (--no-warnings): поясните их на листе «Пояснения» или исправьте",
                         en: "\(n) unexplained warnings (--no-warnings): explain them on «Пояснения» or correct them")
        }
        if let wanted = period, let form = checker.catalog.form(r.formID), form.period.ordinal(r.period ?? "") != form.period.ordinal(wanted) {
            return .init(ru: "период «\(r.period ?? "—")», а собирается «\(wanted)» (--period)",
                         en: "the period is '\(r.period ?? "—")', and '\(wanted)' is being collected (--period)")
        }
        return nil
    }
}

/// Accepted files checked and not yet committed, by form, school and period: the store does not
/// hold them yet, and a later file of the same school compares with them. Locked: the batch
/// being committed leaves it from the store's thread while the next one is checked.
final class PendingForms: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: (sha256: String, values: [ReadValue])] = [:]

    func add(form: String, school: String, period: Int?, sha256: String, values: [ReadValue]) {
        lock.withLock { files[Self.key(form, school, period)] = (sha256, values) }
    }

    func values(form: String, school: String, period: Int?) -> [ReadValue]? {
        lock.withLock { files[Self.key(form, school, period)]?.values }
    }

    /// Forgets the files now in the store (a later file of the same school and form stays).
    func remove(_ committed: [String]) {
        let done = Set(committed)
        lock.withLock { files = files.filter { !done.contains($0.value.sha256) } }
    }

    private static func key(_ form: String, _ school: String, _ period: Int?) -> String { "\(form)\u{1F}\(school)\u{1F}\(period.map(String.init) ?? "")" }
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
    private let pending: PendingForms?
    /// The store failed while asked: the import stops, as for any store failure.
    private(set) var failure: Error?

    init(store: SubmissionStore, checker: SubmissionChecker, pending: PendingForms? = nil) {
        self.store = store
        self.checker = checker
        self.pending = pending
    }

    var checksReaders: Bool { true }

    func covers(_ form: String) -> Bool { true }

    func values(of form: String, school: String, period: String) -> CrossFormLookup {
        let absent = CrossFormLookup.absent(.init(ru: "в хранилище нет принятого файла этой формы от этой школы за \(period)",
                                                  en: "the store holds no accepted file of that form from this school for \(period)"))
        guard let schema = checker.catalog.form(form) else { return absent }
        if let values = pending?.values(form: form, school: school, period: schema.period.ordinal(period)) {
            let collector = checker.crossForm.collector(for: schema)
            for v in values {
                guard let value = Self.asKept(v.value) else { continue }
                collector.take(sheet: v.sheetID, key: v.key, field: v.field, value: value)
            }
            return .found(collector.finish())
        }
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

    /// A value read as the store will give it back (no missing values; dates without their time),
    /// so a file of the same batch is judged as if it had been committed.
    static func asKept(_ v: FieldValue) -> FieldValue? {
        switch v {
        case .missing: return nil
        case .date(let d): return .date(CivilDateTime(days: d.days, hasTime: false))
        default: return v
        }
    }

    /// The store writes numbers with a point.
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// A kept value back as the type it was read as.
    static func value(_ v: StoredValue) -> FieldValue? {
        switch v.kind {
        case "number": return Decimal(string: v.value, locale: posix).map(FieldValue.number)
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
