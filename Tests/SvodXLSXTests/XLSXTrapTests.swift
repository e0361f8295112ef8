import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
import Testing

/// One test per way real XLSX files differ from the textbook.
@Suite struct XLSXTrapTests {
    func read(_ bytes: [UInt8]) throws -> WorkbookDump { try WorkbookDump.bothWays { try Spreadsheet.open(bytes: bytes, options: $0) } }

    func oneSheet(_ rows: String, after: String = "", shared: [String]? = nil, styles: String? = nil,
                  date1904: Bool = false) throws -> WorkbookDump {
        try read(XLSXFixture.package(sheets: [("Лист1", XLSXFixture.sheet(rows, after: after))],
                                     sharedStrings: shared.map(XLSXFixture.sharedStrings), styles: styles,
                                     date1904: date1904))
    }

    @Test func cellTypes() throws {
        let d = try oneSheet("""
            <row r="1"><c r="A1"><v>1.5</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="str"><v>итого</v></c>\
            <c r="D1" t="inlineStr"><is><t>встроенная</t></is></c><c r="E1" t="b"><v>1</v></c><c r="F1" t="b"><v>0</v></c>\
            <c r="G1" t="e"><v>#DIV/0!</v></c><c r="H1" t="d"><v>2021-01-01T10:10:10</v></c><c r="I1" t="n"><v>-2E3</v></c></row>
            """, shared: ["<si><t>общая строка</t></si>"])
        #expect(d.value("Лист1", "A1") == .number(1.5))
        #expect(d.value("Лист1", "B1") == .text("общая строка"))
        #expect(d.value("Лист1", "C1") == .text("итого"))
        #expect(d.value("Лист1", "D1") == .text("встроенная"))
        #expect(d.value("Лист1", "E1") == .bool(true))
        #expect(d.value("Лист1", "F1") == .bool(false))
        #expect(d.value("Лист1", "G1") == .error("#DIV/0!"))
        #expect(d.value("Лист1", "H1") == .date(ISO8601.dateTime("2021-01-01T10:10:10")!))
        #expect(d.value("Лист1", "I1") == .number(-2000))
    }

    @Test func rowsAndCellsWithoutReferences() throws {
        let d = try oneSheet("<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row><row r=\"5\"><c r=\"C5\"><v>4</v></c><c><v>5</v></c></row>")
        #expect(d.value("Лист1", "A1") == .number(1))
        #expect(d.value("Лист1", "B1") == .number(2))
        #expect(d.value("Лист1", "A2") == .number(3))
        #expect(d.value("Лист1", "C5") == .number(4))
        #expect(d.value("Лист1", "D5") == .number(5))
    }

    @Test func richTextRunsConcatenateAndPhoneticRunsAreSkipped() throws {
        let d = try oneSheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>", shared: [
            "<si><r><rPr><b/></rPr><t>Успевае</t></r><r><t>мость</t></r></si>",
            "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/></si>",
        ])
        #expect(d.value("Лист1", "A1") == .text("Успеваемость"))
        #expect(d.value("Лист1", "B1") == .text("東京"))
    }

    @Test func escapedCharactersAreDecoded() throws {
        let d = try oneSheet("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>a_x0009_b</t></is></c>\
            <c r="D1" t="s"><v>2</v></c></row>
            """, shared: ["<si><t>line1_x000D__x000A_line2</t></si>", "<si><t>_x005F_x000D_</t></si>", "<si><t>_xD83D__xDE00_</t></si>"])
        #expect(d.value("Лист1", "A1") == .text("line1\r\nline2"))
        #expect(d.value("Лист1", "B1") == .text("_x000D_"))
        #expect(d.value("Лист1", "C1") == .text("a\tb"))
        #expect(d.value("Лист1", "D1") == .text("😀"))
    }

    @Test func whitespaceIsKeptOnlyWhenPreserved() throws {
        let d = try oneSheet("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>  обрезать  </t></is></c>\
            <c r="B1" t="inlineStr"><is><t xml:space="preserve">  сохранить  </t></is></c>\
            <c r="C1" t="s"><v>0</v></c></row>
            """, shared: ["<si><r><t xml:space=\"preserve\">Всего </t></r><r><t>учащихся</t></r></si>"])
        #expect(d.value("Лист1", "A1") == .text("обрезать"))
        #expect(d.value("Лист1", "B1") == .text("  сохранить  "))
        #expect(d.value("Лист1", "C1") == .text("Всего учащихся"))
    }

    @Test func formulasKeepTextAndCachedValue() throws {
        let d = try oneSheet("""
            <row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*2</f><v>4</v></c><c r="C1"><f>A1/0</f></c>\
            <c r="D1" t="str"><f>"x"&amp;A1</f><v>x2</v></c></row>
            <row r="2"><c r="A2"><f t="shared" ref="A2:C2" si="0">A1+$A$1</f><v>4</v></c><c r="B2"><f t="shared" si="0"/><v>6</v></c>\
            <c r="C2"><f t="shared" si="0"/><v>2</v></c></row>
            """)
        #expect(d.value("Лист1", "B1") == .number(4))
        #expect(d.formula("Лист1", "B1") == "A1*2")
        // No cached value: no value, not zero; the formula is still there.
        #expect(d.value("Лист1", "C1") == .empty)
        #expect(d.formula("Лист1", "C1") == "A1/0")
        #expect(d.value("Лист1", "D1") == .text("x2"))
        #expect(d.formula("Лист1", "A2") == "A1+$A$1")
        #expect(d.formula("Лист1", "B2") == "B1+$A$1")
        #expect(d.formula("Лист1", "C2") == "C1+$A$1")
        #expect(d.value("Лист1", "B2") == .number(6))
    }

    @Test func datesFromBuiltinAndCustomFormats() throws {
        let styles = XLSXFixture.styles(formatIds: [0, 14, 164, 165, 166, 167], custom: [
            164: "dd.mm.yyyy hh:mm", 165: "[h]:mm:ss", 166: "hh:mm", 167: "0.0%"])
        let d = try oneSheet("""
            <row r="1"><c r="A1" s="1"><v>44197</v></c><c r="B1" s="2"><v>44197.5</v></c><c r="C1" s="3"><v>1.5</v></c>\
            <c r="D1" s="4"><v>0.75</v></c><c r="E1" s="5"><v>0.817</v></c><c r="F1" s="1"><v>-5</v></c></row>
            """, styles: styles)
        #expect(d.value("Лист1", "A1") == .date(CivilDateTime(year: 2021, month: 1, day: 1, hasTime: false)!))
        #expect(d.value("Лист1", "B1") == .date(CivilDateTime(year: 2021, month: 1, day: 1, hour: 12)!))
        #expect(d.value("Лист1", "C1") == .duration(129_600))
        #expect(d.value("Лист1", "D1") == .time(64_800))
        #expect(d.value("Лист1", "E1") == .number(0.817))
        // A negative serial is no date: the number stays.
        #expect(d.value("Лист1", "F1") == .number(-5))
    }

    @Test func the1904DateSystem() throws {
        let d = try oneSheet("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c></row>",
                             styles: XLSXFixture.styles(formatIds: [0, 14]), date1904: true)
        #expect(d.value("Лист1", "A1") == .date(CivilDateTime(year: 1904, month: 1, day: 1, hasTime: false)!))
    }

    @Test func mergedRangesStayRanges() throws {
        let d = try oneSheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Заголовок</t></is></c></row>",
                             after: "<mergeCells count=\"2\"><mergeCell ref=\"A1:D1\"/><mergeCell ref=\"A2:A4\"/></mergeCells>")
        #expect(d.merges["Лист1"] == ["A1:D1", "A2:A4"])
    }

    @Test func sheetOrderNamesVisibilityAndDefinedNames() throws {
        let bytes = XLSXFixture.package(
            sheets: [("ВПР", XLSXFixture.sheet("")), ("Пояснения", XLSXFixture.sheet("")), ("Служебный", XLSXFixture.sheet(""))],
            workbookExtra: "<definedNames><definedName name=\"Итого\">'ВПР'!$A$1:$F$20</definedName>"
                + "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">'ВПР'!$A$1:$I$30</definedName></definedNames>",
            sheetAttributes: ["", "state=\"hidden\"", "state=\"veryHidden\""])
        let reader = try Spreadsheet.open(bytes: bytes)
        #expect(try reader.sheets.map(\.name) == ["ВПР", "Пояснения", "Служебный"])
        #expect(try reader.sheets.map(\.visibility) == [.visible, .hidden, .veryHidden])
        #expect(try reader.definedNames == [DefinedName(name: "Итого", refersTo: "'ВПР'!$A$1:$F$20"),
                                            DefinedName(name: "_xlnm.Print_Area", refersTo: "'ВПР'!$A$1:$I$30", localSheet: 0)])
    }

    @Test func partsFoundThroughAbsoluteRelativeAndBackslashTargets() throws {
        var zip = ZipBuilder()
        let rel = XLSXFixture.rel
        zip.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        zip.add("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" Type=\"\(rel)/officeDocument\" Target=\"/Book/Main.xml\"/></Relationships>")
        zip.add("book/_rels/main.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="a" Type="\(rel)/worksheet" Target="/Book/Sheets/One.xml"/>\
            <Relationship Id="b" Type="\(rel)/worksheet" Target="../data/two.xml"/>\
            <Relationship Id="c" Type="\(rel)/worksheet" Target="sheets\\three.xml"/>\
            <Relationship Id="s" Type="\(rel)/sharedStrings" Target="strings.xml"/></Relationships>
            """)
        zip.add("book/main.xml", "<workbook xmlns=\"\(XLSXFixture.main)\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"1\" sheetId=\"1\" r:id=\"a\"/><sheet name=\"2\" sheetId=\"2\" r:id=\"b\"/><sheet name=\"3\" sheetId=\"3\" r:id=\"c\"/></sheets></workbook>")
        zip.add("book/sheets/one.xml", XLSXFixture.sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"))
        zip.add("data/two.xml", XLSXFixture.sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"))
        zip.add("book\\sheets\\three.xml", XLSXFixture.sheet("<row r=\"1\"><c r=\"A1\"><v>3</v></c></row>"))
        zip.add("book/strings.xml", XLSXFixture.sharedStrings(["<si><t>два</t></si>"]))
        let d = try read(zip.build())
        #expect(d.value("1", "A1") == .number(1))
        #expect(d.value("2", "A1") == .text("два"))
        #expect(d.value("3", "A1") == .number(3))
    }

    @Test func strictNamespacesAndOtherPrefixes() throws {
        let strictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main"
        let strictRel = "http://purl.oclc.org/ooxml/officeDocument/relationships"
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        zip.add("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" Type=\"\(strictRel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        zip.add("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"a\" Type=\"\(strictRel)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>")
        zip.add("xl/workbook.xml", "<x:workbook xmlns:x=\"\(strictMain)\" xmlns:rr=\"\(strictRel)\"><x:sheets><x:sheet name=\"S\" sheetId=\"1\" rr:id=\"a\"/></x:sheets></x:workbook>")
        zip.add("xl/worksheets/sheet1.xml", "<x:worksheet xmlns:x=\"\(strictMain)\"><x:sheetData><x:row r=\"1\"><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>строгий</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>")
        let d = try read(zip.build())
        #expect(d.value("S", "B1") == .text("строгий"))
    }

    @Test func alternateContentReadsTheFallback() throws {
        let mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
        let d = try oneSheet("""
            <row r="1"><mc:AlternateContent xmlns:mc="\(mc)"><mc:Choice Requires="x14"><c r="A1"><v>1</v></c></mc:Choice>\
            <mc:Fallback><c r="A1"><v>2</v></c></mc:Fallback></mc:AlternateContent></row>
            """)
        #expect(d.value("Лист1", "A1") == .number(2))
    }

    @Test func chartSheetsAreListedNotRead() throws {
        let rel = XLSXFixture.rel
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        zip.add("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        zip.add("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"a\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"b\" Type=\"\(rel)/chartsheet\" Target=\"chartsheets/sheet1.xml\"/></Relationships>")
        zip.add("xl/workbook.xml", "<workbook xmlns=\"\(XLSXFixture.main)\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"Данные\" sheetId=\"1\" r:id=\"a\"/><sheet name=\"Диаграмма\" sheetId=\"2\" r:id=\"b\"/></sheets></workbook>")
        zip.add("xl/worksheets/sheet1.xml", XLSXFixture.sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"))
        zip.add("xl/chartsheets/sheet1.xml", "<chartsheet xmlns=\"\(XLSXFixture.main)\"/>")
        let d = try read(zip.build())
        #expect(d.sheets.map(\.kind) == [.worksheet, .chart])
        #expect(d.cells["Диаграмма"]?.isEmpty == true)
    }

    @Test func cellsBeyondTheGridAreRefused() {
        for rows in ["<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", "<row r=\"1048577\"><c><v>1</v></c></row>",
                     "<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>"] {
            #expect {
                _ = try oneSheet(rows)
            } throws: { ($0 as? ReadError)?.reason == .limit }
        }
    }

    @Test func aDoctypeInAPartIsRefused() {
        let bytes = XLSXFixture.package(sheets: [("S", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet xmlns=\"\(XLSXFixture.main)\"><sheetData/></worksheet>")])
        #expect {
            _ = try read(bytes)
        } throws: { ($0 as? ReadError)?.reason == .malformed }
    }

    @Test func aMissingWorkbookPartIsNamed() {
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        #expect {
            _ = try read(zip.build())
        } throws: { error in
            guard let e = error as? ReadError else { return false }
            return e.reason == .missingPart && e.message.ru.contains("xl/workbook.xml")
        }
    }

    @Test func aWordDocumentIsNotASpreadsheet() {
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        zip.add("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" Type=\"\(XLSXFixture.rel)/officeDocument\" Target=\"word/document.xml\"/></Relationships>")
        zip.add("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>")
        #expect { _ = try read(zip.build()) } throws: { ($0 as? ReadError)?.reason == .notSpreadsheet }
    }

    @Test func cellCountIsCapped() throws {
        let rows = (1...50).map { "<row r=\"\($0)\"><c><v>1</v></c><c><v>2</v></c></row>" }.joined()
        let bytes = XLSXFixture.package(sheets: [("S", XLSXFixture.sheet(rows))])
        let reader = try Spreadsheet.open(bytes: bytes, options: ReadOptions(cells: CellLimits(maxCells: 99)))
        #expect { _ = try WorkbookDump(reader) } throws: { ($0 as? ReadError)?.reason == .limit }
    }

    @Test func streamingYieldsRowsBeforeTheSheetEnds() throws {
        // A sheet whose tail is broken still yields its first rows: rows come as they are parsed.
        let rows = (1...20_000).map { "<row r=\"\($0)\"><c><v>\($0)</v></c></row>" }.joined()
        let bytes = XLSXFixture.package(sheets: [("S", XLSXFixture.sheet(rows) + "<broken")])
        let reader = try Spreadsheet.open(bytes: bytes)
        let stream = try reader.rows(ofSheet: 0)
        let first = try stream.nextRow()
        #expect(first?.index == 0)
        #expect(first?.cells.first?.value == .number(1))
        #expect { while try stream.nextRow() != nil {} } throws: { ($0 as? ReadError)?.reason == .malformed }
    }
}

/// Big sheets are parsed on a thread of their own; what they read must not change.
@Suite struct ParseAheadTests {
    static let rows = (1...30_000).map { r in
        "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"s\"><v>\(r % 3)</v></c><c r=\"B\(r)\"><v>\(r).5</v></c>"
            + "<c r=\"C\(r)\" t=\"inlineStr\"><is><r><t xml:space=\"preserve\">строка </t></r><r><t>\(r) &amp; _x0041_</t></r></is></c>"
            + "<c r=\"D\(r)\" t=\"b\"><v>\(r % 2)</v></c>"
            + "<c r=\"E\(r)\"><f t=\"shared\" si=\"0\"\(r == 1 ? " ref=\"E1:E30000\"" : "")>\(r == 1 ? "B1*2" : "")</f><v>\(r * 2 + 1)</v></c></row>"
    }.joined()
    static let bytes = XLSXFixture.package(
        sheets: [("S", XLSXFixture.sheet(rows, after: "<mergeCells><mergeCell ref=\"F1:G2\"/></mergeCells>"))],
        sharedStrings: XLSXFixture.sharedStrings(["<si><t>а</t></si>", "<si><t>б</t></si>", "<si><t>в</t></si>"]))

    @Test func aBigSheetReadsTheSameParsedAhead() throws {
        #expect(Self.bytes.count > 100_000)
        let d = try WorkbookDump.bothWays { try Spreadsheet.open(bytes: Self.bytes, options: $0) }
        #expect(d.cells["S"]?.count == 150_000)
        #expect(d.value("S", "A30000") == .text("а"))
        #expect(d.value("S", "C29999") == .text("строка 29999 & A"))
        #expect(d.formula("S", "E30000") == "B30000*2")
        #expect(d.merges["S"] == ["F1:G2"])
        // Over 2 MiB of sheet XML: parsed ahead by default, inline when told.
        #expect(try Spreadsheet.open(bytes: Self.bytes).rows(ofSheet: 0).parsesAhead)
        #expect(try !Spreadsheet.open(bytes: Self.bytes, options: ReadOptions(parseAhead: .max)).rows(ofSheet: 0).parsesAhead)
    }

    @Test func aReaderDroppedMidSheetStopsItsParser() throws {
        let reader = try Spreadsheet.open(bytes: Self.bytes, options: ReadOptions(parseAhead: 0))
        for _ in 0..<3 {
            let rows = try reader.rows(ofSheet: 0)
            #expect(try rows.nextRow()?.cells.count == 5)
        }
        // Each stream above stopped its parser thread on release; the sheet still reads whole.
        let rows = try reader.rows(ofSheet: 0)
        var count = 0
        while try rows.nextRow() != nil { count += 1 }
        #expect(count == 30_000)
    }

    @Test func aBrokenTailFailsAfterTheRowsBeforeIt() throws {
        let bytes = XLSXFixture.package(sheets: [("S", XLSXFixture.sheet(Self.rows) + "<broken")])
        let rows = try Spreadsheet.open(bytes: bytes, options: ReadOptions(parseAhead: 0)).rows(ofSheet: 0)
        #expect(try rows.nextRow()?.index == 0)
        #expect { while try rows.nextRow() != nil {} } throws: { ($0 as? ReadError)?.reason == .malformed }
    }
}

@Suite struct XLSXTextLimitTests {
    /// Many rich-text runs in one inline string cannot add up past the cell-text limit.
    @Test func runsCannotExhaustMemory() {
        let runs = String(repeating: "<r><t>" + String(repeating: "я", count: 1000) + "</t></r>", count: 600)
        let bytes = XLSXFixture.package(sheets: [("S", XLSXFixture.sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>\(runs)</is></c></row>"))])
        #expect {
            _ = try WorkbookDump.bothWays({ try Spreadsheet.open(bytes: bytes, options: $0) }, options: ReadOptions(cells: CellLimits(maxCells: 10, maxTextBytes: 1 << 20)))
        } throws: { ($0 as? ReadError)?.reason == .limit }
    }
}

/// The shared-string table loads on its own thread while the sheet is read.
@Suite struct SharedStringLoadingTests {
    static let items = (0..<5000).map { "<si><t>строка \($0)</t></si>" }

    @Test func lookupsAheadOfTheLoaderWaitForIt() throws {
        let rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>4999</v></c><c r=\"B1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>5000</v></c></row>"
        let bytes = XLSXFixture.package(sheets: [("S", XLSXFixture.sheet(rows))], sharedStrings: XLSXFixture.sharedStrings(Self.items))
        let d = try WorkbookDump.bothWays { try Spreadsheet.open(bytes: bytes, options: $0) }
        #expect(d.value("S", "A1") == .text("строка 4999"))
        #expect(d.value("S", "B1") == .text("строка 0"))
        // An index past the table is no value, not a crash.
        #expect(d.value("S", "C1") == .empty)
    }

    @Test func rowsOutliveTheReaderThatOpenedThem() throws {
        let rows = (1...200).map { "<row r=\"\($0)\"><c t=\"s\"><v>\(5000 - $0)</v></c></row>" }.joined()
        let bytes = XLSXFixture.package(sheets: [("S", XLSXFixture.sheet(rows))], sharedStrings: XLSXFixture.sharedStrings(Self.items))
        let stream = try Spreadsheet.open(bytes: bytes).rows(ofSheet: 0)
        var count = 0
        while let row = try stream.nextRow() {
            #expect(row.cells[0].value == .text("строка \(5000 - row.index - 1)"))
            count += 1
        }
        #expect(count == 200)
    }

    @Test func aBrokenTableFailsTheSheetThatNeedsIt() {
        let bytes = XLSXFixture.package(sheets: [("S", XLSXFixture.sheet("<row r=\"1\"><c t=\"s\"><v>3</v></c></row>"))],
                                        sharedStrings: "<sst xmlns=\"\(XLSXFixture.main)\"><si><t>a</t></si><si><t>b</t>")
        #expect { _ = try WorkbookDump.bothWays { try Spreadsheet.open(bytes: bytes, options: $0) } } throws: { ($0 as? ReadError)?.reason == .malformed }
    }
}

@Suite struct XLSBTests {
    @Test func binaryWorkbooksAreRefusedByName() {
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        zip.add("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" Type=\"\(XLSXFixture.rel)/officeDocument\" Target=\"xl/workbook.bin\"/></Relationships>")
        zip.add(.init(name: "xl/workbook.bin", data: [0x83, 0x01, 0x00, 0x80]))
        #expect {
            _ = try Spreadsheet.open(bytes: zip.build())
        } throws: { error in
            guard let e = error as? ReadError else { return false }
            return e.reason == .notSpreadsheet && e.message.ru.contains(".xlsb")
        }
    }
}
