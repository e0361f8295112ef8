import Foundation
import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
import SvodZip
import Testing

/// Defects a review of the writers found, each kept as the test that reproduced it.
@Suite struct ReviewFindingsTests {
    func withDir(_ body: (URL) throws -> Void) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir)
    }

    func svod(_ args: String...) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    @Test func aCSVFieldOfSpacesDoesNotCrash() throws {
        try withDir { dir in
            let csv = dir.appendingPathComponent("sp.csv")
            try Data("a;b;c\n1; ;3\n".utf8).write(to: csv)
            let r = try svod("convert", csv.path, dir.appendingPathComponent("sp.json").path)
            #expect(r.status == 0, "\(r.stderr)")
        }
    }

    @Test func aSmallUTF8CSVEndingInCyrillicStaysUTF8() throws {
        try withDir { dir in
            let csv = dir.appendingPathComponent("u.csv")
            try Data("x;Привет\n".utf8).write(to: csv)
            let s = try Sheet(reading: CSVReader(path: csv.path), index: 0)
            #expect(s["B1"] == .text("Привет"))
            // A probe cut inside a two-byte letter: an odd-length ASCII prefix before 40,000 letters.
            let big = dir.appendingPathComponent("big.csv")
            try Data(("na;" + String(repeating: "б", count: 40_000) + "\n").utf8).write(to: big)
            let b = try Sheet(reading: CSVReader(path: big.path), index: 0)
            #expect(b["B1"] == .text(String(repeating: "б", count: 40_000)))
        }
    }

    @Test func anOverflowingCSVNumberStaysText() throws {
        try withDir { dir in
            let csv = dir.appendingPathComponent("inf.csv")
            try Data("x;1e400\n".utf8).write(to: csv)
            #expect(try Sheet(reading: CSVReader(path: csv.path), index: 0)["B1"] == .text("1e400"))
            #expect(try svod("convert", csv.path, dir.appendingPathComponent("inf.xlsx").path).status == 0)
        }
    }

    @Test func aFailedODSConversionLeavesNoTemporaryFile() throws {
        try withDir { dir in
            let csv = dir.appendingPathComponent("in.csv")
            try Data("a;b\n1;2\n".utf8).write(to: csv)
            // A target folder that vanishes is not needed: a broken input fails after the writer exists.
            let broken = dir.appendingPathComponent("broken.ods")
            try Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 100)).write(to: broken)
            #expect(try svod("convert", broken.path, dir.appendingPathComponent("out.ods").path).status == 2)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["broken.ods", "in.csv"])
        }
    }

    @Test(arguments: [SpreadsheetFormat.xlsx, .ods])
    func aRefusedRowLeavesNoHalfRowBehind(_ format: SpreadsheetFormat) throws {
        try withDir { dir in
            let path = dir.appendingPathComponent("out.\(format.rawValue)").path
            let w = try SpreadsheetOutput.create(path: path, format: format)
            try w.beginSheet(SheetSetup(name: "S"))
            #expect(throws: WriteError.self) {
                try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("ok")), OutputCell(column: 1, value: .number(.nan))]))
            }
            try w.write(OutputRow(index: 1, cells: [OutputCell(column: 0, value: .number(5))]))
            try w.endSheet()
            try w.finish()
            let s = try Sheet(reading: Spreadsheet.open(path: path), index: 0)
            #expect(s["A1"] == .empty && s["A2"] == .number(5))
        }
    }

    @Test func anImpossibleValidationIsRefusedBeforeTheSheetBegins() throws {
        try withDir { dir in
            let w = try SpreadsheetOutput.create(path: dir.appendingPathComponent("v.xlsx").path, format: .xlsx)
            let long = DataValidation(ranges: [CellRange("A1")!], rule: .list((1...60).map { "Вариант \($0)" }))
            #expect(throws: WriteError.self) { try w.beginSheet(SheetSetup(name: "S", validations: [long])) }
            try w.beginSheet(SheetSetup(name: "S"))
            try w.endSheet()
            try w.finish()
        }
    }

    @Test func legalizedNamesAreAlwaysLegal() {
        for name in [String(repeating: "a", count: 30) + "'bcd", String(repeating: " ", count: 40), "'''", "History", "a/b'"] {
            let legal = SheetName.legalized(name, taken: [])
            #expect(SheetName.problem(legal) == nil, "\(name) → \(legal)")
        }
    }

    @Test func aHiddenSheetAskedForByNameIsShown() throws {
        try withDir { dir in
            let src = dir.appendingPathComponent("h.xlsx").path
            let w = try SpreadsheetOutput.create(path: src, format: .xlsx)
            try w.beginSheet(SheetSetup(name: "Видимый"))
            try w.endSheet()
            try w.beginSheet(SheetSetup(name: "Скрытый", visibility: .hidden))
            try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .number(1))]))
            try w.endSheet()
            try w.finish()
            let out = dir.appendingPathComponent("h.ods").path
            let r = try svod("convert", "--sheet", "Скрытый", src, out)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try Spreadsheet.open(path: out).sheets.first?.visibility == .visible)
        }
    }

    @Test func formulasNamingARenamedSheetKeepTheirValueAndAreReported() throws {
        try withDir { dir in
            let content = ODSFixture.content("""
            <table:table table:name="Data:1"><table:table-row><table:table-cell office:value-type="float" office:value="2"/></table:table-row></table:table>\
            <table:table table:name="Итог"><table:table-row><table:table-cell table:formula="of:=[$'Data:1'.A1]*2" office:value-type="float" office:value="4"/></table:table-row></table:table>
            """)
            let ods = dir.appendingPathComponent("in.ods")
            try Data(ODSFixture.package(content: content)).write(to: ods)
            let out = dir.appendingPathComponent("out.xlsx").path
            let r = try svod("convert", ods.path, out)
            #expect(r.status == 0)
            #expect(r.stderr.contains("Итог!A1"), "\(r.stderr)")
            let s = try Sheet(reading: Spreadsheet.open(path: out), index: 1)
            #expect(s["A1"] == .number(4) && s.cells[CellReference(row: 0, column: 0)]?.formula == nil)
        }
    }

    @Test func settingsWithoutFrozenPanesHaveNoEmptyMap() throws {
        try withDir { dir in
            let path = dir.appendingPathComponent("p.ods").path
            let w = try SpreadsheetOutput.create(path: path, format: .ods)
            try w.beginSheet(SheetSetup(name: "S"))
            try w.endSheet()
            try w.finish()
            let zip = try ZipArchive(path: path)
            let settings = String(decoding: try zip.read(zip.entry(named: "settings.xml")!), as: UTF8.self)
            #expect(!settings.contains("config-item-map-named"))
        }
    }
}
