import Foundation
import Logging
import SvodIO
import SvodLocale
import SvodPipeline
import SvodStore
import SvodValidation
import SvodWorkbook

/// The steps of one input, each recorded in the journal once its result is durable:
/// `reports` (checked, answered in the outbox), `imported` (offered to the store; the outcome
/// decided), `converted` (an accepted file in the format asked for), `moved` (the original in
/// the archive). A step is redone only when it was not recorded; every step can be redone safely
/// (outputs are written whole under their final names, the store keeps bytes once).
extension BatchRun {
    static let steps = (reports: "reports", imported: "imported", converted: "converted", moved: "moved")

    /// Finishes what an interrupted run left: an entry whose original already reached the archive
    /// is closed; one whose original left the inbox some other way (moved by a person) is closed
    /// with that said. An entry whose original is still in the inbox is resumed when it is taken.
    func recover() throws {
        removeTemporaries()
        for var e in try store.openEntries() where !FileManager.default.fileExists(atPath: e.source) {
            if let target = e.archived, FileManager.default.fileExists(atPath: target) {
                e.steps.append(Self.steps.moved)
            } else {
                e.reason = Self.encode(.init(ru: "файл убрали из входящих до конца обработки", en: "the file left the inbox before it was done"))
            }
            e.finishedAt = Self.now()
            try store.update(e)
            logger.info("finished after an interrupted run", metadata: ["file": .string(e.source), "sha256": .string(e.sha256), "step": "recover",
                                                                        "outcome": .string(e.outcome ?? "")])
        }
    }

    /// A run killed mid-write (SIGKILL cannot be caught) leaves the hidden temporary of that write
    /// (`.<name>.svod-XXXXXX`, and libzip's `…XXXXXX.YYYYYY`); the lock says no other run is writing,
    /// so the outbox's and archive's are removed, and beside each consolidation only its own.
    func removeTemporaries() {
        let isOurs = { (name: String) in name.hasPrefix(".") && name.contains(".svod-") }
        for root in [settings.outbox, settings.archive] {
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String {
                if isOurs((relative as NSString).lastPathComponent) { unlink((root as NSString).appendingPathComponent(relative)) }
            }
        }
        for c in settings.consolidate {
            let dir = (c as NSString).deletingLastPathComponent.isEmpty ? "." : (c as NSString).deletingLastPathComponent
            let prefix = "." + (c as NSString).lastPathComponent + ".svod-"
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.hasPrefix(prefix) {
                unlink((dir as NSString).appendingPathComponent(name))
            }
        }
    }

    /// Takes one file through the steps not yet done.
    func handle(_ file: InboxScan.Ready) throws -> FileOutcome {
        let sha: String
        do { sha = try SHA256.file(file.path) } catch {
            // Unreadable where it lies (permissions): left in place, said so, every run.
            logger.error("cannot read", metadata: ["file": .string(file.path), "step": "hash"])
            return FileOutcome(path: file.path, fate: .waiting, reason: .init(ru: "файл не читается (права доступа?): оставлен во входящих",
                                                                              en: "the file cannot be read (permissions?): left in the inbox"))
        }
        let name = (file.path as NSString).lastPathComponent
        // A new input is recorded with its first step (the answers written), a duplicate as it is
        // found: what a run killed before that leaves is simply done again.
        var entry: JournalEntry
        if let open = try store.openEntry(sha256: sha, source: file.path) {
            entry = open
        } else if let first = try store.firstEntry(sha256: sha) {
            let ru = first.outcome == "accepted" ? "принят" : (first.outcome == "rejected" ? "отклонён" : "взят")
            let en = first.outcome == "accepted" ? "accepted" : (first.outcome == "rejected" ? "rejected" : "taken")
            entry = JournalEntry(sha256: sha, name: name, source: file.path, firstSeen: Self.now(), outcome: "duplicate",
                                 reason: Self.encode(.init(ru: "те же байты, что «\(first.name)», \(ru) \(first.firstSeen)",
                                                           en: "the same bytes as '\(first.name)', \(en) \(first.firstSeen)")))
        } else {
            entry = JournalEntry(sha256: sha, name: name, source: file.path, firstSeen: Self.now())
        }
        var meta: Logger.Metadata = ["file": .string(file.path), "sha256": .string(sha)]
        if entry.outcome == "duplicate" { return try finishDuplicate(&entry, file: file, meta: meta) }
        var prepared: Importer.Prepared?
        if !entry.steps.contains(Self.steps.reports) || !entry.steps.contains(Self.steps.imported) {
            prepared = try check(file, &entry, meta: &meta)
        }
        if !entry.steps.contains(Self.steps.imported), let prepared {
            try importChecked(prepared, &entry, meta: meta)
        }
        if entry.outcome == "accepted", let format = settings.convert, !entry.steps.contains(Self.steps.converted) {
            let stem = SchoolAnswer.stem(name: entry.name, sha256: sha)
            let path = (answers.folder(school: entry.school) as NSString).appendingPathComponent(stem + "." + format)
            try answers.convert(file.path, to: path)
            entry.outputs.append(path)
            entry.steps.append(Self.steps.converted)
            entry = try store.record(entry)
            logger.info("converted", metadata: meta.merging(["step": "converted", "output": .string(path)]) { $1 })
        }
        try move(file.path, &entry, meta: meta)
        return outcome(of: entry, path: file.path)
    }

    /// Checks the file (and, the first time, writes its answers); the check is redone after an interruption, the answers are not.
    private func check(_ file: InboxScan.Ready, _ entry: inout JournalEntry, meta: inout Logger.Metadata) throws -> Importer.Prepared {
        let answered = entry.steps.contains(Self.steps.reports)
        let stem = SchoolAnswer.stem(name: entry.name, sha256: entry.sha256)
        var annotated: String?
        var answerFailure: Error?
        let prepared = try importer.prepare(file.path, arrivedAt: Date(), opened: answered ? nil : { [answers] reader, report in
            guard !report.findings.isEmpty else { return }
            let path = answers.annotatedPath(school: report.school, stem: stem, format: reader.format)
            // A disk that cannot take the copy must stop the run, not pass for the file's own fault.
            do { try answers.writeAnnotated(reader, report, to: path); annotated = path } catch { answerFailure = error }
        })
        if let answerFailure { throw answerFailure }
        let verdict = prepared.verdict
        entry.school = verdict.report?.school ?? verdict.school?.code
        entry.form = verdict.report?.formID
        entry.period = verdict.report?.period
        if let school = entry.school { meta["school"] = .string(school) }
        if let form = entry.form { meta["form"] = .string(form) }
        if !answered {
            entry.outputs = try answers.writeReports(verdict, school: entry.school, stem: stem) + (annotated.map { [$0] } ?? [])
            entry.steps.append(Self.steps.reports)
            entry = try store.record(entry)
            logger.info("checked", metadata: meta.merging(["step": "reports", "outputs": .array(entry.outputs.map { .string($0) }),
                                                          "errors": .stringConvertible(verdict.report?.findings.filter { $0.severity == .error }.count ?? 0)]) { $1 })
        }
        return prepared
    }

    /// Offers the checked file to the store: the outcome is decided and recorded.
    private func importChecked(_ prepared: Importer.Prepared, _ entry: inout JournalEntry, meta: Logger.Metadata) throws {
        let result = try importer.commit([prepared])[0]
        let accepted: Bool
        switch result.outcome {
        case .accepted?: accepted = true
        case .alreadyRecorded(_, let outcome, _)?: accepted = outcome == "accepted"
        default: accepted = false
        }
        entry.outcome = accepted ? "accepted" : "rejected"
        if !accepted {
            let why = result.refusedBecause ?? prepared.verdict.refusal?.message ?? Self.errors(prepared.verdict)
            entry.reason = Self.encode(why)
        }
        if accepted { try markRefreshDue() }
        entry.steps.append(Self.steps.imported)
        // Where the original will go, recorded with the outcome: a run killed after the move finds it there.
        entry.archived = archive.target(name: entry.name, sha256: entry.sha256, accepted: accepted, day: day)
        entry = try store.record(entry)
        logger.info("imported", metadata: meta.merging(["step": "imported", "outcome": .string(entry.outcome!)]) { $1 })
    }

    /// A file whose bytes were handled before: a note beside it in `rejected/`, nothing else done again.
    private func finishDuplicate(_ entry: inout JournalEntry, file: InboxScan.Ready, meta: Logger.Metadata) throws -> FileOutcome {
        if !entry.steps.contains(Self.steps.reports) {
            let why = Self.decode(entry.reason)
            let note = "Файл «\(entry.name)» уже обработан (\(why.ru)): повторно не проверяется и не загружается.\n"
                + "The file '\(entry.name)' was already handled (\(why.en)): it is not checked or imported again.\n"
            let target = entry.archived ?? archive.target(name: entry.name, sha256: entry.sha256, accepted: false, day: day)
            entry.archived = target
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try SchoolAnswer.write(note, to: target + ".txt")
            entry.outputs = [target + ".txt"]
            entry.steps.append(Self.steps.reports)
            entry = try store.record(entry)
        }
        logger.notice("duplicate", metadata: meta.merging(["step": "duplicate", "outcome": "duplicate"]) { $1 })
        try move(file.path, &entry, meta: meta)
        return outcome(of: entry, path: file.path)
    }

    /// Moves the original into the archive: the target is recorded first, then the move made durable, then the entry closed.
    private func move(_ path: String, _ entry: inout JournalEntry, meta: Logger.Metadata) throws {
        guard !entry.steps.contains(Self.steps.moved) else { return }
        if entry.archived == nil {
            entry.archived = archive.target(name: entry.name, sha256: entry.sha256, accepted: entry.outcome == "accepted", day: day)
            entry = try store.record(entry)
        }
        try Archive.move(path, to: entry.archived!, sha256: entry.sha256)
        entry.steps.append(Self.steps.moved)
        entry.finishedAt = Self.now()
        entry = try store.record(entry)
        logger.info("moved", metadata: meta.merging(["step": "moved", "outcome": .string(entry.outcome ?? ""), "archived": .string(entry.archived!)]) { $1 })
    }

    private func outcome(of e: JournalEntry, path: String) -> FileOutcome {
        let fate: Fate = e.outcome == "accepted" ? .accepted : (e.outcome == "duplicate" ? .duplicate : .rejected)
        let reason = e.reason.map { _ in Self.decode(e.reason) }
        return FileOutcome(path: path, fate: fate, school: e.school, form: e.form, period: e.period, reason: reason, outputs: e.outputs, archived: e.archived)
    }

    /// «ошибок — N; первая: ВПР!C5 — …»: how many errors, and where the first is.
    static func errors(_ verdict: FileVerdict) -> LocalizedText {
        let errors = verdict.report?.findings.filter { $0.severity == .error } ?? []
        guard let first = errors.first else { return .init(ru: "файл не принят", en: "the file was not accepted") }
        let place = [first.sheet, first.cell?.a1].compactMap { $0 }.joined(separator: "!")
        let at = place.isEmpty ? "" : "\(place) — "
        return .init(ru: "ошибок — \(errors.count); первая: \(at)\(first.message.ru)", en: "\(errors.count) error(s); the first: \(at)\(first.message.en)")
    }

    /// A reason as the journal keeps it: both languages in one column.
    static func encode(_ t: LocalizedText) -> String { t.ru + "\u{1E}" + t.en }

    static func decode(_ s: String?) -> LocalizedText {
        let parts = (s ?? "").components(separatedBy: "\u{1E}")
        return .init(ru: parts[0], en: parts.count > 1 ? parts[1] : parts[0])
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date())
    }
}
