import Foundation
import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
import SvodXLSX
import SvodXML
import SvodZip
import Testing

/// A patched copy is the source package with additions only.
@Suite struct XLSXPatchTests {
    func parts(_ path: String) throws -> [String: [UInt8]] {
        let zip = try ZipArchive(path: path)
        return Dictionary(try zip.entries.map { ($0.name, try zip.read($0)) }, uniquingKeysWith: { a, _ in a })
    }

    func text(_ bytes: [UInt8]?) -> String { String(decoding: bytes ?? [], as: UTF8.self) }

    /// The raw `<xf>` records of `cellXfs`.
    func cellXfs(_ styles: [UInt8]) throws -> [XMLTag] {
        var xfs: [XMLTag] = []
        var inCellXfs = false
        let scanner = XMLTagScanner(onBytes: { _ in }, onTag: { tag, _ in
            if tag.localName == "cellXfs" { inCellXfs = tag.kind == .start }
            if inCellXfs, tag.localName == "xf", tag.kind != .end { xfs.append(tag) }
        })
        try styles.withUnsafeBytes { try scanner.feed($0) }
        try scanner.finish()
        return xfs
    }

    func style(_ ref: String, in sheet: String) -> Int? {
        guard let start = sheet.range(of: "<c r=\"\(ref)\"") else { return nil }
        let tag = sheet[start.upperBound...].prefix { $0 != ">" }
        return tag.range(of: " s=\"").flatMap { Int(tag[$0.upperBound...].prefix { $0 != "\"" }) }
    }

    @Test func onlyTheMarkedPartsChangeAndTheValuesStay() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("школа.xlsx").path, target = dir.appendingPathComponent("marked.xlsx").path
        try PatchFixture.write(to: XLSXWriter(path: source))
        let outcome = try XLSXPatch.apply(PatchFixture.patch(), source: source, to: target)
        #expect(outcome.markedCells == 5 && outcome.missingSheets.isEmpty)

        let before = try parts(source), after = try parts(target)
        let changed = Set(before.keys.filter { after[$0] != before[$0] })
        #expect(changed == ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                            "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/comments2.xml", "xl/drawings/vmlDrawing2.vml"])
        #expect(Set(after.keys).subtracting(before.keys) == ["xl/worksheets/svod-sheet1.xml"])

        let original = try WorkbookDump(Spreadsheet.open(path: source)), patched = try WorkbookDump(Spreadsheet.open(path: target))
        #expect(patched.sheets.map(\.name) == ["Замечания", "Титул", "ВПР"])
        for sheet in ["Титул", "ВПР"] {
            #expect(patched.cells[sheet]?.filter { !$0.value.value.isEmpty }.mapValues(\.value) == original.cells[sheet]?.mapValues(\.value), "\(sheet)")
        }
        #expect(patched.merges["ВПР"] == original.merges["ВПР"])
        #expect(patched.value("Замечания", "A2") == .number(1.5))

        // A marked cell keeps its own record — format, font, protection — with a fill; an added one takes its column's or none.
        let xfsBefore = try cellXfs(before["xl/styles.xml"]!), xfsAfter = try cellXfs(after["xl/styles.xml"]!)
        let sheetBefore = text(before["xl/worksheets/sheet2.xml"]), sheetAfter = text(after["xl/worksheets/sheet2.xml"])
        let b2Was = try #require(style("B2", in: sheetBefore)), b2 = try #require(style("B2", in: sheetAfter))
        #expect(b2 >= xfsBefore.count)
        for attribute in ["numFmtId", "fontId", "borderId"] { #expect(xfsAfter[b2].value(attribute) == xfsBefore[b2Was].value(attribute), "\(attribute)") }
        #expect(xfsAfter[b2].value("fillId") != xfsBefore[b2Was].value("fillId") && xfsAfter[b2].value("applyFill") == "1")
        #expect(Array(xfsAfter.prefix(xfsBefore.count)).map { $0.written() } == xfsBefore.map { $0.written() })
        #expect(style("C2", in: sheetAfter) == style("C2", in: sheetBefore) && style("D2", in: sheetAfter) != nil && style("B3", in: sheetAfter) != nil)
        #expect(style("B2", in: sheetAfter) == style("C4", in: sheetAfter) || style("C4", in: sheetBefore) != b2Was)
        #expect(!sheetAfter.contains("F12"))  // a comment without a fill needs no cell
        #expect(!text(after["xl/worksheets/sheet1.xml"]).contains("tabSelected"))
        #expect(text(after["xl/workbook.xml"]).contains(#"activeTab="0""#))

        // The comments: the school's own kept, the mark's text after it, the others added under «svod».
        let comments = text(after["xl/comments2.xml"])
        #expect(comments.contains("проверено завучем") && comments.contains("Ошибка — не сходится") && comments.contains("<author>svod</author>"))
        for m in PatchFixture.marks.values { #expect(comments.contains(m.comment), "\(m.comment)") }
        let vml = text(after["xl/drawings/vmlDrawing2.vml"])
        #expect(vml.components(separatedBy: "id=\"_svod_s").count - 1 == 4)  // five marks, C4 already had its note
    }

    @Test func aSheetWithoutCommentsGetsItsOwnPartsAndTheIndependentReadersAgree() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("школа.xlsx").path, target = dir.appendingPathComponent("marked.xlsx").path
        try PatchFixture.write(to: XLSXWriter(path: source))
        var patch = PatchFixture.patch()
        patch.marks = ["Титул": [CellReference("B1")!: PatchMark(fill: .errorFill, comment: "Ошибка — код школы"),
                                 CellReference("C5")!: PatchMark(fill: .warningFill, comment: "Предупреждение")],
                       "Нет такого": [CellReference("A1")!: PatchMark(fill: .errorFill, comment: "—")]]
        let outcome = try XLSXPatch.apply(patch, source: source, to: target)
        #expect(outcome.markedCells == 2 && outcome.missingSheets == ["Нет такого"])
        let after = try parts(target)
        let rels = text(after["xl/worksheets/_rels/sheet1.xml.rels"])
        #expect(rels.contains("/xl/svod-comments1.xml") && rels.contains("/xl/drawings/svod-vmlDrawing1.vml"))
        let sheet = text(after["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains("legacyDrawing") && sheet.range(of: "legacyDrawing")!.lowerBound > sheet.range(of: "pageMargins")!.lowerBound)
        // The new drawing's shape ids are a block the sheet with notes does not use.
        func block(_ vml: String) -> String? { vml.firstMatch(of: /data="(\d+)"/).map { String($0.1) } }
        let new = try #require(block(text(after["xl/drawings/svod-vmlDrawing1.vml"]))), old = try #require(block(text(after["xl/drawings/vmlDrawing2.vml"])))
        #expect(new != old)
        let types = text(after["[Content_Types].xml"])
        #expect(types.contains("/xl/svod-comments1.xml") && types.contains("/xl/worksheets/svod-sheet1.xml"))

        guard let original = try IndependentReader.calamine.read([source])?.first, let marked = try IndependentReader.calamine.read([target])?.first else {
            print("note: no .venv with python-calamine; the independent read is skipped")
            return
        }
        var rest = marked
        rest["sheets"] = Array((marked["sheets"] as? [[String: Any]] ?? []).dropFirst())
        #expect(CorpusComparison.mismatches(expected: original, actual: rest).isEmpty)
    }

    @Test func strictWorkbooksAreLeftToTheRebuild() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("strict.xlsx").path
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        zip.add("_rels/.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)
        zip.add("xl/workbook.xml", #"<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheets/></workbook>"#)
        try Data(zip.build()).write(to: URL(fileURLWithPath: path))
        #expect(throws: PatchUnsupported.self) { _ = try XLSXPatch.apply(PatchFixture.patch(), source: path, to: dir.appendingPathComponent("out.xlsx").path) }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.xlsx").path))
    }
}
