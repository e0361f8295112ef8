import Foundation
import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
import Testing

@Suite struct TextInputTests {
    func csv(_ bytes: [UInt8], delimiter: Character? = nil, decimalComma: Bool = false) throws -> Sheet {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("Форма 1.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try Sheet(reading: CSVReader(path: path, delimiter: delimiter, decimalComma: decimalComma), index: 0)
    }

    @Test func typesValuesTheWayAPersonReadsThem() throws {
        let text = "Код,Доля,Дата,Когда,Флаг,Пусто\r\n007,81.7,15.04.2024,2024-04-15T10:30:00,TRUE,\r\n0,-1e3,2024-02-30,15.04.2024 10:30,ЛОЖЬ,\"\"\r\n"
        let s = try csv(Array(text.utf8))
        #expect(s.info.name == "Форма 1")
        #expect(s["A2"] == .text("007"), "codes keep their leading zeros")
        #expect(s["B2"] == .number(81.7))
        #expect(s["C2"] == .date(CivilDateTime(year: 2024, month: 4, day: 15, hasTime: false)!))
        #expect(s["D2"] == .date(CivilDateTime(year: 2024, month: 4, day: 15, hour: 10, minute: 30)!))
        #expect(s["E2"] == .bool(true))
        #expect(s["A3"] == .number(0))
        #expect(s["B3"] == .number(-1000))
        #expect(s["C3"] == .text("2024-02-30"), "a day that does not exist stays text")
        #expect(s["D3"] == .date(CivilDateTime(year: 2024, month: 4, day: 15, hour: 10, minute: 30)!))
        #expect(s["E3"] == .bool(false))
        #expect(s["F3"] == .empty)
    }

    @Test func russianExcelCSVInWindows1251WithSemicolonsAndDecimalCommas() throws {
        let text = "Школа;Успеваемость, %\r\n\"МБОУ \"\"ЦО\"\" № 9\";98,6\r\n\"две\nстроки\";1 234\r\n"
        let cp1251 = try #require(text.data(using: .windowsCP1251))
        let s = try csv(Array(cp1251), decimalComma: true)
        #expect(s["A1"] == .text("Школа"))
        #expect(s["B1"] == .text("Успеваемость, %"), "the delimiter is guessed as ';'")
        #expect(s["A2"] == .text("МБОУ \"ЦО\" № 9"))
        #expect(s["B2"] == .number(98.6))
        #expect(s["A3"] == .text("две\nстроки"))
        #expect(s["B3"] == .text("1 234"))
    }

    @Test func aByteOrderMarkIsNotPartOfTheFirstField() throws {
        let s = try csv([0xEF, 0xBB, 0xBF] + Array("a\tb\n1\t2".utf8))
        #expect(s["A1"] == .text("a") && s["B2"] == .number(2))
    }

    @Test func jsonInTheInspectShapeReadsBack() throws {
        let json = ##"{"file":"x","sheets":[{"name":"ВПР","visible":"hidden","kind":"worksheet","cells":[["B2","number",5.0],["A1","string","Класс"],["C3","date","2024-04-15"],["D3","datetime","2024-04-15T10:30:00"],["E3","time","10:30:00"],["F3","duration",90000.0],["G3","bool",true],["H3","error","#N/A"]]}],"disputed":[],"error":null}"##
        let reader = try JSONWorkbookReader(data: Data(json.utf8))
        #expect(reader.sheets == [SheetInfo(name: "ВПР", visibility: .hidden)])
        let s = try Sheet(reading: reader, index: 0)
        #expect(s["A1"] == .text("Класс") && s["B2"] == .number(5))
        #expect(s["C3"] == .date(CivilDateTime(year: 2024, month: 4, day: 15, hasTime: false)!))
        #expect(s["E3"] == .time(37_800) && s["F3"] == .duration(90_000) && s["G3"] == .bool(true) && s["H3"] == .error("#N/A"))
        #expect(throws: ReadError.self) { try JSONWorkbookReader(data: Data(#"{"sheets":[{"name":"S","cells":[["A1","colour","red"]]}]}"#.utf8)) }
        #expect(throws: ReadError.self) { try JSONWorkbookReader(data: Data("[1,2]".utf8)) }
    }
}
