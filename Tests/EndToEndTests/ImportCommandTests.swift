import Foundation
import SvodStore
import SvodTestSupport
import Testing

/// `svod import` and `svod history` as the department runs them: unattended, concurrently, and
/// killed at any moment without losing or doubling a file.
@Suite struct ImportCommandTests {
    let vpr = TestPaths.packageRoot.appendingPathComponent("Samples/2019-2020/vpr").path
    func svod(_ args: [String]) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    @Test func aYearOfOneFormImportsOnceAndHistoryShowsIt() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("svod.sqlite").path
        let first = try svod(["import", vpr, "--store", store, "--period", "2019/2020"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdoutText.contains("Файлов: 62; принято: 62; уже были приняты: 0; отклонено: 0"), "\(first.stdoutText.suffix(300))")
        let again = try svod(["import", vpr, "--store", store])
        #expect(again.status == 0 && again.stdoutText.contains("уже были приняты: 62"), "\(again.stdoutText.suffix(300))")
        let history = try svod(["history", "--school", "co9", "--store", store])
        #expect(history.status == 0 && history.stdoutText.contains("vpr-2019-2020-co9.ods") && history.stdoutText.contains("принят"), "\(history.stdoutText)")
        let refused = try svod(["import", TestPaths.packageRoot.appendingPathComponent("Samples/planted/2019-2020/vpr-2019-2020-co14-sum-does-not-add-up.xlsx").path,
                                "--store", store])
        #expect(refused.status == 1 && refused.stdoutText.contains("отклонён: ошибок — 1"), "\(refused.stdoutText)")
        #expect(try SQLiteStore(path: store).integrityProblems().isEmpty)
        // The status counts from the store: 62 of the 63 organisations that write ВПР sent it (the evening school did not).
        let status = try svod(["status", "--period", "2019/2020", "--form", "vpr", "--store", store, "--format", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: status.stdout) as? [String: Any])
        let schools = try #require(((doc["forms"] as? [[String: Any]])?.first)?["schools"] as? [[String: Any]])
        #expect(schools.filter { $0["state"] as? String == "accepted" }.count == 62, "\(status.stdoutText.prefix(400))")
        #expect(schools.contains { $0["code"] as? String == "vosh" && $0["state"] as? String == "missing" })
        let text = try svod(["status", "--period", "2019/2020", "--form", "vpr", "--store", store, "--as-of", "2020-11-01"])
        #expect(text.stdoutText.hasPrefix("vpr — Результаты Всероссийских проверочных работ: принято 62, отклонено 0, нет 1 из 63; срок 30.11.2020"),
                "\(text.stdoutText.prefix(300))")
        // Lateness by the form's deadline (30 November after the academic year) and --as-of: a file
        // imported today is late for 2019/2020; a missing one is late only once the deadline passed.
        for (asOf, missingLate) in [("2020-11-01", false), ("01.12.2020", true)] {
            let r = try svod(["status", "--period", "2019/2020", "--form", "vpr", "--store", store, "--format", "json", "--as-of", asOf])
            let d = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
            let all = try #require(((d["forms"] as? [[String: Any]])?.first)?["schools"] as? [[String: Any]])
            #expect(all.first { $0["code"] as? String == "vosh" }?["late"] as? Bool == missingLate, "\(asOf)")
            #expect(all.first { $0["code"] as? String == "co9" }?["late"] as? Bool == true)
        }
        #expect(try svod(["status", "--period", "2019/2020", "--store", store, "--as-of", "вчера"]).status == 2)
        let missing = try svod(["history", "--school", "co9", "--store", dir.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 2 && missing.stderr.contains("нет хранилища"), "\(missing.stderr)")
    }

    /// Two imports on one store at once both succeed: SQLite's lock is waited for, not failed on.
    @Test func twoImportsAtOnceBothSucceed() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("svod.sqlite").path
        let files = try FileManager.default.contentsOfDirectory(atPath: vpr).sorted().map { "\(vpr)/\($0)" }
        let half = files.count / 2
        let processes = [Array(files[..<half]), Array(files[half...])].map { part -> Process in
            let p = Process()
            p.executableURL = TestPaths.svodBinary
            p.arguments = ["import", "--store", store] + part
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            return p
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "\(processes.map(\.terminationStatus))")
        let db = try SQLiteStore(path: store)
        #expect(try db.submissions(period: nil, form: nil).count == files.count)
        #expect(try db.integrityProblems().isEmpty)
    }

    /// Killed (SIGKILL) 50 times at random moments while importing a few hundred files, then run to
    /// the end: every file exactly once, with its values, the store clean, no temporary original left.
    @Test func anImportKilledAtAnyMomentLosesAndDoublesNothing() throws {
        let folders = ["vpr", "rkr", "gia9", "ege"].map { TestPaths.packageRoot.appendingPathComponent("Samples/2019-2020/\($0)").path }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("svod.sqlite").path
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let p = Process()
            p.executableURL = TestPaths.svodBinary
            p.arguments = ["import", "--store", store] + folders
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32.random(in: 20_000...1_500_000, using: &generator))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            // Whatever was committed is whole: the store opens and checks clean after every kill.
            #expect(try SQLiteStore(path: store).integrityProblems().isEmpty)
        }
        let last = try svod(["import", "--store", store] + folders)
        #expect(last.status == 0, "\(last.stderr)")
        let files = Set(folders.flatMap { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
        let db = try SQLiteStore(path: store)
        let all = try db.submissions(period: nil, form: nil)
        #expect(files.count > 200 && all.count == files.count && Set(all.map(\.fileName)) == files && Set(all.map(\.sha256)).count == files.count)
        #expect(all.allSatisfy { $0.outcome == "accepted" && $0.supersededBy == nil })
        for s in all { #expect(!(try db.values(of: s.id)).isEmpty, "\(s.fileName) lost its values") }
        #expect(try db.integrityProblems().isEmpty)
        // No temporary original is left behind a kill.
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: store + ".files").filter { ($0 as NSString).lastPathComponent.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// A store on a full filesystem: one line saying so, exit 2, and what was accepted before is intact.
    @Test func aFullDiskIsOneLineAndLosesNothing() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let small = dir.appendingPathComponent("small").path
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        let mount = try runProcess(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=2M", "tmpfs", small])
        guard mount.status == 0 else {
            print("notice: cannot mount a small tmpfs here (\(mount.stderr.prefix(80))); the full-disk test is skipped")
            return
        }
        defer { _ = try? runProcess(URL(fileURLWithPath: "/bin/umount"), [small]) }
        let store = small + "/svod.sqlite"
        // Some files in first; then the disk filled to a few pages, so the next import runs out
        // of room whichever batch it is in.
        let files = try FileManager.default.contentsOfDirectory(atPath: vpr).sorted().prefix(20).map { vpr + "/" + $0 }
        #expect(try svod(["import"] + files + ["--store", store]).status == 0)
        let free = try FileManager.default.attributesOfFileSystem(forPath: small)[.systemFreeSize] as? NSNumber
        let filler = Data(count: max(0, (free?.intValue ?? 0) - 48 * 1024))
        try filler.write(to: URL(fileURLWithPath: small + "/filler"))
        let r = try svod(["import", vpr, "--store", store])
        #expect(r.status == 2, "\(r.stdoutText.suffix(300))")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && r.stderr.contains("нет места"), "\(r.stderr)")
        let accepted = r.stdoutText.split(separator: "\n").filter { $0.contains("— принят:") }.count
        let db = try SQLiteStore(path: store)
        #expect(try db.submissions(period: nil, form: nil).filter { $0.outcome == "accepted" }.count == 20 + accepted)
        #expect(try db.integrityProblems().isEmpty)
    }
}
