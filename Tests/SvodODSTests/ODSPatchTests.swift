import Foundation
import SvodODS
import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
import SvodXML
import SvodZip
import Testing

/// A patched ODS is the source document with additions only.
@Suite struct ODSPatchTests {
    func parts(_ path: String) throws -> [String: [UInt8]] {
        let zip = try ZipArchive(path: path)
        return Dictionary(try zip.entries.map { ($0.name, try zip.read($0)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The `style:style` elements of `content.xml` by name, as tags.
    func styles(_ content: [UInt8]) throws -> [String: XMLTag] {
        var out: [String: XMLTag] = [:]
        var current: String?
        try XMLTagScanner.tags(content) { tag in
            if tag.localName == "style", tag.kind != .end, let n = tag.value("style:name") { current = n; out[n] = tag }
            if tag.localName == "table-cell-properties", let c = current, let bg = tag.value("fo:background-color") {
                out[c + "#bg"] = XMLTag(kind: .empty, name: "bg", attributes: [("color", bg)])
            }
        }
        return out
    }

    @Test func onlyContentChangesAndTheValuesStay() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("школа.ods").path, target = dir.appendingPathComponent("marked.ods").path
        try PatchFixture.write(to: ODSWriter(path: source))
        let outcome = try ODSPatch.apply(PatchFixture.patch(), source: source, to: target)
        #expect(outcome.markedCells == 5)

        let before = try parts(source), after = try parts(target)
        #expect(Set(before.keys.filter { after[$0] != before[$0] }) == ["content.xml", "settings.xml"])
        #expect(Set(after.keys) == Set(before.keys))
        #expect(try ZipArchive(path: target).entries.first?.name == "mimetype")

        let original = try WorkbookDump(Spreadsheet.open(path: source)), patched = try WorkbookDump(Spreadsheet.open(path: target))
        #expect(patched.sheets.map(\.name) == ["Замечания", "Титул", "ВПР"])
        for sheet in ["Титул", "ВПР"] {
            #expect(patched.cells[sheet]?.filter { !$0.value.value.isEmpty }.mapValues(\.value) == original.cells[sheet]?.mapValues(\.value), "\(sheet)")
        }
        #expect(patched.value("Замечания", "A2") == .number(1.5))
        #expect(String(decoding: after["settings.xml"]!, as: UTF8.self).contains(">Замечания<"))

        // A marked cell keeps its own style — the data style showing 0,0, the protection — with a background.
        let content = after["content.xml"]!
        let text = String(decoding: content, as: UTF8.self)
        let all = try styles(content)
        func styleOf(_ value: String) -> String? {
            guard let at = text.range(of: "office:value=\"\(value)\"") else { return nil }
            let open = text[..<at.lowerBound].range(of: "<table:table-cell ", options: .backwards)!
            let tag = text[open.upperBound...].prefix { $0 != ">" }
            return tag.range(of: "table:style-name=\"").map { String(tag[$0.upperBound...].prefix { $0 != "\"" }) }
        }
        let b2 = try #require(styleOf("97")), c2 = try #require(styleOf("81.5"))
        #expect(b2.hasPrefix("svod-m") && !c2.hasPrefix("svod-"))
        #expect(all[b2]?.value("style:data-style-name") == all[c2]?.value("style:data-style-name") && all[b2]?.value("style:data-style-name") != nil)
        #expect(all[b2 + "#bg"]?.value("color") == "#" + Color.errorFill.hex.lowercased())
        #expect(text.contains("проверено завучем") && text.components(separatedBy: "<office:annotation").count - 1 == 5)
        for m in PatchFixture.marks.values { #expect(text.contains(m.comment), "\(m.comment)") }
        if let rng = TestPaths.shared?.appendingPathComponent("schemas/odf/schema.rng").path, FileManager.default.fileExists(atPath: rng) {
            let file = dir.appendingPathComponent("content.xml")
            try Data(content).write(to: file)
            let r = try runProcess(URL(fileURLWithPath: "/usr/bin/xmllint"), ["--noout", "--relaxng", rng, file.path])
            #expect(r.status == 0, "\(r.stderr.suffix(2000))")
        }
    }

    @Test func marksInsideRepeatedRowsAndCellsSplitThem() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("лист.ods").path, target = dir.appendingPathComponent("marked.ods").path
        // LibreOffice's shape: cells repeated across the row, rows repeated to the end of the sheet.
        let content = #"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"><office:automatic-styles><style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles><office:body><office:spreadsheet><table:table table:name="Лист1"><table:table-column table:number-columns-repeated="1024" table:default-cell-style-name="ce1"/><table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell><table:table-cell table:number-columns-repeated="3" office:value-type="string"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1020"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
        var zip = ZipBuilder()
        zip.add("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zip.add("META-INF/manifest.xml", #"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#)
        zip.add("content.xml", content)
        try Data(zip.build()).write(to: URL(fileURLWithPath: source))
        let marks = [CellReference("C1")!: PatchMark(fill: .errorFill, comment: "середина повтора"),
                     CellReference("E500")!: PatchMark(fill: .warningFill, comment: "в повторённых строках")]
        var patch = PatchFixture.patch(["Лист1": marks])
        patch.firstSheet = nil
        #expect(try ODSPatch.apply(patch, source: source, to: target).markedCells == 2)
        let patched = try WorkbookDump(Spreadsheet.open(path: target))
        #expect(patched.value("Лист1", "B1") == .text("x") && patched.value("Лист1", "C1") == .text("x") && patched.value("Лист1", "D1") == .text("x"))
        #expect(patched.value("Лист1", "E1").isEmpty && patched.value("Лист1", "E500").isEmpty)
        let text = String(decoding: try parts(target)["content.xml"]!, as: UTF8.self)
        // 1 + (1, marked, 1) + 1020; 498 + marked + 1048076; E500 styled from its column's default (bold).
        #expect(text.contains(#"table:number-rows-repeated="498""#) && text.contains(#"table:number-rows-repeated="1048076""#))
        #expect(text.contains(#"<style:style style:name="svod-m2" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties fo:background-color=""#)
                && text.contains("fo:font-weight=\"bold\"/></style:style>"))
        #expect(text.components(separatedBy: "середина повтора").count == 2 && text.components(separatedBy: "<text:p>x</text:p>").count == 4)
    }
}
