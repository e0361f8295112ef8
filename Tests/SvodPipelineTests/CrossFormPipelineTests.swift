import Foundation
import SvodPipeline
import SvodSchema
import SvodStore
import SvodTestSupport
import SvodValidation
import Testing

/// Cross-form rules across a run and across imports: `svod validate` over several files checks
/// the form read first whatever the inputs' order; `svod import` takes the other form from the
/// store, and the warning lands on the file that arrives second.
@Suite final class CrossFormPipelineTests {
    let dir: URL
    let checker: SubmissionChecker

    init() throws {
        dir = try TestPaths.temporaryDirectory()
        try CrossFormFixture.schemas(in: dir)
        let catalog = SchemaCatalog(directory: dir.path)
        #expect(catalog.issues.isEmpty, "\(catalog.issues.map { $0.line(.en) })")
        checker = SubmissionChecker(catalog: catalog)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func staff(_ name: String = "staff", school: String = "co9", teachers: Double = 10) throws -> String {
        let path = dir.appendingPathComponent("\(name).xlsx").path
        try CrossFormFixture.writeStaff(path, school: school, teachers: teachers, others: 2)
        return path
    }

    func pd(_ name: String = "pd", school: String = "co9", ped: Double) throws -> String {
        let path = dir.appendingPathComponent("\(name).xlsx").path
        try CrossFormFixture.writePD(path, school: school, ped: ped, rus: 3)
        return path
    }

    /// Checks `paths` in one run; the verdicts in input order, and the order they were made in.
    func run(_ paths: [String]) -> (verdicts: [FileVerdict], order: [Int]) {
        let run = CrossFormRun(checker: checker)
        var verdicts = [FileVerdict?](repeating: nil, count: paths.count), order: [Int] = []
        run.run(paths.count, check: { i, recognised, waits in
            checker.check(paths[i], recognised: recognised, crossForm: run, waits: waits)
        }, done: { i, v in verdicts[i] = v; order.append(i) })
        return (verdicts.compactMap { $0 }, order)
    }

    func rules(_ v: FileVerdict) -> [String] { v.report?.findings.map { "\($0.rule) \($0.severity.rawValue)" } ?? ["not checked"] }

    @Test func theFormReadIsCheckedFirstWhateverTheOrder() throws {
        let (verdicts, order) = run([try pd(ped: 13), try staff()])
        #expect(order == [1, 0], "the training file waits for the staff file")
        #expect(rules(verdicts[0]) == ["xf-pd.ped warning"], "\(rules(verdicts[0]))")
        #expect(rules(verdicts[1]).isEmpty)
        #expect(verdicts.allSatisfy { $0.report?.formValues == nil }, "a run keeps the values apart, not in its verdicts")
    }

    @Test func agreeingFilesHaveNoFindings() throws {
        let (verdicts, _) = run([try staff(), try pd(ped: 12)])
        #expect(verdicts.allSatisfy { rules($0).isEmpty }, "\(verdicts.map(rules))")
    }

    /// Another school's staff file is not this school's: the comparison is said to be left out.
    @Test func anotherSchoolsFileIsNoComparison() throws {
        let (verdicts, _) = run([try staff(school: "co10"), try pd(ped: 13)])
        #expect(rules(verdicts[1]) == ["crossform.not-compared info"], "\(rules(verdicts[1]))")
        #expect(verdicts[1].report?.findings.first?.message.ru.contains("среди проверяемых файлов нет файла этой формы без ошибок") == true)
    }

    @Test func twoDifferingFilesOfTheFormReadLeaveItUndecided() throws {
        let (verdicts, _) = run([try staff("a"), try staff("b", teachers: 11), try pd(ped: 13)])
        #expect(rules(verdicts[2]) == ["crossform.not-compared info"], "\(rules(verdicts[2]))")
        #expect(verdicts[2].report?.findings.first?.message.ru.contains("и они расходятся") == true)
        let same = run([try staff("c"), try staff("d"), try pd(ped: 13)]).verdicts
        #expect(rules(same[2]) == ["xf-pd.ped warning"], "two copies that agree are one file: \(rules(same[2]))")
    }

    @Test func aRunOfOneFormDoesNotAskForTheOther() throws {
        let (verdicts, _) = run([try pd("one", ped: 13), try pd("two", school: "co10", ped: 1)])
        #expect(verdicts.allSatisfy { rules($0).isEmpty }, "\(verdicts.map(rules))")
    }

    // MARK: Import

    func importer() throws -> (Importer, SQLiteStore) {
        let store = try SQLiteStore(path: dir.appendingPathComponent("svod.sqlite").path)
        return (Importer(checker: checker, store: store, period: "2019/2020"), store)
    }

    @Test func importingTheReadingFormSecondWarnsOnIt() throws {
        let (importer, store) = try importer()
        let first = try importer.importFile(try staff())
        #expect(rules(first.verdict).isEmpty)
        let second = try importer.importFile(try pd(ped: 13))
        #expect(rules(second.verdict) == ["xf-pd.ped warning"], "\(rules(second.verdict))")
        guard case .accepted(let id, _)? = second.outcome else { Issue.record("\(String(describing: second.outcome))"); return }
        #expect(try store.findings(of: id).map(\.rule) == ["xf-pd.ped"], "the warning is kept with the file")
        #expect(try store.integrityProblems().isEmpty)
    }

    @Test func importingTheFormReadSecondWarnsOnIt() throws {
        let (importer, _) = try importer()
        let first = try importer.importFile(try pd(ped: 13))
        #expect(rules(first.verdict) == ["crossform.not-compared info"], "\(rules(first.verdict))")
        #expect(first.verdict.report?.findings.first?.message.ru.contains("в хранилище нет принятого файла этой формы") == true)
        let second = try importer.importFile(try staff())
        #expect(rules(second.verdict) == ["xf-pd.ped warning"], "\(rules(second.verdict))")
        let f = try #require(second.verdict.report?.findings.first)
        #expect(f.place == "Кадры!B4" && f.message.ru.contains("(сверка формы «ДПО (проверка)» (xf-pd) с этим файлом"), "\(f.place ?? "") \(f.message.ru)")
    }

    /// The comparison is with the school's current file: a corrected staff file replaces the one compared with.
    @Test func theCurrentAcceptedFileIsTheOneComparedWith() throws {
        let (importer, _) = try importer()
        _ = try importer.importFile(try staff("old", teachers: 11))
        _ = try importer.importFile(try staff("new", teachers: 10))
        #expect(rules(try importer.importFile(try pd(ped: 12)).verdict).isEmpty)
    }
}
