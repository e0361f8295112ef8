import Foundation
@testable import SvodODS
import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
import SvodXML
import SvodZip
import Testing

@Suite struct ODSWriterTests {
    func withFile(_ body: (String) throws -> Void) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir.appendingPathComponent("out.ods").path)
    }

    func content(_ path: String) throws -> String {
        let zip = try ZipArchive(path: path)
        return String(decoding: try zip.read(zip.entry(named: "content.xml")!), as: UTF8.self)
    }

    @Test func spacesTabsAndLinesSurviveODFWhitespaceRules() throws {
        try withFile { path in
            let texts = ["  отступ  ", "a   b", " ", "a\tb", "\tтаб", "строка 1\nстрока 2\n", "a \t b", "обычный текст"]
            let w = try ODSWriter(path: path)
            try w.beginSheet(SheetSetup(name: "S"))
            try w.write(OutputRow(index: 0, cells: texts.enumerated().map { OutputCell(column: $0.offset, value: .text($0.element)) }))
            try w.endSheet()
            try w.finish()
            let sheet = try Sheet(reading: Spreadsheet.open(path: path), index: 0)
            for (i, t) in texts.enumerated() { #expect(sheet[CellReference(row: 0, column: i)] == .text(t), "\(i)") }
            let xml = try content(path)
            #expect(xml.contains("<text:p><text:s text:c=\"2\"/>отступ<text:s text:c=\"2\"/></text:p>"))
            #expect(xml.contains("<text:p>a <text:s text:c=\"2\"/>b</text:p>"))
            #expect(xml.contains("<text:p>обычный текст</text:p>"))
        }
    }

    @Test func controlCharactersAreRefusedOrReplacedAsAsked() throws {
        try withFile { path in
            let w = try ODSWriter(path: path)
            try w.beginSheet(SheetSetup(name: "ВПР"))
            let error = #expect(throws: WriteError.self) {
                try w.write(OutputRow(index: 11, cells: [OutputCell(column: 5, value: .text("звонок\u{7}"))]))
            }
            #expect(error?.message.ru.hasPrefix("ВПР!F12:") == true)
            #expect(error?.message.en.contains("U+0007") == true)
            w.cancel()
            #expect(!FileManager.default.fileExists(atPath: path))

            let r = try ODSWriter(path: path, options: WriteOptions(illegalCharacters: .replace))
            try r.beginSheet(SheetSetup(name: "ВПР"))
            try r.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("a\u{7}b\u{1}"))]))
            try r.endSheet()
            try r.finish()
            #expect(r.replacedCharacters == 2)
            #expect(try Sheet(reading: Spreadsheet.open(path: path), index: 0)["A1"] == .text("a\u{FFFD}b\u{FFFD}"))
        }
    }

    /// A validation and a merge reaching rows nobody writes: those rows are written, repeated.
    @Test func validationsAndMergesReachUnwrittenRows() throws {
        try withFile { path in
            let w = try ODSWriter(path: path)
            let v = DataValidation(ranges: [CellRange("B2:C1000")!], rule: .whole(.between, 0, 40))
            try w.beginSheet(SheetSetup(name: "S", merges: [CellRange("E3:F5")!], validations: [v]))
            try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("Заголовок"))]))
            try w.write(OutputRow(index: 3, cells: [OutputCell(column: 1, value: .number(7)), OutputCell(column: 5, value: .text("под объединением"))]))
            try w.endSheet()
            try w.finish()
            let xml = try content(path)
            #expect(xml.contains(#"<table:table-cell table:content-validation-name="val1" table:number-columns-repeated="2"/>"#))
            #expect(xml.contains(#"table:number-rows-repeated="995""#), "rows 6…1000 as one repeated row")
            #expect(xml.contains(#"table:number-columns-spanned="2" table:number-rows-spanned="3""#))
            #expect(xml.contains(#"table:condition="of:cell-content-is-whole-number() and cell-content-is-between(0,40)""#))
            let reader = try Spreadsheet.open(path: path)
            let sheet = try Sheet(reading: reader, index: 0)
            #expect(sheet.merges == [CellRange("E3:F5")!])
            #expect(sheet["B4"] == .number(7))
            #expect(sheet["F4"] == .text("под объединением"), "a value under a merge is kept in its covered cell")
        }
    }

    @Test(arguments: [
        ("0.0%", "<number:percentage-style style:name=\"N1\"><number:number number:decimal-places=\"1\" number:min-decimal-places=\"1\" number:min-integer-digits=\"1\"/><number:text>%</number:text></number:percentage-style>"),
        ("#,##0", "<number:number-style style:name=\"N1\"><number:number number:decimal-places=\"0\" number:min-decimal-places=\"0\" number:min-integer-digits=\"1\" number:grouping=\"true\"/></number:number-style>"),
        ("dd.mm.yyyy", "<number:date-style style:name=\"N1\"><number:day number:style=\"long\"/><number:text>.</number:text><number:month number:style=\"long\"/><number:text>.</number:text><number:year number:style=\"long\"/></number:date-style>"),
        ("dd.mm.yyyy hh:mm", "<number:date-style style:name=\"N1\"><number:day number:style=\"long\"/><number:text>.</number:text><number:month number:style=\"long\"/><number:text>.</number:text><number:year number:style=\"long\"/><number:text> </number:text><number:hours number:style=\"long\"/><number:text>:</number:text><number:minutes number:style=\"long\"/></number:date-style>"),
        ("[h]:mm:ss", "<number:time-style style:name=\"N1\" number:truncate-on-overflow=\"false\"><number:hours/><number:text>:</number:text><number:minutes number:style=\"long\"/><number:text>:</number:text><number:seconds number:style=\"long\"/></number:time-style>"),
        ("0.0 \"баллов\"", "<number:number-style style:name=\"N1\"><number:number number:decimal-places=\"1\" number:min-decimal-places=\"1\" number:min-integer-digits=\"1\"/><number:text> баллов</number:text></number:number-style>"),
    ])
    func excelFormatCodesBecomeODFDataStyles(_ code: String, _ xml: String) throws {
        var out: [UInt8] = []
        let x = XMLWriter { out += $0 }
        #expect(ODSDataStyle.write(code: code, name: "N1", to: x))
        try x.flush()
        #expect(String(decoding: out, as: UTF8.self) == xml)
    }
}

/// How a table with a page setup prints.
@Suite struct ODSPageSetupTests {
    @Test func aPageSetupIsAMasterPageOnA4AndHeaderRows() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("p.ods").path
        let w = try ODSWriter(path: path)
        try w.beginSheet(SheetSetup(name: "Свод", frozenRows: 2, page: PageSetup(orientation: .landscape, fitToWidth: 1, fitToHeight: 3, repeatRows: 0...1)))
        for r in [0, 1, 5] { try w.write(OutputRow(index: r, cells: [OutputCell(column: 0, value: .text("строка \(r)"))])) }
        try w.endSheet()
        try w.beginSheet(SheetSetup(name: "Без печати"))
        try w.endSheet()
        try w.finish()
        let zip = try ZipArchive(path: path)
        let content = String(decoding: try zip.read(zip.entry(named: "content.xml")!), as: UTF8.self)
        let styles = String(decoding: try zip.read(zip.entry(named: "styles.xml")!), as: UTF8.self)
        #expect(content.contains(#"<style:style style:name="ta3" style:family="table" style:master-page-name="mp1">"#))
        #expect(content.contains(#"<table:table table:name="Свод" table:style-name="ta3""#) && content.contains(#"<table:table table:name="Без печати" table:style-name="ta1""#))
        let header = try #require(content.range(of: "<table:table-header-rows>"))
        let end = try #require(content.range(of: "</table:table-header-rows>"))
        let inside = content[header.upperBound..<end.lowerBound]
        #expect(inside.contains("строка 0") && inside.contains("строка 1") && !inside.contains("строка 5"))
        #expect(styles.contains(#"<style:master-page style:name="mp1" style:page-layout-name="pl1"/>"#))
        #expect(styles.contains(#"fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape""#) && styles.contains(#"style:scale-to-X="1" style:scale-to-Y="3""#))
        let sheet = try Sheet(reading: Spreadsheet.open(path: path), index: 0)
        #expect(sheet["A1"] == .text("строка 0") && sheet["A6"] == .text("строка 5"))
    }
}

/// Conditional formats as ODF style maps on the covered cells' styles.
@Suite struct ODSConditionalFormatTests {
    @Test func everyCoveredCellWrittenOrNotCarriesTheMap() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("cf.ods").path
        let w = try ODSWriter(path: path)
        var setup = SheetSetup(name: "Лист 1")
        setup.conditionalFormats = [
            ConditionalFormat(ranges: [CellRange("C2:C6")!], formula: "IFERROR(C2<>D2+E2,FALSE)", style: CellStyle(bold: true, fill: Color.errorFill)),
            ConditionalFormat(ranges: [CellRange("C2:C3")!], formula: "C2>'Коды'!$A$1", style: CellStyle(fill: Color.warningFill)),
        ]
        try w.beginSheet(setup)
        let yellow = w.style(CellStyle(fill: Color(hex: "FFF8D6")))
        try w.write(OutputRow(index: 1, cells: [OutputCell(column: 2, value: .number(10), style: yellow), OutputCell(column: 3, value: .number(4))]))
        try w.write(OutputRow(index: 3, cells: [OutputCell(column: 2, value: .number(7), style: yellow)]))
        try w.endSheet()
        try w.beginSheet(SheetSetup(name: "Коды"))
        try w.endSheet()
        try w.finish()
        let zip = try ZipArchive(path: path)
        let content = String(decoding: try zip.read(zip.entry(named: "content.xml")!), as: UTF8.self)
        let styles = String(decoding: try zip.read(zip.entry(named: "styles.xml")!), as: UTF8.self)
        let first = #"<style:map style:condition="is-true-formula(IFERROR([.C2]&lt;&gt;[.D2]+[.E2];FALSE()))" style:apply-style-name="svod-cf1" style:base-cell-address="$'Лист 1'.C2"/>"#
        let second = #"<style:map style:condition="is-true-formula([.C2]&gt;[$'Коды'.$A$1])" style:apply-style-name="svod-cf2" style:base-cell-address="$'Лист 1'.C2"/>"#
        #expect(content.contains(first) && content.contains(second))
        // Typed cells keep their own look under the map; C3 (no row written) and C5:C6 get maps on the plain style.
        let mapped = content.components(separatedBy: "<style:style ").filter { $0.contains("<style:map") }
        #expect(mapped.count == 4, "yellow with both maps, yellow with the first, plain with both, plain with the first: \(mapped.count)")
        #expect(mapped.filter { $0.contains("#fff8d6") }.count == 2)
        #expect(styles.contains(##"<style:style style:name="svod-cf1" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties fo:background-color="#ffc7ce"/><style:text-properties fo:font-weight="bold"/></style:style>"##))
        // Six rows reach the format's end; the values read back unchanged.
        let sheet = try Sheet(reading: Spreadsheet.open(path: path), index: 0)
        #expect(sheet["C2"] == .number(10) && sheet["C4"] == .number(7) && sheet["C3"] == .empty && sheet.lastCell == CellReference("D4"))
        #expect(content.components(separatedBy: "<table:table-row").count - 1 >= 5)
    }
}

/// Looks read from other workbooks, in ODS: underline, font size, borders side by side.
@Suite struct ODSReadLookTests {
    @Test func underlineSizeAndSidesAreWrittenAndReadBack() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("look.ods").path
        let w = try ODSWriter(path: path)
        let edges = BorderEdges(left: BorderLine(.medium, color: Color(hex: "FF0000")), bottom: BorderLine(.thin))
        let look = CellStyle(bold: true, fill: Color(hex: "FFF8D6"), horizontal: .right, vertical: .top, wrap: true, numberFormat: "0.0%",
                             locked: false, underline: true, fontSize: 14, edges: edges)
        let id = w.style(look)
        var setup = SheetSetup(name: "Лист 1", columns: [ColumnSetup(1, width: 28), ColumnSetup(3, hidden: true)], frozenRows: 2, isProtected: true,
                               tabColor: Color(hex: "2F75B5"))
        setup.validations = [DataValidation(ranges: [CellRange("A1:A3")!], rule: .whole(.between, 0, 40), prompt: ("Число", "от 0 до 40"))]
        try w.beginSheet(setup)
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .number(0.817), style: id, comment: Comment("проверьте", author: "Методист")),
                                                OutputCell(column: 2, value: .empty, style: id)], height: 30))
        try w.endSheet()
        try w.finish()
        let content = String(decoding: try ZipArchive(path: path).read(ZipArchive(path: path).entry(named: "content.xml")!), as: UTF8.self)
        #expect(content.contains(##"fo:border-left="1.76pt solid #ff0000" fo:border-right="none" fo:border-top="none" fo:border-bottom="0.74pt solid #000000""##))
        #expect(content.contains(#"style:text-underline-style="solid""#) && content.contains(#"fo:font-size="14pt""#))
        let reader = try ODSReader(archive: ZipArchive(path: path))
        reader.readsStyledBlanks = true
        let styles = try reader.cellStyles()
        let row = try #require(try reader.rows(ofSheet: 0).nextRow())
        #expect(row.cells.map(\.column) == [0, 2], "the styled blank is read too")
        let back = styles[row.cells[0].style]
        #expect(back.bold && back.underline && back.fontSize == 14 && back.fill == Color(hex: "FFF8D6") && back.horizontal == .right
                && back.vertical == .top && back.wrap && !back.locked && back.numberFormat == "0.0%", "\(back)")
        #expect(back.edges == BorderEdges(left: BorderLine(.medium, color: Color(hex: "FF0000")), bottom: BorderLine(.thin)), "\(String(describing: back.edges))")
        let layout = try reader.layout(ofSheet: 0)
        #expect(abs((layout.setup.columns.first { $0.first == 1 }?.width ?? 0) - 28) < 0.01 && layout.setup.columns.contains { $0.first == 3 && $0.hidden })
        #expect(layout.setup.frozenRows == 2 && layout.setup.isProtected && layout.setup.tabColor == Color(hex: "2F75B5"))
        #expect(abs((layout.rows[0]?.height ?? 0) - 30) < 0.1)
        #expect(layout.setup.validations == setup.validations, "\(layout.setup.validations)")
        #expect(layout.comments[CellReference("A1")!] == Comment("проверьте", author: "Методист"))
    }
}
