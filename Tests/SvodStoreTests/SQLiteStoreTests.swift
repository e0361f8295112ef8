import Foundation
import SvodIO
import SvodPipeline
import SvodSchema
import SvodStore
import SvodTestSupport
import SvodValidation
import Testing

/// The store keeps every file offered once, supersedes a school's earlier file and loses nothing.
@Suite struct SQLiteStoreTests {
    static let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)
    static let samples = TestPaths.packageRoot.appendingPathComponent("Samples")

    func withStore(_ body: (SQLiteStore, Importer, URL) throws -> Void) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("svod.sqlite").path)
        try body(store, Importer(checker: SubmissionChecker(catalog: Self.catalog), store: store, period: "2019/2020"), dir)
        #expect(try store.integrityProblems().isEmpty)
    }

    func sample(_ p: String) -> String { Self.samples.appendingPathComponent(p).path }

    @Test func anAcceptedFileKeepsItsValuesExactlyAndItsOriginal() throws {
        try withStore { store, importer, _ in
            let r = try importer.importFile(sample("2019-2020/vpr/vpr-2019-2020-co9.ods"))
            guard case .accepted(let id, nil)? = r.outcome else { Issue.record("\(String(describing: r.outcome))"); return }
            let values = try store.values(of: id)
            #expect(values.contains { $0.sheetID == "results" && $0.field == "quality" && $0.kind == "number" && $0.rowKey != nil })
            // Numbers are kept as exact decimals, never binary floats.
            #expect(values.filter { $0.kind == "number" }.allSatisfy { Decimal(string: $0.value) != nil && !$0.value.contains("e") })
            #expect(values.contains { $0.sheetID == "title" && $0.field == "school" && $0.value == "co9" })
            let s = try #require(try store.submissions(period: "2019/2020", form: "vpr").first)
            #expect(s.school == "co9" && s.outcome == "accepted" && s.formVersion == 2)
            let bytes = try FileManager.default.attributesOfItem(atPath: sample("2019-2020/vpr/vpr-2019-2020-co9.ods"))[.size] as? Int
            #expect(s.size == Int64(bytes ?? -1) && s.fileName == "vpr-2019-2020-co9.ods")
            let kept = try Data(contentsOf: store.original(s.sha256))
            #expect(kept == (try Data(contentsOf: URL(fileURLWithPath: sample("2019-2020/vpr/vpr-2019-2020-co9.ods")))))
            // One sheet's values are those of the whole file on that sheet, in the same order.
            #expect(try store.values(of: id, sheet: "results") == values.filter { $0.sheetID == "results" })
            #expect(try store.values(of: id, sheet: "title") == values.filter { $0.sheetID == "title" } && !values.filter { $0.sheetID == "title" }.isEmpty)
        }
    }

    /// A copy of an original cut short (a power loss between writing and flushing) is not reused:
    /// the same bytes offered again write it whole.
    @Test func aDamagedOriginalIsWrittenAgain() throws {
        let path = sample("2019-2020/vpr/vpr-2019-2020-co9.ods")
        let sha = try SHA256.file(path)
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("svod.sqlite").path)
        let target = store.original(sha)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(count: 10).write(to: target)
        let importer = Importer(checker: SubmissionChecker(catalog: Self.catalog), store: store)
        guard case .accepted? = try importer.importFile(path).outcome else { Issue.record("not accepted"); return }
        #expect(try Data(contentsOf: target) == (try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(try store.integrityProblems().isEmpty)
    }

    /// What cross-form rules compare with: the school's current accepted file, only the fields asked for.
    @Test func theCurrentValuesAreTheLatestAcceptedFiles() throws {
        try withStore { store, importer, _ in
            #expect(try store.currentValues(school: "co9", form: "vpr", period: "2019/2020", fields: nil) == nil)
            _ = try importer.importFile(sample("2019-2020/planted/vpr-2019-2020-co14-sum-does-not-add-up.xlsx"))
            #expect(try store.currentValues(school: "co14", form: "vpr", period: "2019/2020", fields: nil) == nil, "a refused file is not current")
            _ = try importer.importFile(sample("2019-2020/vpr/vpr-2019-2020-co9.ods"))
            let all = try #require(try store.currentValues(school: "co9", form: "vpr", period: "2019/2020", fields: nil))
            let some = try #require(try store.currentValues(school: "co9", form: "vpr", period: "2019/2020", fields: ["results.n", "title.school"]))
            #expect(Set(some.map { "\($0.sheetID).\($0.field)" }) == ["results.n", "title.school"] && some.count < all.count)
            #expect(some.filter { $0.field == "n" }.count == all.filter { $0.field == "n" }.count)
            #expect(try store.currentValues(school: "co9", form: "vpr", period: "2018/2019", fields: nil) == nil)
        }
    }

    @Test func theSameBytesTwiceAreRecordedOnce() throws {
        try withStore { store, importer, _ in
            let path = sample("2019-2020/vpr/vpr-2019-2020-co9.ods")
            _ = try importer.importFile(path)
            let again = try importer.importFile(path)
            guard case .alreadyRecorded(_, "accepted", _)? = again.outcome else { Issue.record("\(String(describing: again.outcome))"); return }
            #expect(try store.submissions(period: nil, form: nil).count == 1)
        }
    }

    @Test func aFileWithErrorsIsKeptAsRefusedWithItsFindings() throws {
        try withStore { store, importer, _ in
            let r = try importer.importFile(sample("planted/2019-2020/vpr-2019-2020-co14-sum-does-not-add-up.xlsx"))
            guard case .refused(let id)? = r.outcome else { Issue.record("\(String(describing: r.outcome))"); return }
            #expect(try store.values(of: id).isEmpty)
            #expect(try store.findings(of: id).contains { $0.rule == "vpr.participants" && $0.place == "ВПР!C5" })
        }
    }

    @Test func unexplainedWarningsAreAcceptedUnlessTheDepartmentSaysNo() throws {
        let warned = sample("planted/2019-2020/vpr-2019-2020-co36-number-as-text.xlsx")
        try withStore { _, importer, _ in
            guard case .accepted? = try importer.importFile(warned).outcome else { Issue.record("not accepted"); return }
        }
        try withStore { _, importer, _ in
            importer.refuseUnexplainedWarnings = true
            let r = try importer.importFile(warned)
            guard case .refused? = r.outcome else { Issue.record("\(String(describing: r.outcome))"); return }
            #expect(r.refusedBecause?.ru.contains("непоясненных предупреждений — 1") == true)
        }
    }

    @Test func aFileOfAnotherPeriodIsRefused() throws {
        try withStore { store, importer, _ in
            let r = try importer.importFile(sample("2018-2019/vpr/vpr-2018-2019-co9.ods"))
            guard case .refused? = r.outcome else { Issue.record("\(String(describing: r.outcome))"); return }
            #expect(r.refusedBecause?.ru.contains("2018/2019") == true)
            #expect(try store.submissions(period: nil, form: nil).first?.outcome == "refused")
        }
    }

    /// A corrected file replaces the earlier one; both stay, and the change is seen value by value.
    @Test func aResubmissionSupersedesAndTheChangeIsSeen() throws {
        try withStore { store, importer, dir in
            let first = try importer.importFile(sample("2019-2020/vpr/vpr-2019-2020-co10.xlsx"))
            // The same school's file with one value changed (written by svod: inspect JSON → convert).
            let json = dir.appendingPathComponent("co10.json").path
            let svod = TestPaths.svodBinary
            let dump = try runProcess(svod, ["inspect", "--format", "json", sample("2019-2020/vpr/vpr-2019-2020-co10.xlsx")])
            // The responsible person re-typed: a value no rule ties to another.
            var text = dump.stdoutText
            let range = try #require(text.range(of: "[\"C5\", \"string\", \""))
            let end = try #require(text[range.upperBound...].firstIndex(of: "\""))
            let old = String(text[range.upperBound..<end])
            text.replaceSubrange(range.upperBound..<end, with: "Иванова А. П.")
            try text.write(toFile: json, atomically: true, encoding: .utf8)
            let changed = dir.appendingPathComponent("co10-fixed.xlsx").path
            #expect(try runProcess(svod, ["convert", json, changed]).status == 0)
            let second = try importer.importFile(changed)
            guard case .accepted(let id, let superseded?)? = second.outcome, case .accepted(let firstID, nil)? = first.outcome else {
                Issue.record("\(String(describing: first.outcome)) \(String(describing: second.outcome)) \(second.verdict.report?.findings.map(\.rule) ?? [])")
                return
            }
            #expect(superseded == firstID)
            let history = try store.history(school: "co10", form: "vpr", period: "2019/2020")
            #expect(history.map(\.id) == [firstID, id] && history[0].supersededBy == id)
            let changes = ValueChange.between(try store.values(of: firstID), try store.values(of: id))
            #expect(changes == [ValueChange(sheet: "Титул", cell: "C5", rowKey: nil, field: "responsible", before: old, after: "Иванова А. П.")], "\(changes)")
        }
    }

    @Test func reopeningMigratesNothingAndKeepsEverything() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            _ = try Importer(checker: SubmissionChecker(catalog: Self.catalog), store: store).importFile(sample("2019-2020/vpr/vpr-2019-2020-co9.ods"))
        }
        let again = try SQLiteStore(path: path)
        #expect(try again.submissions(period: nil, form: nil).count == 1)
        #expect(try again.integrityProblems().isEmpty)
    }
}

/// Row keys are stored as JSON that any reader parses back to the same key.
@Suite struct KeyJSONTests {
    @Test func keysRoundTripThroughJSON() throws {
        let key = ["subject": "rus", "class": "4", "odd": "«кавычки» \"и\" \\ \n\t\u{1}"]
        let text = SQLiteStore.keyJSON(key)
        let back = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        #expect(back == key)
        #expect(text.hasPrefix("{\"class\":\"4\",\"odd\":"))
    }
}
