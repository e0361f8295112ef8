import Foundation
import SvodStore
import SvodTestSupport
import Testing

/// `svod recheck`: a change of the rules never silently re-judges an accepted file; recheck says
/// what it would change, file by file, and leaves the store as it was.
@Suite struct RecheckCommandTests {
    func svod(_ args: [String]) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    @Test func aStricterRuleIsReportedAndTheStoreStaysAsItWas() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let rkr = TestPaths.packageRoot.appendingPathComponent("Samples/2019-2020/rkr").path
        #expect(try svod(["import", rkr, "--store", store]).status == 0)
        let same = try svod(["recheck", "--store", store])
        #expect(same.status == 0 && same.stdoutText.contains("Файлов: 62; изменилось: 0"), "\(same.stdoutText)\(same.stderr)")
        // Today's schemas: one rule made stricter than the files were accepted under.
        let schemas = dir.appendingPathComponent("Schemas")
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Schemas"), to: schemas)
        let rule = schemas.appendingPathComponent("forms/rkr.yaml")
        try String(contentsOf: rule, encoding: .utf8).replacingOccurrences(of: "check: below = n2", with: "check: below = n2 + 1")
            .write(to: rule, atomically: true, encoding: .utf8)
        let changed = try svod(["recheck", "--store", store, "--schemas", schemas.path, "--form", "rkr"])
        #expect(changed.status == 1, "\(changed.stderr)")
        #expect(changed.stdoutText.contains("сейчас был бы отклонён") && changed.stdoutText.contains("+ РКР!D4 [rkr.below]")
                && changed.stdoutText.contains("изменилось: 62"), "\(changed.stdoutText.prefix(600))")
        let db = try SQLiteStore(path: store)
        #expect(try db.submissions(period: nil, form: "rkr").allSatisfy { $0.outcome == "accepted" && $0.errors == 0 })
        #expect(try db.integrityProblems().isEmpty)
    }
}
