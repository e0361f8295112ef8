import Foundation
import SvodStore
import SvodTestSupport
import Testing

/// The catalogue's cross-form rules through the binary, on the bundled samples: a school's
/// teachers-pd file whose teachers of Russian and mathematics outnumber its staff's teachers.
@Suite final class CrossFormCommandTests {
    let dir: URL
    let staff = TestPaths.packageRoot.appendingPathComponent("Samples/2019-2020/staff/staff-2019-2020-co10.xlsx").path
    let clean = TestPaths.packageRoot.appendingPathComponent("Samples/2019-2020/teachers-pd/teachers-pd-2019-2020-co10.xlsx").path
    /// co10's teachers-pd with 50 teachers of Russian: with 6 of mathematics, more than staff's 55 teachers.
    let wrong: String

    init() throws {
        dir = try TestPaths.temporaryDirectory()
        wrong = dir.appendingPathComponent("teachers-pd-co10.xlsx").path
        let json = dir.appendingPathComponent("t.json").path
        #expect(try svod(["convert", clean, json]).status == 0)
        var doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        var sheets = try #require(doc["sheets"] as? [[String: Any]])
        let i = try #require(sheets.firstIndex { $0["name"] as? String == "Повышение квалификации" })
        let cells = try #require(sheets[i]["cells"] as? [[Any]])
        #expect(cells.contains { $0.first as? String == "C15" && $0.last as? Double == 6 }, "co10 has 6 teachers of Russian")
        sheets[i]["cells"] = cells.map { $0.first as? String == "C15" ? ["C15", "number", 50] : $0 }
        doc["sheets"] = sheets
        try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: json))
        #expect(try svod(["convert", json, wrong]).status == 0)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func svod(_ args: [String]) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    func findings(_ r: ProcessResult) throws -> [String: [String]] {
        let files = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
        var out: [String: [String]] = [:]
        for f in files {
            let name = ((f["file"] as? String ?? "") as NSString).lastPathComponent
            out[name] = (f["findings"] as? [[String: Any]] ?? []).map { f in
                ["rule", "severity"].map { f[$0] as? String ?? "" }.joined(separator: " ") + " " + ["sheet", "cell"].map { f[$0] as? String ?? "" }.joined(separator: "!")
            }
        }
        return out
    }

    @Test func validateComparesTheTwoFilesGivenTogether() throws {
        let r = try svod(["validate", wrong, staff, "--format", "json"])
        #expect(r.status == 0, "a warning fails nothing: \(r.stderr)")
        let got = try findings(r)
        #expect(got["teachers-pd-co10.xlsx"] == ["teachers-pd.subject-teachers-staff warning Повышение квалификации!C15"], "\(got)")
        #expect(got["staff-2019-2020-co10.xlsx"] == [])
        // The inputs' order stays the report's, though the staff file was checked first.
        let files = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
        #expect(files.map { (($0["file"] as? String ?? "") as NSString).lastPathComponent } == ["teachers-pd-co10.xlsx", "staff-2019-2020-co10.xlsx"])
        let text = try svod(["validate", wrong, staff])
        #expect(text.stdoutText.contains("Учителей русского языка и математики вместе 56, а учителей в форме «Кадры» всего 55"), "\(text.stdoutText)")
        let en = try svod(["validate", wrong, staff, "--lang", "en"])
        #expect(en.stdoutText.contains("56 teachers of Russian and mathematics together, but the form «Кадры» has 55 teachers in all"), "\(en.stdoutText)")
        // Alone nothing is compared; beside the clean file everything agrees.
        let alone = try svod(["validate", wrong])
        #expect(alone.status == 0 && alone.stdoutText.contains("ошибок нет") && !alone.stdoutText.contains("teachers-pd.subject-teachers-staff"), "\(alone.stdoutText)")
        #expect(try findings(try svod(["validate", clean, staff, "--format", "json"])).values.allSatisfy { $0.isEmpty })
    }

    /// A school whose staff file is not among several inputs that hold staff files is told so.
    @Test func validateSaysWhenTheSchoolsOtherFormIsMissing() throws {
        let other = TestPaths.packageRoot.appendingPathComponent("Samples/2019-2020/staff/staff-2019-2020-co13.xlsx").path
        let got = try findings(try svod(["validate", wrong, other, "--format", "json"]))
        #expect(got["teachers-pd-co10.xlsx"] == ["crossform.not-compared info !"], "\(got)")
    }

    @Test func importingStaffThenTeachersPDWarnsOnTheLater() throws {
        let store = dir.appendingPathComponent("svod.sqlite").path
        let first = try svod(["import", staff, "--store", store])
        #expect(first.status == 0 && first.stdoutText.contains("принят: МБОУ ЦО № 10 (co10), staff, 2019/2020"), "\(first.stdoutText)")
        let second = try svod(["import", wrong, "--store", store])
        #expect(second.status == 0 && second.stdoutText.contains("teachers-pd, 2019/2020; непоясненных предупреждений: 1"), "\(second.stdoutText)")
        let s = try SQLiteStore(path: store)
        let pd = try #require(try s.history(school: "co10", form: "teachers-pd", period: nil).last)
        #expect(try s.findings(of: pd.id).map(\.rule) == ["teachers-pd.subject-teachers-staff"])
        #expect(try s.integrityProblems().isEmpty)
    }

    /// Files of one run are committed together: the later file still compares with the earlier,
    /// which the store does not hold yet, exactly as two runs would.
    @Test func oneRunOfBothFilesJudgesAsTwoRunsWould() throws {
        let store = dir.appendingPathComponent("one-run.sqlite").path
        let r = try svod(["import", staff, wrong, "--store", store])
        #expect(r.status == 0 && r.stdoutText.contains("teachers-pd, 2019/2020; непоясненных предупреждений: 1"), "\(r.stdoutText)")
        let s = try SQLiteStore(path: store)
        let pd = try #require(try s.history(school: "co10", form: "teachers-pd", period: nil).last)
        #expect(try s.findings(of: pd.id).map(\.rule) == ["teachers-pd.subject-teachers-staff"])
        #expect(try s.integrityProblems().isEmpty)
    }

    @Test func schemasCheckPointsAtTheRulesLine() throws {
        let schemas = dir.appendingPathComponent("Schemas")
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Schemas"), to: schemas)
        let file = schemas.appendingPathComponent("forms/teachers-pd.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "form(\"staff\").staff.n[\"teachers\"]", with: "form(\"staff\").staff.n[\"teachres\"]")
            .write(to: file, atomically: true, encoding: .utf8)
        let line = (text.components(separatedBy: "\n").firstIndex { $0.contains("form(\"staff\").staff.n[\"teachers\"]") } ?? -1) + 1
        let r = try svod(["schemas", "check", "--schemas", schemas.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("teachers-pd.yaml:\(line):") && r.stderr.contains("«teachres» нет в справочнике «Должности педагогических работников»"),
                "\(r.stderr)")
    }
}
