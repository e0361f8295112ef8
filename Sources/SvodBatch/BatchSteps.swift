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
/// decided, the archive target chosen), `converted` (an accepted file in the format asked for),
/// `moved` (the original in the archive). Files go in groups: the answers of a group flushed
/// together and recorded in one transaction, its imports in one, its moves' folders flushed once
/// and recorded in one. A step is redone only when it was not recorded; every step can be redone
/// safely (outputs are written whole under their final names, the store keeps bytes once).
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

    /// An input checked and answered, on its way to the store and the archive.
    struct Taken {
        let index: Int
        let file: InboxScan.Ready
        var entry: JournalEntry
        /// The check, when the import is still to be done.
        var prepared: Importer.Prepared?
        var meta: Logger.Metadata
        /// A duplicate's note written unflushed, flushed with the group before the journal records it.
        var written: [String] = []
        /// The marked copy written while the file was open; the reports are still to be written.
        var annotated: String?
        var needsReports = false
    }

    /// What the first phase made of a file: taken on, or done with (it could not be read where it lies).
    enum Intake {
        case taken(Taken)
        case done(FileOutcome)
    }

    /// The first phase of a file, on the run's own thread: its bytes, its journal entry, the check,
    /// and the answers (or, for a duplicate, the note). Nothing is recorded yet: the group is.
    /// The bytes of a group's files, and what the journal knows of them, in one read.
    func hashes(_ files: ArraySlice<InboxScan.Ready>) throws -> Looked {
        var hashes: [String: String] = [:]
        for f in files { hashes[f.path] = try? SHA256.file(f.path) }
        let (known, recorded) = try store.lookup(Array(Set(hashes.values)))
        return Looked(hashes: hashes, known: known, recorded: recorded)
    }

    /// A group's files by path → bytes, their journal entries and whether the store holds them.
    struct Looked {
        var hashes: [String: String] = [:]
        var known: [String: [JournalEntry]] = [:]
        var recorded: Set<String> = []
    }

    func take(_ file: InboxScan.Ready, index: Int, sha: String?, known: [JournalEntry], recorded: Bool) throws -> Intake {
        guard let sha else {
            // Unreadable where it lies (permissions): left in place, said so, every run.
            logger.error("cannot read", metadata: ["file": .string(file.path), "step": "hash"])
            return .done(FileOutcome(path: file.path, fate: .waiting, reason: .init(ru: "файл не читается (права доступа?): оставлен во входящих",
                                                                                     en: "the file cannot be read (permissions?): left in the inbox")))
        }
        let name = (file.path as NSString).lastPathComponent
        var entry: JournalEntry
        // This input, left unfinished by an interrupted run; else the first copy of these bytes (not itself a duplicate).
        if let open = known.first(where: { $0.source == file.path && $0.finishedAt == nil }) {
            entry = open
        } else if let first = known.first(where: { $0.outcome != "duplicate" }) ?? takenInRun[sha] {
            let ru = first.outcome == "accepted" ? "принят" : (first.outcome == "rejected" ? "отклонён" : "взят")
            let en = first.outcome == "accepted" ? "accepted" : (first.outcome == "rejected" ? "rejected" : "taken")
            entry = JournalEntry(sha256: sha, name: name, source: file.path, firstSeen: Self.now(), outcome: "duplicate",
                                 reason: Self.encode(.init(ru: "те же байты, что «\(first.name)», \(ru) \(first.firstSeen)",
                                                           en: "the same bytes as '\(first.name)', \(en) \(first.firstSeen)")))
        } else {
            entry = JournalEntry(sha256: sha, name: name, source: file.path, firstSeen: Self.now())
        }
        if entry.outcome != "duplicate", takenInRun[sha] == nil { takenInRun[sha] = entry }
        var taken = Taken(index: index, file: file, entry: entry, prepared: nil, meta: ["file": .string(file.path), "sha256": .string(sha)])
        if entry.outcome == "duplicate" {
            if !entry.steps.contains(Self.steps.reports) { try noteDuplicate(&taken) }
        } else if !entry.steps.contains(Self.steps.reports) || !entry.steps.contains(Self.steps.imported) {
            try check(&taken, recorded: recorded)
        }
        return .taken(taken)
    }

    /// Checks the file and, the first time, writes its marked copy (while it is open); after an interruption the check is redone, the answers are not.
    private func check(_ t: inout Taken, recorded: Bool) throws {
        let answered = t.entry.steps.contains(Self.steps.reports)
        let stem = SchoolAnswer.stem(name: t.entry.name, sha256: t.entry.sha256)
        var annotated: String?
        var answerFailure: Error?
        let prepared = try importer.prepare(t.file.path, arrivedAt: Date(), recorded: recorded, sha256: t.entry.sha256, opened: answered ? nil : { [answers] reader, report in
            guard !report.findings.isEmpty else { return }
            let path = answers.annotatedPath(school: report.school, stem: stem, format: reader.format)
            // A disk that cannot take the copy must stop the run, not pass for the file's own fault.
            do { try answers.writeAnnotated(reader, report, to: path); annotated = path } catch { answerFailure = error }
        })
        if let answerFailure { throw answerFailure }
        t.prepared = prepared
        let verdict = prepared.verdict
        t.entry.school = verdict.report?.school ?? verdict.school?.code
        t.entry.form = verdict.report?.formID
        t.entry.period = verdict.report?.period
        if let school = t.entry.school { t.meta["school"] = .string(school) }
        if let form = t.entry.form { t.meta["form"] = .string(form) }
        // The reports are rendered and written by the second phase, beside the import, so that the
        // checking of the next files is not held up by them.
        t.annotated = annotated
        t.needsReports = !answered
    }

    /// A file whose bytes were handled before: a note for `rejected/`, nothing else done again.
    private func noteDuplicate(_ t: inout Taken) throws {
        let why = Self.decode(t.entry.reason)
        let note = "Файл «\(t.entry.name)» уже обработан (\(why.ru)): повторно не проверяется и не загружается.\n"
            + "The file '\(t.entry.name)' was already handled (\(why.en)): it is not checked or imported again.\n"
        let target = t.entry.archived ?? archive.target(name: t.entry.name, sha256: t.entry.sha256, accepted: false, day: day)
        t.entry.archived = target
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        unlink(target + ".txt")
        try DurableFile.writeOnce(Data(note.utf8), to: target + ".txt", flush: false)
        t.written = [target + ".txt"]
        t.entry.outputs = [target + ".txt"]
        t.entry.steps.append(Self.steps.reports)
        logger.notice("duplicate", metadata: t.meta.merging(["step": "duplicate", "outcome": "duplicate"]) { $1 })
    }

    /// Makes a group's duplicate notes durable and records those duplicates (one flush, one
    /// transaction), before the group is handed on; the other files are recorded by the second phase.
    func recordTaken(_ group: inout [Taken]) throws {
        let notes = group.indices.filter { !group[$0].written.isEmpty }
        guard !notes.isEmpty else { return }
        try DurableFile.flush(notes.flatMap { group[$0].written })
        let recorded = try store.record(notes.map { group[$0].entry })
        for (i, e) in zip(notes, recorded) { group[i].entry = e; group[i].written = [] }
    }

    /// Writes the reports of the group's files that still need them, and flushes them together.
    private func answerGroup(_ group: inout [Taken]) throws {
        var written: [String] = []
        for i in group.indices where group[i].needsReports {
            let stem = SchoolAnswer.stem(name: group[i].entry.name, sha256: group[i].entry.sha256)
            let verdict = group[i].prepared!.verdict
            let reports = try answers.writeReports(verdict, school: group[i].entry.school, stem: stem)
            written += reports
            group[i].entry.outputs = reports + (group[i].annotated.map { [$0] } ?? [])
            group[i].entry.steps.append(Self.steps.reports)
            group[i].needsReports = false
            logger.info("checked", metadata: group[i].meta.merging(["step": "reports", "outputs": .array(group[i].entry.outputs.map { .string($0) }),
                                                                    "errors": .stringConvertible(verdict.report?.findings.filter { $0.severity == .error }.count ?? 0)]) { $1 })
        }
        try DurableFile.flush(written)
    }

    /// The second phase of a group, on a thread of its own while the next group is checked: the
    /// imports in one transaction, the conversions, the moves — each step recorded for the whole
    /// group once it is durable.
    func finish(_ group: [Taken]) throws -> [(Int, FileOutcome)] {
        var group = group
        try answerGroup(&group)
        try importGroup(&group)
        for i in group.indices where group[i].entry.outcome == "accepted" && settings.convert != nil && !group[i].entry.steps.contains(Self.steps.converted) {
            let stem = SchoolAnswer.stem(name: group[i].entry.name, sha256: group[i].entry.sha256)
            let path = (answers.folder(school: group[i].entry.school) as NSString).appendingPathComponent(stem + "." + settings.convert!)
            try answers.convert(group[i].file.path, to: path)
            group[i].entry.outputs.append(path)
            group[i].entry.steps.append(Self.steps.converted)
            logger.info("converted", metadata: group[i].meta.merging(["step": "converted", "output": .string(path)]) { $1 })
        }
        try moveGroup(&group)
        return group.map { ($0.index, outcome(of: $0.entry, path: $0.file.path)) }
    }

    /// Offers the group's checked files to the store in one transaction; the outcomes and the
    /// archive targets are recorded together after it.
    private func importGroup(_ group: inout [Taken]) throws {
        let pending = group.indices.filter { group[$0].prepared != nil && !group[$0].entry.steps.contains(Self.steps.imported) && group[$0].entry.outcome != "duplicate" }
        // Answered in this phase (new entries among them) or imported now: recorded together below.
        let changed = group.indices.filter { group[$0].entry.id == 0 || pending.contains($0) }
        let results = pending.isEmpty ? [] : try importer.commit(pending.map { group[$0].prepared! })
        var reserved = Set(group.compactMap(\.entry.archived))
        var accepted = false
        for (i, result) in zip(pending, results) {
            let ok: Bool
            switch result.outcome {
            case .accepted?: ok = true
            case .alreadyRecorded(_, let outcome, _)?: ok = outcome == "accepted"
            default: ok = false
            }
            accepted = accepted || ok
            group[i].entry.outcome = ok ? "accepted" : "rejected"
            if !ok {
                group[i].entry.reason = Self.encode(result.refusedBecause ?? group[i].prepared!.verdict.refusal?.message ?? Self.errors(group[i].prepared!.verdict))
            }
            group[i].entry.steps.append(Self.steps.imported)
            // Where the original will go, recorded with the outcome: a run killed after the move finds it there.
            let target = archive.target(name: group[i].entry.name, sha256: group[i].entry.sha256, accepted: ok, day: day, reserved: reserved)
            reserved.insert(target)
            group[i].entry.archived = target
            logger.info("imported", metadata: group[i].meta.merging(["step": "imported", "outcome": .string(group[i].entry.outcome!)]) { $1 })
        }
        if accepted { try markRefreshDue() }
        let recorded = try store.record(changed.map { group[$0].entry })
        for (i, e) in zip(changed, recorded) { group[i].entry = e }
    }

    /// Moves the group's originals into the archive (targets recorded before), flushes every folder touched once, then closes the entries.
    private func moveGroup(_ group: inout [Taken]) throws {
        var folders = Set<String>()
        var moved: [Int] = []
        for i in group.indices where !group[i].entry.steps.contains(Self.steps.moved) {
            if group[i].entry.archived == nil {
                group[i].entry.archived = archive.target(name: group[i].entry.name, sha256: group[i].entry.sha256, accepted: group[i].entry.outcome == "accepted", day: day)
                group[i].entry = try store.record(group[i].entry)
            }
            let target = group[i].entry.archived!
            // Taken out of the inbox by someone meanwhile: nothing to move, and no reason to stop the run.
            if !FileManager.default.fileExists(atPath: group[i].file.path) && !FileManager.default.fileExists(atPath: target) {
                group[i].entry.reason = Self.encode(.init(ru: "файл убрали из входящих до конца обработки", en: "the file left the inbox before it was done"))
                group[i].entry.archived = nil
                group[i].entry.finishedAt = Self.now()
                group[i].entry = try store.record(group[i].entry)
                logger.warning("vanished", metadata: group[i].meta.merging(["step": "moved", "outcome": "vanished"]) { $1 })
                continue
            }
            try Archive.move(group[i].file.path, to: target, sha256: group[i].entry.sha256, syncFolders: false)
            folders.insert((target as NSString).deletingLastPathComponent)
            folders.insert((group[i].file.path as NSString).deletingLastPathComponent)
            moved.append(i)
        }
        for f in folders { DurableFile.syncFolder(f) }
        let now = Self.now()
        for i in moved {
            group[i].entry.steps.append(Self.steps.moved)
            group[i].entry.finishedAt = now
            logger.info("moved", metadata: group[i].meta.merging(["step": "moved", "outcome": .string(group[i].entry.outcome ?? ""),
                                                                  "archived": .string(group[i].entry.archived!)]) { $1 })
        }
        let recorded = try store.record(moved.map { group[$0].entry })
        for (i, e) in zip(moved, recorded) { group[i].entry = e }
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

    /// Now, as the store writes its times.
    static func now() -> String { SQLiteStore.timestamp(Date()) }
}
