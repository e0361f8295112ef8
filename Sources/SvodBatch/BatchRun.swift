import Foundation
import Logging
import SvodIO
import SvodLocale
import SvodPipeline
import SvodSchema
import SvodStore
import SvodValidation

/// One unattended run over the inbox: every complete file checked, answered in the outbox,
/// imported when it passes, its original moved to the archive — each step recorded in the
/// store's journal once durable, so a run killed at any point is finished by the next one,
/// which redoes only what was not yet recorded. Then the consolidations are refreshed.
public final class BatchRun {
    /// What became of one input.
    public struct FileOutcome: Sendable {
        public let path: String
        public let fate: Fate
        public var school: String?
        public var form: String?
        public var period: String?
        /// Why it was refused, or what it duplicates.
        public var reason: LocalizedText?
        /// The answers written for it and where the original went.
        public var outputs: [String] = []
        public var archived: String?
    }

    /// An input's fate in this run.
    public enum Fate: String, Sendable {
        case accepted, rejected, duplicate
        /// Left in the inbox: still being written, or the run's limits were reached.
        case waiting
    }

    /// The run's account: every input seen, with its fate, and the consolidations written.
    public struct Summary: Sendable {
        public var files: [FileOutcome] = []
        public var refreshed: [String] = []
        /// Set when the run stopped early (a signal, the time budget, --max-files), with why.
        public var stopped: LocalizedText?
        /// An empty account, filled as the run goes.
        public init() {}
        public var accepted: Int { files.filter { $0.fate == .accepted }.count }
        public var refused: Int { files.filter { $0.fate == .rejected || $0.fate == .duplicate }.count }
    }

    let settings: BatchSettings
    let catalog: SchemaCatalog
    let store: SQLiteStore
    let importer: Importer
    let answers: SchoolAnswer
    let archive: Archive
    let logger: Logger
    let started = Date()
    /// The day folder of the archive, in the run's local time.
    let day: String
    /// The bytes this run took, by hash: their entries are recorded by the second phase, maybe not
    /// yet when a later copy of the same bytes is taken — which is a duplicate all the same.
    var takenInRun: [String: JournalEntry] = [:]
    /// Files taken, checked and handed on together.
    var groupSize = 50

    /// Where each group ends, as counts of files: groups of `size`, then halving toward the end,
    /// so that the finishing of the last group — the one step the checking cannot overlap — is short.
    public static func groupEnds(count: Int, size: Int) -> [Int] {
        var ends: [Int] = []
        var at = 0
        while count - at > 2 * size { at += size; ends.append(at) }
        while count - at > 4 { at += (count - at + 1) / 2; ends.append(at) }
        if at < count { ends.append(count) }
        return ends
    }

    /// A run over `settings` with the form catalogue `catalog`, logging to `logger`.
    public init(settings: BatchSettings, catalog: SchemaCatalog, language: Language, logger: Logger) throws {
        self.settings = settings
        self.catalog = catalog
        self.logger = logger
        store = try SQLiteStore(path: settings.store)
        importer = Importer(checker: SubmissionChecker(catalog: catalog), store: store, period: settings.period)
        answers = SchoolAnswer(outbox: settings.outbox, language: language)
        archive = Archive(root: settings.archive)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        day = f.string(from: started)
    }

    /// Runs to the end of the inbox or of the run's limits, adding each input to `summary` as it is
    /// done; throws when the run itself cannot go on (the store, a full or unwritable disk): what
    /// was done before stays done, recorded and in `summary`.
    public func run(into summary: inout Summary) throws {
        try recover()
        let scan = try InboxScan(inbox: settings.inbox, settle: settings.settle)
        for w in scan.waiting {
            summary.files.append(FileOutcome(path: w.path, fate: .waiting, reason: w.reason == .locked
                ? .init(ru: "файл занят программой, которая его пишет: возьмём в следующий раз", en: "a program holding the file is still writing it: next run")
                : .init(ru: "файл менялся меньше \(Int(settings.settle)) с назад: возьмём в следующий раз", en: "changed less than \(Int(settings.settle)) s ago: next run")))
            logger.info("waiting", metadata: ["file": .string(w.path), "step": "scan", "outcome": .string(w.reason.rawValue)])
        }
        var done: [(Int, FileOutcome)] = []
        defer { summary.files += done.sorted { $0.0 < $1.0 }.map(\.1) }
        let finisher = BackgroundStep<[(Int, FileOutcome)]>(label: "svod.batch.finish")
        func hand(_ group: [Taken]) { if !group.isEmpty { finisher.start { [self] in try finish(group) } } }
        var group: [Taken] = []
        // Everything not finished when the run stops (a signal, a limit, a failure) is listed as waiting.
        func leave(from i: Int, _ why: LocalizedText) {
            let finished = Set(done.map(\.0))
            for (k, rest) in scan.ready.enumerated() where k >= i && !finished.contains(k) {
                done.append((k, FileOutcome(path: rest.path, fate: .waiting, reason: why)))
            }
        }
        let failed = LocalizedText(ru: "не обработан: запуск остановлен ошибкой (ниже)", en: "not done: the run stopped on an error (below)")
        do {
            var looked = Looked()
            let ends = Self.groupEnds(count: scan.ready.count, size: groupSize)
            var next = ends.makeIterator()
            var start = 0, end = next.next() ?? 0
            for (i, file) in scan.ready.enumerated() {
                if let why = stopReason(taken: i) {
                    summary.stopped = why
                    if !group.isEmpty { try recordTaken(&group); done += try finisher.wait() ?? []; hand(group); group = [] }
                    done += try finisher.wait() ?? []
                    leave(from: i, why)
                    break
                }
                // The next group's files hashed and looked up in the journal together.
                if i == start { looked = try hashes(scan.ready[start..<end]) }
                let sha = looked.hashes[file.path]
                switch try take(file, index: i, sha: sha, known: sha.flatMap { looked.known[$0] } ?? [], recorded: sha.map(looked.recorded.contains) ?? false) {
                case .done(let outcome): done.append((i, outcome))
                case .taken(let t): group.append(t)
                }
                if i + 1 == end {
                    try recordTaken(&group)
                    done += try finisher.wait() ?? []
                    hand(group)
                    group = []
                    (start, end) = (end, next.next() ?? end)
                }
            }
            // The last group ended with the last file (`groupEnds`): only its finishing is left.
            done += try finisher.wait() ?? []
        } catch {
            // The run cannot go on: what it had not finished waits for the next run (its journal entries say where it stands).
            if let finished = try? finisher.wait() { done += finished }
            leave(from: 0, failed)
            throw error
        }
        if refreshIsOwed {
            summary.refreshed = try refresh()
        }
    }

    /// Why no further file is started: a stop asked for, the time budget spent, --max-files reached.
    private func stopReason(taken: Int) -> LocalizedText? {
        if Interruption.requested { return .init(ru: "запуск остановлен сигналом: остальное — в следующий раз", en: "the run was stopped by a signal: the rest next run") }
        if let max = settings.maxFiles, taken >= max { return .init(ru: "достигнут предел max-files (\(max)): остальное — в следующий раз", en: "max-files (\(max)) reached: the rest next run") }
        if let budget = settings.timeBudget, Date().timeIntervalSince(started) >= budget {
            return .init(ru: "время запуска (\(Int(budget)) с) истекло: остальное — в следующий раз", en: "the run's time budget (\(Int(budget)) s) is spent: the rest next run")
        }
        return nil
    }
}
