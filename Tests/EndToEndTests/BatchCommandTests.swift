import Foundation
import SvodStore
import SvodTestSupport
import Testing

/// `svod batch` on a temporary inbox: each kind of file an inbox receives ends where it should,
/// answered, journalled and imported once; a second run finds nothing to redo; the lock, signals,
/// full and unwritable disks, and a run killed at any moment and run again.
@Suite struct BatchCommandTests {
    static let samples = TestPaths.packageRoot.appendingPathComponent("Samples")
    func svod(_ args: [String]) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    /// The folders of one test's run.
    struct Place {
        let root: URL
        var inbox: String { root.appendingPathComponent("inbox").path }
        var outbox: String { root.appendingPathComponent("outbox").path }
        var archive: String { root.appendingPathComponent("archive").path }
        var store: String { root.appendingPathComponent("svod.sqlite").path }
        var city: String { root.appendingPathComponent("city.xlsx").path }

        init() throws {
            root = try TestPaths.temporaryDirectory()
            try FileManager.default.createDirectory(atPath: root.appendingPathComponent("inbox").path, withIntermediateDirectories: true)
        }

        func arguments(settle: String = "0", extra: [String] = []) -> [String] {
            ["batch", "--inbox", inbox, "--outbox", outbox, "--archive", archive, "--store", store, "--settle", settle,
             "--period", "2019/2020", "--consolidate", city, "--log", root.appendingPathComponent("batch.jsonl").path] + extra
        }

        func put(_ source: String, as name: String? = nil) throws {
            let target = (inbox as NSString).appendingPathComponent(name ?? (source as NSString).lastPathComponent)
            try FileManager.default.copyItem(atPath: source, toPath: target)
            // Arrived a while ago: settled.
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -600)], ofItemAtPath: target)
        }

        /// Every file below `folder`, relative to it.
        func files(_ folder: String) -> [String] {
            (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter {
                var dir: ObjCBool = false
                return FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0), isDirectory: &dir) && !dir.boolValue
            }.sorted()
        }
    }

    func sample(_ path: String) -> String { Self.samples.appendingPathComponent(path).path }

    @Test func eachFileEndsWhereItShouldAndTheSecondRunRedoesNothing() throws {
        let p = try Place()
        defer { try? FileManager.default.removeItem(at: p.root) }
        let good = ["2019-2020/vpr/vpr-2019-2020-co9.ods", "2019-2020/vpr/vpr-2019-2020-co10.xlsx", "2019-2020/rkr/rkr-2019-2020-co12.ods"]
        for g in good { try p.put(sample(g)) }
        try p.put(sample("planted/2019-2020/vpr-2019-2020-co14-sum-does-not-add-up.xlsx"))
        try p.put(sample(good[0]), as: "копия.ods")                                 // the same bytes again
        try p.put(TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/fuzz/zip64-compressed-size-overflow.xlsx").path)   // hostile
        try Data("Отчёт будет позже".utf8).write(to: URL(fileURLWithPath: p.inbox + "/письмо.xlsx"))                             // unknown
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -600)], ofItemAtPath: p.inbox + "/письмо.xlsx")
        try Data("x".utf8).write(to: URL(fileURLWithPath: p.inbox + "/~$vpr.xlsx"))                                              // Excel's lock file
        try Data("x".utf8).write(to: URL(fileURLWithPath: p.inbox + "/vpr.xlsx.part"))                                             // a download
        // Half-written: changed a moment ago, and another file held locked by its writer.
        try Data(contentsOf: URL(fileURLWithPath: sample("2019-2020/vpr/vpr-2019-2020-co13.xlsx"))).write(to: URL(fileURLWithPath: p.inbox + "/fresh.xlsx"))
        try p.put(sample("2019-2020/vpr/vpr-2019-2020-co15.xlsx"), as: "locked.xlsx")
        // O_CLOEXEC: the processes other tests start meanwhile must not inherit (and hold) the lock.
        let held = open(p.inbox + "/locked.xlsx", O_RDWR | O_CLOEXEC)
        #expect(flock(held, LOCK_EX) == 0)

        let first = try svod(p.arguments(settle: "60"))
        #expect(first.status == 1, "\(first.stdoutText)\(first.stderr)")
        let out = first.stdoutText
        #expect(out.contains("Файлов: 9; принято: 3; отклонено: 3; повторов: 1; ждут: 2"), "\(out)")
        #expect(out.contains("копия.ods — повтор") && out.contains("fresh.xlsx — ждёт") && out.contains("locked.xlsx — ждёт"), "\(out)")
        #expect(out.contains("vpr-2019-2020-co14-sum-does-not-add-up.xlsx — отклонён (co14, vpr, 2019/2020): ошибок — 1; первая: ВПР!C5"), "\(out)")
        #expect(out.contains("Свод обновлён: \(p.city)"), "\(out)")
        // The inbox keeps only what was not taken; the archive has each taken file once.
        #expect(p.files(p.inbox) == ["fresh.xlsx", "locked.xlsx", "vpr.xlsx.part", "~$vpr.xlsx"], "\(p.files(p.inbox))")
        let accepted = p.files(p.archive + "/accepted").map { ($0 as NSString).lastPathComponent }.sorted()
        #expect(accepted == ["rkr-2019-2020-co12.ods", "vpr-2019-2020-co10.xlsx", "vpr-2019-2020-co9.ods"], "\(accepted)")
        let rejected = p.files(p.archive + "/rejected").map { ($0 as NSString).lastPathComponent }.sorted()
        #expect(rejected == ["vpr-2019-2020-co14-sum-does-not-add-up.xlsx", "zip64-compressed-size-overflow.xlsx", "копия.ods", "копия.ods.txt", "письмо.xlsx"], "\(rejected)")
        // The answers: JSON and HTML for every file, the marked copy where there are findings, each named after the file and its hash.
        let answers = p.files(p.outbox)
        #expect(answers.contains { $0.hasPrefix("co9/vpr-2019-2020-co9-") && $0.hasSuffix(".json") })
        #expect(answers.contains { $0.hasPrefix("co14/") && $0.hasSuffix("-замечания.xlsx") })
        #expect(answers.filter { $0.hasPrefix("_без_школы/") && $0.hasSuffix(".html") }.count == 2, "\(answers)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: p.outbox + "/" + answers.first { $0.hasPrefix("co14/") && $0.hasSuffix(".json") }!))) as? [String: Any]
        #expect((report?["findings"] as? [[String: Any]])?.first?["cell"] as? String == "C5")
        // The store has the three accepted once; the journal agrees with the folders.
        let store = try SQLiteStore(path: p.store)
        #expect(try store.submissions(period: nil, form: nil).filter { $0.outcome == "accepted" }.count == 3)
        let journal = try store.journal()
        #expect(journal.count == 7 && journal.allSatisfy { $0.finishedAt != nil && $0.steps.last == "moved" })
        #expect(Set(journal.compactMap(\.archived).map { ($0 as NSString).lastPathComponent }) == Set(accepted + rejected.filter { !$0.hasSuffix(".txt") }))
        #expect(FileManager.default.fileExists(atPath: p.city))
        let log = try String(contentsOfFile: p.root.appendingPathComponent("batch.jsonl").path, encoding: .utf8).split(separator: "\n")
        #expect(log.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil } && log.contains { $0.contains("\"step\":\"moved\"") })

        // Next run: the lock released, the fresh file settled; nothing done twice, the city refreshed again.
        flock(held, LOCK_UN)
        close(held)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -600)], ofItemAtPath: p.inbox + "/fresh.xlsx")
        let second = try svod(p.arguments(settle: "60"))
        #expect(second.status == 0, "\(second.stdoutText)\(second.stderr)")
        #expect(second.stdoutText.contains("Файлов: 2; принято: 2; отклонено: 0; повторов: 0; ждут: 0"), "\(second.stdoutText)")
        let third = try svod(p.arguments(extra: ["--lang", "en"]))
        #expect(third.status == 0 && third.stdoutText.contains("Files: 0; accepted: 0") && !third.stdoutText.contains("refreshed"), "\(third.stdoutText)")
    }

    @Test func aSecondRunWhileOneHoldsTheLockExitsAtOnce() throws {
        let p = try Place()
        defer { try? FileManager.default.removeItem(at: p.root) }
        try p.put(sample("2019-2020/vpr/vpr-2019-2020-co9.ods"))
        let fd = open(p.store + ".batch-lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        #expect(flock(fd, LOCK_EX) == 0)
        let r = try svod(p.arguments())
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("другой запуск svod batch уже работает"), "\(r.stderr)")
        #expect(p.files(p.inbox) == ["vpr-2019-2020-co9.ods"])
        close(fd)
        #expect(try svod(p.arguments()).status == 0)
    }

    @Test func wrongSettingsAreOneLineInEitherLanguage() throws {
        let p = try Place()
        defer { try? FileManager.default.removeItem(at: p.root) }
        let missing = try svod(["batch", "--inbox", p.inbox])
        #expect(missing.status == 2 && missing.stderr.contains("не указано «outbox»"), "\(missing.stderr)")
        let en = try svod(["batch", "--inbox", p.inbox, "--outbox", p.outbox, "--archive", p.archive, "--store", p.store, "--convert", "pdf", "--lang", "en"])
        #expect(en.status == 2 && en.stderr.contains("convert: 'pdf' — ods or xlsx expected"), "\(en.stderr)")
        let config = p.root.appendingPathComponent("batch.yaml").path
        try "inbox: inbox\noutbox: outbox\narchive: archive\nstore: svod.sqlite\nsettel: 5\n".write(toFile: config, atomically: true, encoding: .utf8)
        let typo = try svod(["batch", "--config", config])
        #expect(typo.status == 2 && typo.stderr.contains("неизвестный ключ «settel»"), "\(typo.stderr)")
        // The bundled example config reads (its folders are the department's server's, not here).
        let example = try svod(["batch", "--config", Self.samples.appendingPathComponent("batch.yaml").path, "--inbox", p.inbox + "/нет"])
        #expect(example.status == 2 && example.stderr.contains("нет папки входящих"), "\(example.stderr)")
    }

    /// The inputs of a fault test: a few hundred school files, two with errors, two duplicates.
    func fill(_ p: Place) throws -> [String: String] {
        var names: [String: String] = [:]
        for form in ["vpr", "rkr", "gia9", "ege"] {
            let folder = sample("2019-2020/\(form)")
            for f in try FileManager.default.contentsOfDirectory(atPath: folder) { try p.put(folder + "/" + f) }
        }
        try p.put(sample("planted/2019-2020/vpr-2019-2020-co14-sum-does-not-add-up.xlsx"))
        try p.put(sample("planted/2019-2020/rkr-2019-2020-co57-wrong-share.xlsx"))
        try p.put(sample("2019-2020/vpr/vpr-2019-2020-co9.ods"), as: "ещё раз.ods")
        try p.put(sample("2019-2020/ege/ege-2019-2020-co10.xlsx"), as: "ещё раз.xlsx")
        for name in p.files(p.inbox) { names[name] = try SHA256Hex.file(p.inbox + "/" + name) }
        return names
    }

    /// What a finished inbox must look like: every input exactly once in accepted/ or rejected/
    /// with its own bytes, the store holding each accepted file once, the journal agreeing with
    /// the folders, no temporary or partial file anywhere.
    func expectFinished(_ p: Place, inputs: [String: String]) throws {
        #expect(p.files(p.inbox).isEmpty, "\(p.files(p.inbox))")
        var placed: [String: [String]] = [:]
        for kind in ["accepted", "rejected"] {
            for f in p.files(p.archive + "/" + kind) where !f.hasSuffix(".txt") {
                placed[(f as NSString).lastPathComponent, default: []].append(kind)
                #expect(try SHA256Hex.file(p.archive + "/\(kind)/" + f) == inputs[(f as NSString).lastPathComponent], "\(f) changed")
            }
        }
        #expect(Set(placed.keys) == Set(inputs.keys), "lost: \(Set(inputs.keys).subtracting(placed.keys)); extra: \(Set(placed.keys).subtracting(inputs.keys))")
        #expect(placed.values.allSatisfy { $0.count == 1 }, "\(placed.filter { $0.value.count > 1 })")
        let store = try SQLiteStore(path: p.store)
        #expect(try store.integrityProblems().isEmpty)
        let submissions = try store.submissions(period: nil, form: nil)
        #expect(Set(submissions.map(\.sha256)).count == submissions.count)
        let acceptedBytes = Set(placed.filter { $0.value == ["accepted"] }.compactMap { inputs[$0.key] })
        #expect(Set(submissions.filter { $0.outcome == "accepted" }.map(\.sha256)) == acceptedBytes)
        let journal = try store.journal()
        #expect(journal.allSatisfy { $0.finishedAt != nil }, "\(journal.filter { $0.finishedAt == nil }.map(\.name))")
        #expect(journal.count == inputs.count && Set(journal.map(\.name)) == Set(inputs.keys), "\(journal.count) entries for \(inputs.count) inputs")
        for e in journal {
            let kind = e.outcome == "accepted" ? "accepted" : "rejected"
            #expect(placed[e.name] == [kind], "\(e.name): journal says \(e.outcome ?? "-"), folders \(placed[e.name] ?? [])")
        }
        #expect(journal.filter { $0.outcome == "duplicate" }.count == 2)
        for f in p.files(p.outbox) + p.files(p.archive) {
            #expect(!(f as NSString).lastPathComponent.hasPrefix("."), "a temporary file left: \(f)")
            if f.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: p.outbox + "/" + f)))) != nil, "partial: \(f)")
            }
        }
    }

    /// Killed (SIGKILL) 50 times at random moments, then run to the end: nothing lost, nothing twice.
    @Test func aRunKilledAtAnyMomentLosesAndRepeatsNothing() throws {
        let p = try Place()
        defer { try? FileManager.default.removeItem(at: p.root) }
        let inputs = try fill(p)
        #expect(inputs.count > 200)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let run = Process()
            run.executableURL = TestPaths.svodBinary
            run.arguments = p.arguments(extra: ["--convert", "ods"])
            run.standardOutput = FileHandle.nullDevice
            run.standardError = FileHandle.nullDevice
            try run.run()
            usleep(UInt32.random(in: 30_000...900_000, using: &generator))
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
            #expect(try SQLiteStore(path: p.store).integrityProblems().isEmpty)
        }
        var last = try svod(p.arguments(extra: ["--convert", "ods"]))
        for _ in 0..<3 where last.status == 2 { last = try svod(p.arguments(extra: ["--convert", "ods"])) }
        #expect(last.status == 0 || last.status == 1, "\(last.stderr)")
        try expectFinished(p, inputs: inputs)
        #expect(FileManager.default.fileExists(atPath: p.city) && !FileManager.default.fileExists(atPath: p.store + ".batch-refresh"))
    }

    /// SIGTERM stops after the step under way: exit 2, nothing half-written, the next run finishes.
    @Test func aSignalStopsBetweenSteps() throws {
        let p = try Place()
        defer { try? FileManager.default.removeItem(at: p.root) }
        let inputs = try fill(p)
        let run = Process()
        run.executableURL = TestPaths.svodBinary
        run.arguments = p.arguments()
        let out = Pipe()
        run.standardOutput = out
        run.standardError = FileHandle.nullDevice
        try run.run()
        usleep(1_500_000)
        kill(run.processIdentifier, SIGTERM)
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        #expect(run.terminationStatus == 2, "\(text.suffix(400))")
        #expect(text.contains("запуск остановлен сигналом") && text.contains("— ждёт"), "\(text.suffix(400))")
        let again = try svod(p.arguments())
        #expect(again.status == 1, "\(again.stderr)")
        try expectFinished(p, inputs: inputs)
    }
}

extension BatchCommandTests {
    /// A small tmpfs at `path` (root only; nil where mounting is not allowed: the test says so and is skipped).
    func mount(_ path: String, size: String, readOnly: Bool = false) throws -> Bool {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let r = try runProcess(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(size)" + (readOnly ? ",ro" : ""), "tmpfs", path])
        if r.status != 0 { print("notice: cannot mount a tmpfs here (\(r.stderr.prefix(80))); the full-disk test is skipped") }
        return r.status == 0
    }

    func unmount(_ path: String) { _ = try? runProcess(URL(fileURLWithPath: "/bin/umount"), [path]) }

    /// The outbox runs out of room: one line, exit 2, the file under way stays in the inbox; once
    /// there is room the next run finishes everything, each file once.
    @Test func aFullOutboxStopsTheRunAndTheNextFinishes() throws {
        let p = try Place()
        defer { unmount(p.outbox); try? FileManager.default.removeItem(at: p.root) }
        guard try mount(p.outbox, size: "256k") else { return }
        let inputs = try fill(p)
        let full = try svod(p.arguments())
        #expect(full.status == 2, "\(full.stdoutText.suffix(300))")
        let lines = full.stderr.split(separator: "\n")
        #expect(lines.count == 1 && full.stderr.contains("нет места"), "\(full.stderr)")
        #expect(!p.files(p.inbox).isEmpty)
        // Room again: a bigger outbox (the answers written so far move with it).
        let saved = p.root.appendingPathComponent("saved").path
        try FileManager.default.copyItem(atPath: p.outbox, toPath: saved)
        unmount(p.outbox)
        try FileManager.default.removeItem(atPath: p.outbox)
        try FileManager.default.moveItem(atPath: saved, toPath: p.outbox)
        let again = try svod(p.arguments())
        #expect(again.status == 1, "\(again.stderr)")
        try expectFinished(p, inputs: inputs)
    }

    /// The store's disk runs out of room: the same — one line, exit 2, nothing lost, finished later.
    @Test func aFullStoreDiskStopsTheRunAndTheNextFinishes() throws {
        let p = try Place()
        let small = p.root.appendingPathComponent("small").path
        defer { unmount(small); try? FileManager.default.removeItem(at: p.root) }
        guard try mount(small, size: "3M") else { return }
        let inputs = try fill(p)
        let store = small + "/svod.sqlite"
        let args = p.arguments().map { $0 == p.store ? store : $0 }
        let full = try svod(args)
        #expect(full.status == 2, "\(full.stdoutText.suffix(300))")
        #expect(full.stderr.split(separator: "\n").count == 1 && full.stderr.contains("нет места"), "\(full.stderr)")
        // Room again: the store moved to a roomy disk (as an administrator would), the run goes on.
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: store + suffix) {
            try FileManager.default.copyItem(atPath: store + suffix, toPath: p.store + suffix)
        }
        try FileManager.default.copyItem(atPath: store + ".files", toPath: p.store + ".files")
        let again = try svod(p.arguments())
        #expect(again.status == 1, "\(again.stderr)")
        try expectFinished(p, inputs: inputs)
    }

    /// An outbox that cannot be written: one clear line, exit 2, every file still in the inbox.
    @Test func anUnwritableOutboxIsOneLineAndMovesNothing() throws {
        let p = try Place()
        defer { unmount(p.outbox); try? FileManager.default.removeItem(at: p.root) }
        guard try mount(p.outbox, size: "1M", readOnly: true) else { return }
        try p.put(sample("2019-2020/vpr/vpr-2019-2020-co9.ods"))
        let r = try svod(p.arguments())
        #expect(r.status == 2 && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("диск только для чтения"), "\(r.stderr)")
        #expect(p.files(p.inbox) == ["vpr-2019-2020-co9.ods"] && p.files(p.archive).isEmpty)
    }
}

extension BatchCommandTests {
    /// Two runs started at the same moment over one store: one works, the other exits with 3 in one line.
    @Test func twoRunsStartedTogetherOneWorksOneExitsWithTheLockStatus() throws {
        let p = try Place()
        defer { try? FileManager.default.removeItem(at: p.root) }
        let inputs = try fill(p)
        let runs = (0..<2).map { i -> (Process, Pipe) in
            let run = Process(), err = Pipe()
            run.executableURL = TestPaths.svodBinary
            run.arguments = p.arguments(extra: ["--log", p.root.appendingPathComponent("log-\(i).jsonl").path])
            run.standardOutput = FileHandle.nullDevice
            run.standardError = err
            return (run, err)
        }
        for (run, _) in runs { try run.run() }
        let errors = runs.map { String(decoding: $0.1.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        for (run, _) in runs { run.waitUntilExit() }
        let statuses = runs.map { $0.0.terminationStatus }.sorted()
        #expect(statuses == [1, 3], "\(statuses) \(errors)")
        let locked = errors[runs.firstIndex { $0.0.terminationStatus == 3 } ?? 0]
        #expect(locked.split(separator: "\n").count == 1 && locked.contains("другой запуск svod batch уже работает"), "\(locked)")
        try expectFinished(p, inputs: inputs)
    }

    /// --max-files and the time budget: what is not started is «ждёт», and the next run takes it.
    @Test func limitsLeaveTheRestForTheNextRun() throws {
        let p = try Place()
        defer { try? FileManager.default.removeItem(at: p.root) }
        for f in ["vpr-2019-2020-co9.ods", "vpr-2019-2020-co10.xlsx", "vpr-2019-2020-co12.ods"] { try p.put(sample("2019-2020/vpr/" + f)) }
        let few = try svod(p.arguments(extra: ["--max-files", "2"]))
        #expect(few.status == 0 && few.stdoutText.contains("Файлов: 3; принято: 2; отклонено: 0; повторов: 0; ждут: 1"), "\(few.stdoutText)")
        #expect(few.stdoutText.contains("достигнут предел max-files (2)"), "\(few.stdoutText)")
        let rest = try svod(p.arguments(extra: ["--time-budget", "600"]))
        #expect(rest.status == 0 && rest.stdoutText.contains("Файлов: 1; принято: 1"), "\(rest.stdoutText)")
    }
}

/// SHA-256 of a file as hex, by the system's sha256sum (independent of svod's own).
enum SHA256Hex {
    static func file(_ path: String) throws -> String {
        let r = try runProcess(URL(fileURLWithPath: "/usr/bin/sha256sum"), [path])
        return String(r.stdoutText.prefix(64))
    }
}
