import Foundation
import SvodTestSupport
import Testing

/// `svod schemas show` gives a form's deadline in words and, in JSON, as an object.
@Suite struct SchemasDeadlineTests {
    func svod(_ args: String...) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    @Test func schemasShowPrintsTheDeadline() throws {
        let ru = try svod("schemas", "show", "contingent")
        #expect(ru.status == 0, "\(ru.stderr)")
        #expect(ru.stdoutText.contains("Срок сдачи: 30 ноября года окончания учебного года (за 2019/2020 — 30.11.2020)\n"), "\(ru.stdoutText)")
        let en = try svod("--lang", "en", "schemas", "show", "upbringing-quarterly")
        #expect(en.status == 0, "\(en.stderr)")
        #expect(en.stdoutText.contains("Deadline: the last day of the month after the quarter (for 1 квартал 2020: 30.04.2020)\n"), "\(en.stdoutText)")
    }

    @Test func schemasShowGivesTheDeadlineAsJSON() throws {
        func deadline(_ id: String) throws -> [String: Any] {
            let r = try svod("schemas", "show", id, "--format", "json")
            #expect(r.status == 0, "\(r.stderr)")
            let doc = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
            return try #require(doc["deadline"] as? [String: Any])
        }
        let staff = try deadline("staff")
        #expect(staff["kind"] as? String == "fixed" && staff["month"] as? Int == 9 && staff["day"] as? Int == 30)
        #expect(staff["year"] as? String == "first")
        #expect((staff["example"] as? [String: Any])?["date"] as? String == "2019-09-30")
        #expect((staff["text"] as? [String: Any])?["ru"] as? String == "30 сентября года начала учебного года")
        let vpr = try deadline("vpr")
        #expect(vpr["year"] as? String == "last" && (vpr["example"] as? [String: Any])?["date"] as? String == "2020-11-30")
        let monthly = try deadline("upbringing-monthly")
        #expect(monthly["kind"] as? String == "after-period" && monthly["months"] as? Int == 1 && monthly["day"] as? String == "last")
        #expect((monthly["example"] as? [String: Any])?["period"] as? String == "01.2020")
        #expect((monthly["example"] as? [String: Any])?["date"] as? String == "2020-02-29")
    }

    /// A malformed deadline is a schema mistake at its place.
    @Test func schemasCheckReportsAMalformedDeadline() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("forms"), withIntermediateDirectories: true)
        try "id: x\nversion: 1\ntitle: X\nmechanism: 1\nperiod: quarter\nperiodicity: Ежеквартально\ndeadline: {after-period: {months: 1, day: 30}}\nsheets:\n  - id: s\n    name: S\n    fields:\n      - {code: a, label: A, type: integer}\n"
            .write(to: dir.appendingPathComponent("forms/x.yaml"), atomically: true, encoding: .utf8)
        let r = try svod("schemas", "check", dir.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("x.yaml:7:43: «day»: число от 1 до 28 (есть в каждом месяце) или last, а не «30»"), "\(r.stderr)")
    }
}
