import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
import SvodXML
import Testing

/// Inputs a code review showed could crash, hang or exhaust memory, each now refused or read.
@Suite struct XLSXHostileRegressionTests {
    func read(_ rows: String, after: String = "", shared: String? = nil, styles: String? = nil) throws -> WorkbookDump {
        try WorkbookDump.bothWays {
            try Spreadsheet.open(bytes: XLSXFixture.package(sheets: [("S", XLSXFixture.sheet(rows, after: after))],
                                                            sharedStrings: shared, styles: styles), options: $0)
        }
    }

    @Test func aNumberCellOfMegabytesOfSpacesIsQuick() throws {
        let start = ContinuousClock.now
        let d = try read("<row r=\"1\"><c r=\"A1\"><v>" + String(repeating: " ", count: 3 << 20) + "x</v></c></row>")
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(d.value("S", "A1") != .empty)
        #expect(XMLNumber.double(Array((String(repeating: " ", count: 1 << 20) + "1.5 ").utf8)) == 1.5)
        #expect(XMLNumber.int(Array("1 2".utf8)) == nil)
    }

    @Test func aMegabyteFormatCodeIsQuick() throws {
        let start = ContinuousClock.now
        let code = String(repeating: "a", count: 1 << 20)
        let xfs = Array(repeating: 164, count: 2000)
        _ = try read("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>1</v></c></row>",
                     styles: XLSXFixture.styles(formatIds: xfs, custom: [164: code]))
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func sharedFormulasCannotAmplifyIntoGigabytes() {
        let master = "<c r=\"A1\"><f t=\"shared\" ref=\"A1:A20000\" si=\"0\">" + String(repeating: "B1+", count: 300_000) + "1</f></c>"
        let rows = "<row r=\"1\">\(master)</row>" + (2...3000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><f t=\"shared\" si=\"0\"/></c></row>" }.joined()
        // Read once, inline: the budget lives in the sheet parser, whichever thread runs it,
        // and this read takes half a minute in a debug build.
        let bytes = XLSXFixture.package(sheets: [("S", XLSXFixture.sheet(rows))])
        #expect { _ = try WorkbookDump(Spreadsheet.open(bytes: bytes)) } throws: { ($0 as? ReadError)?.reason == .limit }
    }

    @Test func aHugeSharedStringIsRefused() {
        let big = "<sst xmlns=\"\(XLSXFixture.main)\"><si><t>" + String(repeating: "я", count: 3 << 20) + "</t></si></sst>"
        #expect {
            _ = try read("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", shared: big)
        } throws: { ($0 as? ReadError)?.reason == .limit }
    }

    @Test func mergesAreCounted() throws {
        let merges = "<mergeCells>" + (1...50).map { "<mergeCell ref=\"A\($0):B\($0)\"/>" }.joined() + "</mergeCells>"
        let bytes = XLSXFixture.package(sheets: [("S", XLSXFixture.sheet("", after: merges))])
        let reader = try Spreadsheet.open(bytes: bytes, options: ReadOptions(cells: CellLimits(maxCells: 10, maxMerges: 40)))
        #expect { _ = try WorkbookDump(reader) } throws: { ($0 as? ReadError)?.reason == .limit }
    }

    @Test func aDamagedSharedStringTableFailsTheSheetEvenPastTheStringsItUses() throws {
        var zip = ZipBuilder()
        let good = XLSXFixture.package(sheets: [("S", XLSXFixture.sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"))],
                                       sharedStrings: XLSXFixture.sharedStrings(["<si><t>a</t></si>", "<si><t>b</t></si>"]))
        _ = good
        // The same package with a checksum that does not match the shared strings' bytes.
        let rel = XLSXFixture.rel
        zip.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        zip.add("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        zip.add("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"a\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"s\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>")
        zip.add("xl/workbook.xml", "<workbook xmlns=\"\(XLSXFixture.main)\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"a\"/></sheets></workbook>")
        zip.add("xl/worksheets/sheet1.xml", XLSXFixture.sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"))
        zip.add(.init(name: "xl/sharedStrings.xml", data: Array(XLSXFixture.sharedStrings(["<si><t>a</t></si>", "<si><t>b</t></si>"]).utf8), crc: 1))
        #expect { _ = try WorkbookDump.bothWays { try Spreadsheet.open(bytes: zip.build(), options: $0) } } throws: { ($0 as? ReadError)?.kind == .unreadable }
    }

    @Test func cellsOutOfOrderArePutInOrder() throws {
        let d = try read("<row r=\"1\"><c r=\"C1\"><v>3</v></c><c r=\"A1\"><v>1</v></c><c r=\"A1\"><v>2</v></c></row>")
        #expect(d.value("S", "A1") == .number(2))
        #expect(d.value("S", "C1") == .number(3))
        let reader = try Spreadsheet.open(bytes: XLSXFixture.package(sheets: [("S", XLSXFixture.sheet(
            "<row r=\"1\"><c r=\"C1\"><v>3</v></c><c r=\"A1\"><v>1</v></c></row>"))]))
        let row = try #require(try reader.rows(ofSheet: 0).nextRow())
        #expect(row.cells.map(\.column) == [0, 2])
    }

    @Test func rowsWithoutReferencesCannotLeaveTheGrid() {
        let rows = String(repeating: "<row/>", count: 1_048_576) + "<row><c><v>1</v></c></row>"
        #expect { _ = try read(rows) } throws: { ($0 as? ReadError)?.reason == .limit }
    }

    @Test func aMalformedReferenceIsMalformedNotALimit() {
        #expect { _ = try read("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>") } throws: { ($0 as? ReadError)?.reason == .malformed }
    }

    @Test func midnightIsNotTwentyFourOClock() {
        #expect(ISO8601.timeOfDay("24:00:00") == nil)
        #expect(ISO8601.dateTime("2021-01-01T24:00:00") == nil)
    }
}
