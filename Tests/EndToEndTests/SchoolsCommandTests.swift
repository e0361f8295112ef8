import Foundation
import SvodSpreadsheet
import SvodTestSupport
import Testing

/// Schools by code, short or full name; the registry listed; near misses suggested.
@Suite struct SchoolsCommandTests {
    func svod(_ args: String...) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    @Test func templateTakesACodeAShortOrAFullName() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = ["co9", "CO9", "МБОУ ЦО № 9", "мбоу «цо №9»", "ЦО 9",
                     "Муниципальное бюджетное общеобразовательное учреждение «Центр образования № 9»",
                     "муниципальное бюджетное общеобразовательное учреждение \"центр образования №9\""]
        for (i, name) in names.enumerated() {
            let out = dir.appendingPathComponent("t\(i).xlsx").path
            let r = try svod("template", "--form", "vpr", "--school", name, "--period", "2024/2025", "-o", out)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(try Spreadsheet.open(path: out).customProperties["svod.school"] == "co9", "\(name)")
        }
    }

    @Test func anUnknownSchoolGetsTheNearestOnes() throws {
        let out = "/tmp/svod-never-\(UUID().uuidString).xlsx"
        let r = try svod("template", "--form", "vpr", "--school", "Школа № 10", "-o", out)
        #expect(r.status == 2 && r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.hasSuffix("нет организации «Школа № 10» в реестре (код, краткое или полное название; список — svod schools); "
                                   + "может быть, «МБОУ ЦО № 10» (co10)?\n"), "\(r.stderr)")
        let en = try svod("template", "--form", "vpr", "--school", "Школа № 10", "-o", out, "--lang", "en")
        #expect(en.stderr.hasSuffix("did you mean 'МБОУ ЦО № 10' (co10)?\n"), "\(en.stderr)")
        let garden = try svod("template", "--form", "vpr", "--school", "детский сад 5", "-o", out)
        #expect(garden.stderr.contains("может быть, МБДОУ «Детский сад № 5» (ds5)?"), "no doubled quotes: \(garden.stderr)")
        let none = try svod("template", "--form", "vpr", "--school", "Абракадабра", "-o", out)
        #expect(none.status == 2 && !none.stderr.contains("может быть"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func schoolsListsTheRegistry() throws {
        let r = try svod("schools")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdoutText.split(separator: "\n")
        #expect(lines.count > 50)
        #expect(lines.contains("co9\tМБОУ ЦО № 9\tМуниципальное бюджетное общеобразовательное учреждение «Центр образования № 9»\tgeneral-school"))
        let gardens = try svod("schools", "--kind", "kindergarten", "--format", "json")
        let items = try #require(try JSONSerialization.jsonObject(with: gardens.stdout) as? [[String: Any]])
        #expect(!items.isEmpty && items.allSatisfy { $0["kind"] as? String == "kindergarten" })
        #expect(Set(items[0].keys) == ["code", "short", "name", "kind"])
        let unknown = try svod("schools", "--kind", "university")
        #expect(unknown.status == 2 && unknown.stderr.hasPrefix("svod: ошибка: --kind: нет организаций вида «university»; виды: "), "\(unknown.stderr)")
        #expect(try svod("schools", "--help").stdoutText.contains("Использование: svod schools"))
    }

    /// `schemas show` quotes a label once: «5», not ««5»».
    @Test func schemasShowQuotesLabelsOnce() throws {
        let r = try svod("schemas", "show", "vpr")
        #expect(r.status == 0)
        #expect(r.stdoutText.contains("n5  «5»  integer") && !r.stdoutText.contains("««"), "\(r.stdoutText)")
        #expect(r.stdoutText.contains("«Участников»"))
    }
}
