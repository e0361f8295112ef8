import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
import Testing

/// One test per way real ODS files differ from the textbook.
@Suite struct ODSTrapTests {
    func read(_ tables: String, styles: String = "") throws -> WorkbookDump {
        try WorkbookDump.bothWays { try Spreadsheet.open(bytes: ODSFixture.package(content: ODSFixture.content(tables, automaticStyles: styles)), options: $0) }
    }

    func table(_ name: String, _ rows: String, style: String? = nil) -> String {
        "<table:table table:name=\"\(name)\"\(style.map { " table:style-name=\"\($0)\"" } ?? "")>\(rows)</table:table>"
    }

    @Test func typedValuesFromAttributes() throws {
        let d = try read(table("Т", """
            <table:table-row>\
            <table:table-cell office:value-type="float" office:value="81.7"><text:p>81,7</text:p></table:table-cell>\
            <table:table-cell office:value-type="percentage" office:value="0.817"><text:p>81,7%</text:p></table:table-cell>\
            <table:table-cell office:value-type="currency" office:currency="RUB" office:value="1500"><text:p>1 500,00 ₽</text:p></table:table-cell>\
            <table:table-cell office:value-type="date" office:date-value="2020-11-16"><text:p>16.11.2020</text:p></table:table-cell>\
            <table:table-cell office:value-type="date" office:date-value="2020-11-16T09:30:00"><text:p>x</text:p></table:table-cell>\
            <table:table-cell office:value-type="time" office:time-value="PT09H30M00S"><text:p>09:30</text:p></table:table-cell>\
            <table:table-cell office:value-type="time" office:time-value="PT36H00M00S"><text:p>36:00</text:p></table:table-cell>\
            <table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>ИСТИНА</text:p></table:table-cell>\
            <table:table-cell office:value-type="string" office:string-value="из атрибута"><text:p>другое</text:p></table:table-cell>\
            <table:table-cell office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>\
            </table:table-row>
            """))
        #expect(d.value("Т", "A1") == .number(81.7))
        #expect(d.value("Т", "B1") == .number(0.817))
        #expect(d.value("Т", "C1") == .number(1500))
        #expect(d.value("Т", "D1") == .date(CivilDateTime(year: 2020, month: 11, day: 16, hasTime: false)!))
        #expect(d.value("Т", "E1") == .date(CivilDateTime(year: 2020, month: 11, day: 16, hour: 9, minute: 30)!))
        #expect(d.value("Т", "F1") == .time(34_200))
        #expect(d.value("Т", "G1") == .duration(129_600))
        #expect(d.value("Т", "H1") == .bool(true))
        #expect(d.value("Т", "I1") == .text("из атрибута"))
        #expect(d.value("Т", "J1") == .error("#DIV/0!"))
    }

    @Test func textFromParagraphsSpansAndSpaces() throws {
        let d = try read(table("Т", """
            <table:table-row><table:table-cell office:value-type="string">\
            <text:p>Всего <text:span text:style-name="T1">учащихся</text:span><text:s text:c="3"/>в<text:tab/>ОО</text:p>\
            <text:p>вторая<text:line-break/>строка</text:p>\
            <office:annotation><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Методист</dc:creator><text:p>примечание</text:p></office:annotation>\
            </table:table-cell></table:table-row>
            """))
        #expect(d.value("Т", "A1") == .text("Всего учащихся   в\tОО\nвторая\nстрока"))
    }

    @Test func repeatedRunsAreRunLengthsNotCells() throws {
        let d = try read(table("Т", """
            <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="5"/>\
            <table:table-cell table:number-columns-repeated="16382"/></table:table-row>\
            <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
            """))
        #expect(d.cells["Т"]?.count == 4)
        #expect(d.value("Т", "A1") == .number(5))
        #expect(d.value("Т", "B2") == .number(5))
        #expect(d.value("Т", "C1") == .empty)
    }

    @Test func repeatBombIsRefusedQuickly() {
        let start = ContinuousClock.now
        #expect {
            _ = try read(table("Т", """
                <table:table-row table:number-rows-repeated="999999999"><table:table-cell table:number-columns-repeated="999999999" \
                office:value-type="string"><text:p>X</text:p></table:table-cell></table:table-row>
                """))
        } throws: { ($0 as? ReadError)?.kind == .limit }
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func manyRepeatedNonEmptyRowsHitTheCellLimit() {
        #expect {
            _ = try read(table("Т", """
                <table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" \
                office:value-type="float" office:value="1"/></table:table-row>
                """))
        } throws: { ($0 as? ReadError)?.reason == .limit }
    }

    @Test func spansAreMergesAndCoveredCellsAreSkippedOver() throws {
        let d = try read(table("Т", """
            <table:table-row><table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="2" office:value-type="string">\
            <text:p>Шапка</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/>\
            <table:table-cell office:value-type="float" office:value="1"/></table:table-row>\
            <table:table-row><table:covered-table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="float" office:value="2"/></table:table-row>
            """))
        #expect(d.merges["Т"] == ["A1:C2"])
        #expect(d.value("Т", "A1") == .text("Шапка"))
        #expect(d.value("Т", "D1") == .number(1))
        #expect(d.value("Т", "D2") == .number(2))
    }

    @Test func hiddenSheetsFromTableStylesAndRowsInGroups() throws {
        let styles = """
            <style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>\
            <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
            """
        let tables = table("Видимый", "<table:table-header-rows><table:table-row><table:table-cell office:value-type=\"string\"><text:p>h</text:p></table:table-cell></table:table-row></table:table-header-rows><table:table-row-group><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table-row-group>", style: "ta1")
            + table("Скрытый", "", style: "ta2")
            + "<table:named-expressions><table:named-range table:name=\"Итого\" table:base-cell-address=\"$Видимый.$A$1\" table:cell-range-address=\"$Видимый.$A$1:.$A$2\"/></table:named-expressions>"
        let reader = try Spreadsheet.open(bytes: ODSFixture.package(content: ODSFixture.content(tables, automaticStyles: styles)))
        #expect(try reader.sheets.map(\.visibility) == [.visible, .hidden])
        #expect(try reader.definedNames.map(\.name) == ["Итого"])
        let d = try WorkbookDump(reader)
        #expect(d.value("Видимый", "A1") == .text("h"))
        #expect(d.value("Видимый", "A2") == .number(1))
    }

    @Test func randomAccessAndSinglePassAgree() throws {
        let tables = table("A", "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>")
            + table("B", "")
            + table("C", "<table:table-row/><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"3\"/></table:table-row>")
        let reader = try Spreadsheet.open(bytes: ODSFixture.package(content: ODSFixture.content(tables)))
        let rows = try reader.rows(ofSheet: 2)
        let row = try rows.nextRow()
        #expect(row?.index == 1)
        #expect(row?.cells.first?.value == .number(3))
        #expect(try rows.nextRow() == nil)
        let d = try WorkbookDump(reader)
        #expect(d.sheets.map(\.name) == ["A", "B", "C"])
        #expect(d.value("C", "A2") == .number(3))
    }

    @Test func formulasKeepTheirText() throws {
        let d = try read(table("Т", "<table:table-row><table:table-cell table:formula=\"of:=SUM([.B1:.C1])\" office:value-type=\"float\" office:value=\"3\"/></table:table-row>"))
        #expect(d.formula("Т", "A1") == "of:=SUM([.B1:.C1])")
        #expect(d.value("Т", "A1") == .number(3))
    }

    @Test func encryptedPackageIsRefused() {
        #expect {
            _ = try Spreadsheet.open(bytes: ODSFixture.package(content: "binary", encrypted: true))
        } throws: { ($0 as? ReadError)?.reason == .encrypted }
    }

    @Test func otherOpenDocumentKindsAreNotSpreadsheets() {
        #expect {
            _ = try Spreadsheet.open(bytes: ODSFixture.package(content: ODSFixture.content(""), mimetype: "application/vnd.oasis.opendocument.text"))
        } throws: { ($0 as? ReadError)?.reason == .notSpreadsheet }
    }

    @Test func flatODFReadsLikeZipped() throws {
        let tables = table("Плоский", "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"42\"/></table:table-row>")
        let reader = try Spreadsheet.open(bytes: Array(ODSFixture.flat(tables).utf8))
        #expect(reader.format == .fods)
        #expect(try WorkbookDump(reader).value("Плоский", "A1") == .number(42))
    }
}

@Suite struct ODSTextLimitTests {
    /// Spaces made by `text:s` count toward the cell-text limit: a few bytes of XML must not
    /// become gigabytes of text.
    @Test func spaceRunsCannotExhaustMemory() {
        let spaces = String(repeating: "<text:s text:c=\"32767\"/>", count: 200)
        let content = ODSFixture.content("<table:table table:name=\"Т\"><table:table-row><table:table-cell office:value-type=\"string\"><text:p>\(spaces)</text:p></table:table-cell></table:table-row></table:table>")
        #expect {
            _ = try WorkbookDump.bothWays({ try Spreadsheet.open(bytes: ODSFixture.package(content: content), options: $0) },
                                          options: ReadOptions(cells: CellLimits(maxCells: 1000, maxTextBytes: 1 << 20)))
        } throws: { ($0 as? ReadError)?.reason == .limit }
    }
}

/// Counts and spans at the edge of Int: clamped, never an arithmetic trap.
@Suite struct ODSHostileRegressionTests {
    func read(_ rows: String) throws -> WorkbookDump {
        try WorkbookDump.bothWays { try Spreadsheet.open(bytes: ODSFixture.package(content: ODSFixture.content(
            "<table:table table:name=\"Т\">\(rows)</table:table>")), options: $0) }
    }

    @Test func hugeRepeatCountsOnEmptyRowsAndCells() throws {
        let max = "9223372036854775807"
        let d = try read("""
            <table:table-row table:number-rows-repeated="\(max)"/><table:table-row table:number-rows-repeated="\(max)"/>\
            <table:table-row><table:table-cell table:number-columns-repeated="\(max)"/><table:table-cell/></table:table-row>
            """)
        #expect(d.cells["Т"]?.isEmpty == true)
        let reader = try Spreadsheet.open(bytes: ODSFixture.package(content: ODSFixture.content(
            "<table:table table:name=\"Т\"><table:table-row><table:table-cell table:number-columns-repeated=\"\(max)\"/><table:table-cell/></table:table-row></table:table>")))
        #expect(try reader.sheets.count == 1)
    }

    @Test func hugeSpansAreClampedToTheGrid() throws {
        let d = try read("""
            <table:table-row/><table:table-row><table:table-cell table:number-rows-spanned="9223372036854775807" \
            table:number-columns-spanned="9223372036854775807" office:value-type="float" office:value="1"/></table:table-row>
            """)
        #expect(d.merges["Т"] == ["A2:XFD1048576"])
    }

    @Test func aNonEmptyRunPastTheGridIsALimit() {
        #expect {
            _ = try read("<table:table-row table:number-rows-repeated=\"9223372036854775807\"><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>")
        } throws: { ($0 as? ReadError)?.reason == .limit }
    }

    @Test func shapesAnchoredInACellAreNotItsText() throws {
        let d = try read("""
            <table:table-row><table:table-cell office:value-type="string"><text:p>Итого</text:p>\
            <draw:frame xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"><draw:text-box><text:p>подпись</text:p></draw:text-box></draw:frame>\
            </table:table-cell></table:table-row>
            """)
        #expect(d.value("Т", "A1") == .text("Итого"))
    }

    @Test func textSpaceBombsAreStoppedByTheInFlightBudget() {
        let cell = "<table:table-cell office:value-type=\"string\"><text:p>" + String(repeating: "<text:s text:c=\"32767\"/>", count: 60) + "</text:p></table:table-cell>"
        let rows = String(repeating: "<table:table-row>\(cell)</table:table-row>", count: 200)
        #expect {
            _ = try WorkbookDump.bothWays({ try Spreadsheet.open(bytes: ODSFixture.package(content: ODSFixture.content("<table:table table:name=\"Т\">\(rows)</table:table>")), options: $0) },
                                          options: ReadOptions(cells: CellLimits(maxCells: 1_000_000, maxTextBytesInFlight: 16 << 20)))
        } throws: { ($0 as? ReadError)?.reason == .limit }
    }
}
