import Foundation
import SvodTestSupport
import Testing

/// `svod inspect` as a person and a script use it, on the bundled samples.
@Suite struct InspectCommandTests {
    let samples = TestPaths.packageRoot.appendingPathComponent("Samples")

    func svod(_ args: String...) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    @Test(arguments: ["vpr-2019-2020-mbou-co-9.ods", "vpr-2019-2020-mbou-co-9-libreoffice.xlsx"])
    func textListingInRussianAndEnglish(_ name: String) throws {
        let path = samples.appendingPathComponent(name).path
        let ru = try svod("inspect", path)
        #expect(ru.status == 0, "\(ru.stderr)")
        #expect(ru.stdoutText.contains("Лист 1 «Титул»"))
        #expect(ru.stdoutText.contains("Лист 2 «ВПР»"))
        #expect(ru.stdoutText.contains("C2  текст  \"МБОУ ЦО № 9\""))
        #expect(ru.stdoutText.contains("C3  дата  2020-11-16"))
        #expect(ru.stdoutText.contains("H6  число  98.6"))
        #expect(ru.stdoutText.contains("Лист 3 «Пояснения», скрытый"))
        let en = try svod("inspect", "--lang", "en", path)
        #expect(en.stdoutText.contains("Sheet 3 «Пояснения», hidden"))
        #expect(en.stdoutText.contains("C3  date  2020-11-16"))
    }

    @Test func formulasAreShownWithTheirValues() throws {
        let r = try svod("inspect", samples.appendingPathComponent("vpr-2019-2020-mbou-co-9-libreoffice.xlsx").path)
        #expect(r.stdoutText.contains("C6  число  71  = SUM(D6:G6)"))
    }

    @Test func csvOfOneSheet() throws {
        let r = try svod("inspect", "--format", "csv", "--sheet", "ВПР", samples.appendingPathComponent("vpr-2019-2020-mbou-co-9.ods").path)
        #expect(r.status == 0)
        let lines = r.stdoutText.components(separatedBy: "\r\n")
        #expect(lines[0] == "\"Результаты Всероссийских проверочных работ, 2019-2020 учебный год\"")
        #expect(lines[4] == "Класс,Предмет,Участников,«5»,«4»,«3»,«2»,\"Успеваемость, %\",\"Качество, %\"")
        #expect(lines[5] == "4,Математика,71,31,27,12,1,98.6,81.7")
    }

    @Test func jsonHasTheCorpusShape() throws {
        let r = try svod("inspect", "--format", "json", samples.appendingPathComponent("vpr-2019-2020-mbou-co-9.xlsx").path)
        let json = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect(Set(json.keys) == ["file", "sheets", "disputed", "error"])
        let sheets = try #require(json["sheets"] as? [[String: Any]])
        #expect(sheets.map { $0["name"] as? String } == ["Титул", "ВПР", "Пояснения"])
        #expect(sheets.map { $0["visible"] as? String } == ["visible", "visible", "hidden"])
        let cells = try #require(sheets[1]["cells"] as? [[Any]])
        #expect(cells.contains { ($0[0] as? String) == "C3" && ($0[1] as? String) == "date" && ($0[2] as? String) == "2020-11-16" })
    }

    @Test func wrongCallsAndMissingThingsExitWith2() throws {
        let sample = samples.appendingPathComponent("vpr-2019-2020-mbou-co-9.ods").path
        let noSheet = try svod("inspect", "--sheet", "Нет такого", sample)
        #expect(noSheet.status == 2)
        #expect(noSheet.stderr.contains("нет листа «Нет такого»"))
        let noFile = try svod("inspect", "/nonexistent/файл.xlsx")
        #expect(noFile.status == 2)
        #expect(noFile.stderr.contains("/nonexistent/файл.xlsx"))
        #expect(try svod("inspect", "--format", "yaml", sample).status == 2)
        #expect(try svod("inspect").status == 2)
    }
}
