import Foundation
import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
@testable import SvodXLSX
import SvodZip
import Testing

@Suite struct XLSXWriterTests {
    func withFile(_ body: (String, URL) throws -> Void) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir.appendingPathComponent("out.xlsx").path, dir)
    }

    func write(_ path: String, _ rows: [OutputRow], sheet: String = "Лист1") throws {
        let w = try XLSXWriter(path: path)
        try w.beginSheet(SheetSetup(name: sheet))
        for r in rows { try w.write(r) }
        try w.endSheet()
        try w.finish()
    }

    @Test(arguments: ["a\u{1}b", "_x0041_", "_x005F_", "\u{B}\u{C}\u{1F}", "\u{FFFF}x", "plain", "_x00_", "__x0041__"])
    func ooxmlEscapesRoundTrip(_ text: String) {
        #expect(OOXMLText.decode(Array(OOXMLText.encode(text).utf8)) == text)
    }

    @Test func controlCharactersAndLiteralEscapesReadBackExactly() throws {
        try withFile { path, _ in
            let texts = ["табуляция\u{1}и звонок\u{7}", "_x0041_", " край ", "строка\r\nперевод"]
            try write(path, [OutputRow(index: 0, cells: texts.enumerated().map { OutputCell(column: $0.offset, value: .text($0.element)) })])
            let sheet = try Sheet(reading: Spreadsheet.open(path: path), index: 0)
            for (i, t) in texts.enumerated() { #expect(sheet[CellReference(row: 0, column: i)] == .text(t)) }
        }
    }

    @Test func datesBefore1900AndTheFictitiousLeapDayStayDates() throws {
        try withFile { path, _ in
            let dates = [CivilDateTime(year: 1899, month: 12, day: 31, hasTime: false)!, CivilDateTime(year: 1900, month: 2, day: 28, hasTime: false)!,
                         CivilDateTime(year: 1900, month: 3, day: 1, hasTime: false)!, CivilDateTime(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59)!]
            try write(path, [OutputRow(index: 0, cells: dates.enumerated().map { OutputCell(column: $0.offset, value: .date($0.element)) })])
            let sheet = try Sheet(reading: Spreadsheet.open(path: path), index: 0)
            for (i, d) in dates.enumerated() { #expect(sheet[CellReference(row: 0, column: i)] == .date(d)) }
        }
    }

    @Test func refusalsNameTheCellAndLeaveNothingBehind() throws {
        try withFile { path, dir in
            try Data("прежний файл".utf8).write(to: URL(fileURLWithPath: path))
            let cases: [(String, (XLSXWriter) throws -> Void)] = [
                ("long text", { try $0.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text(String(repeating: "ы", count: 32_768)))])) }),
                ("NaN", { try $0.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .number(.nan))])) }),
                ("order", { try $0.write(OutputRow(index: 5, cells: [])); try $0.write(OutputRow(index: 5, cells: [])) }),
                ("sheet name", { try $0.endSheet(); try $0.beginSheet(SheetSetup(name: "a/b")) }),
                ("duplicate", { try $0.endSheet(); try $0.beginSheet(SheetSetup(name: "лист1")) }),
                ("merge", { try $0.merge(CellRange("A1:B2")!); try $0.merge(CellRange("B2:C3")!) }),
                ("unfinished", { try $0.finish() }),
            ]
            for (what, act) in cases {
                let w = try XLSXWriter(path: path)
                try w.beginSheet(SheetSetup(name: "Лист1"))
                let error = #expect(throws: WriteError.self, "\(what)") { try act(w) }
                if what == "long text" {
                    #expect(error?.message.ru.hasPrefix("Лист1!A1:") == true)
                }
                w.cancel()
                #expect(try String(contentsOfFile: path, encoding: .utf8) == "прежний файл", "\(what)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.xlsx"], "\(what)")
            }
        }
    }

    @Test func validationListsThatExcelWouldRejectAreRefused() throws {
        try withFile { path, _ in
            let w = try XLSXWriter(path: path)
            let long = (1...60).map { "Вариант \($0)" }
            #expect(throws: WriteError.self) {
                try w.beginSheet(SheetSetup(name: "S", validations: [DataValidation(ranges: [CellRange("A1")!], rule: .list(long))]))
            }
            w.cancel()
        }
    }

    @Test func commentsGetTheirPartsAndTheWorkbookStaysReadable() throws {
        try withFile { path, _ in
            let w = try XLSXWriter(path: path)
            try w.beginSheet(SheetSetup(name: "S"))
            try w.write(OutputRow(index: 1, cells: [OutputCell(column: 2, value: .number(5), comment: Comment("Проверьте: «5» > 4 & < 6"))]))
            try w.endSheet()
            try w.finish()
            let zip = try ZipArchive(path: path)
            let names = Set(zip.entries.map(\.name))
            #expect(names.isSuperset(of: ["xl/comments1.xml", "xl/drawings/vmlDrawing1.vml", "xl/worksheets/_rels/sheet1.xml.rels"]))
            let comments = String(decoding: try zip.read(zip.entry(named: "xl/comments1.xml")!), as: UTF8.self)
            #expect(comments.contains(#"ref="C2""#) && comments.contains("«5» &gt; 4 &amp; &lt; 6"))
            let types = String(decoding: try zip.read(zip.entry(named: "[Content_Types].xml")!), as: UTF8.self)
            #expect(types.contains("/xl/comments1.xml") && types.contains(#"Extension="vml""#))
        }
    }
}

/// How a sheet with a page setup prints.
@Suite struct XLSXPageSetupTests {
    @Test func aPageSetupIsA4FittedToTheWidthWithItsHeadingOnEveryPage() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("p.xlsx").path
        let w = try XLSXWriter(path: path)
        try w.beginSheet(SheetSetup(name: "Свод", columns: [ColumnSetup(0, 12, width: 14)], frozenRows: 2).printable())
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("Заголовок"))]))
        try w.endSheet()
        try w.beginSheet(SheetSetup(name: "Без печати"))
        try w.endSheet()
        try w.finish()
        let zip = try ZipArchive(path: path)
        let sheet = String(decoding: try zip.read(zip.entry(named: "xl/worksheets/sheet1.xml")!), as: UTF8.self)
        #expect(sheet.contains(#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#))
        #expect(sheet.contains(#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#))  // 13 × 14 characters
        #expect(!String(decoding: try zip.read(zip.entry(named: "xl/worksheets/sheet2.xml")!), as: UTF8.self).contains("pageSetup"))
        let workbook = String(decoding: try zip.read(zip.entry(named: "xl/workbook.xml")!), as: UTF8.self)
        #expect(workbook.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="0">Свод!$1:$2</definedName>"#))
        #expect(PageSetup.a4(columns: [ColumnSetup(0, 5, width: 15)], through: 5).orientation == .portrait)
    }
}

/// Conditional formats: a rule per format, its look a `dxf`.
@Suite struct XLSXConditionalFormatTests {
    @Test func aFormatIsAnExpressionRuleWithItsLookInTheDxfs() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("cf.xlsx").path
        let w = try XLSXWriter(path: path)
        var setup = SheetSetup(name: "ВПР", merges: [CellRange("A10:B10")!], validations: [DataValidation(ranges: [CellRange("C2:C5")!], rule: .whole(.greaterThanOrEqual, 0, nil))])
        let red = CellStyle(bold: true, fontColor: Color(hex: "9C0006"), fill: Color.errorFill)
        setup.conditionalFormats = [
            ConditionalFormat(ranges: [CellRange("C2:C5")!, CellRange("C7")!], formula: "C2<>D2+E2", style: red),
            ConditionalFormat(ranges: [CellRange("D2:D5")!], formula: "AND(D2<>\"\",D2>C2)", style: CellStyle(fill: Color.warningFill)),
            ConditionalFormat(ranges: [CellRange("E2:E5")!], formula: "E2>C2", style: red),
        ]
        try w.beginSheet(setup)
        try w.write(OutputRow(index: 1, cells: [OutputCell(column: 2, value: .number(10))]))
        try w.endSheet()
        try w.finish()
        let zip = try ZipArchive(path: path)
        let sheet = String(decoding: try zip.read(zip.entry(named: "xl/worksheets/sheet1.xml")!), as: UTF8.self)
        #expect(sheet.contains(#"<conditionalFormatting sqref="C2:C5 C7"><cfRule type="expression" dxfId="0" priority="1"><formula>C2&lt;&gt;D2+E2</formula></cfRule></conditionalFormatting>"#))
        #expect(sheet.contains(#"<cfRule type="expression" dxfId="1" priority="2"><formula>AND(D2&lt;&gt;"",D2&gt;C2)</formula>"#))
        #expect(sheet.contains(#"<cfRule type="expression" dxfId="0" priority="3">"#), "the same look is one dxf")
        // The schema's order: merges, conditional formats, validations.
        let merge = try #require(sheet.range(of: "<mergeCells")), cf = try #require(sheet.range(of: "<conditionalFormatting")), dv = try #require(sheet.range(of: "<dataValidations"))
        #expect(merge.lowerBound < cf.lowerBound && cf.lowerBound < dv.lowerBound)
        let styles = String(decoding: try zip.read(zip.entry(named: "xl/styles.xml")!), as: UTF8.self)
        #expect(styles.contains(#"<dxfs count="2"><dxf><font><b/><color rgb="FF9C0006"/></font><fill><patternFill patternType="solid"><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFFFEB9C"/></patternFill></fill></dxf></dxfs>"#))
    }

    @Test func aFormatWithoutCellsOrOverExcelsLengthIsRefused() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for format in [ConditionalFormat(ranges: [], formula: "A1>0", style: CellStyle(fill: Color.errorFill)),
                       ConditionalFormat(ranges: [CellRange("A1")!], formula: String(repeating: "A1+", count: 3_000) + "1>0", style: CellStyle())] {
            let path = dir.appendingPathComponent("bad.xlsx").path
            let w = try XLSXWriter(path: path)
            var setup = SheetSetup(name: "Лист")
            setup.conditionalFormats = [format]
            #expect(throws: WriteError.self) { try w.beginSheet(setup) }
            w.cancel()
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }
}

/// Looks read from other workbooks: underline, font size, borders side by side.
@Suite struct XLSXReadLookTests {
    @Test func underlineSizeAndSidesAreWrittenAndReadBack() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("look.xlsx").path
        let w = try XLSXWriter(path: path)
        let edges = BorderEdges(left: BorderLine(.medium, color: Color(hex: "FF0000")), bottom: BorderLine(.double))
        let look = CellStyle(fontColor: Color(hex: "1F4E79"), numberFormat: "#,##0.00", underline: true, fontSize: 14, edges: edges)
        let id = w.style(look)
        try w.beginSheet(SheetSetup(name: "Лист"))
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .number(1234.5), style: id), OutputCell(column: 1, value: .empty, style: id)]))
        try w.endSheet()
        try w.finish()
        let styles = String(decoding: try ZipArchive(path: path).read(ZipArchive(path: path).entry(named: "xl/styles.xml")!), as: UTF8.self)
        #expect(styles.contains(#"<u/><sz val="14"/>"#))
        #expect(styles.contains(#"<border><left style="medium"><color rgb="FFFF0000"/></left><right/><top/><bottom style="double"><color indexed="64"/></bottom><diagonal/></border>"#))
        let reader = try XLSXReader(archive: ZipArchive(path: path))
        reader.readsStyledBlanks = true
        let read = try reader.cellStyles()
        let row = try #require(try reader.rows(ofSheet: 0).nextRow())
        #expect(row.cells.count == 2, "the styled blank is read too")
        let back = read[row.cells[0].style]
        #expect(back.underline && back.fontSize == 14 && back.fontColor == Color(hex: "1F4E79") && back.numberFormat == "#,##0.00" && back.edges == edges, "\(back)")
    }
}
