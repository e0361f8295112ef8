import Foundation
import SvodTestSupport
import SvodZip
import Testing

/// Hand-made hostile files: each refused by the built binary in under a second and 256 MiB,
/// with exit status 2, the right kind of refusal and a one-line message.
@Suite struct HostileFileTests {
    static let main = XLSXFixture.main

    /// A valid package whose first worksheet part is replaced by `entry`.
    static func xlsx(sheetEntry entry: ZipBuilder.Entry) -> [UInt8] {
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        zip.add("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" Type=\"\(XLSXFixture.rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        zip.add("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"a\" Type=\"\(XLSXFixture.rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>")
        zip.add("xl/workbook.xml", "<workbook xmlns=\"\(main)\" xmlns:r=\"\(XLSXFixture.rel)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"a\"/></sheets></workbook>")
        zip.add(entry)
        return zip.build()
    }

    /// A worksheet declared Shift_JIS whose last cell holds bytes that are not Shift_JIS.
    static func misencoded(rows: Int) -> ZipBuilder.Entry {
        let head = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><worksheet xmlns=\"\(main)\"><sheetData>"
            + (1...rows).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c></row>" }.joined()
            + "<row r=\"\(rows + 1)\"><c t=\"inlineStr\"><is><t>"
        let data = Array(head.utf8) + [0x85, 0x90, 0x8F, 0x9A, 0xFF, 0xFE] + Array("</t></is></c></row></sheetData></worksheet>".utf8)
        return .init(name: "xl/worksheets/sheet1.xml", data: data)
    }

    static let bombPayload = DeflateBomb.stream(prefix: Array("<worksheet xmlns=\"\(main)\"><sheetData> ".utf8),
                                                repeating: 1 << 30)

    static let cases: [(name: String, kind: String, bytes: @Sendable () -> [UInt8])] = [
        ("zip bomb, honest header (1 GiB at 160:1)", "limit", {
            xlsx(sheetEntry: .init(name: "xl/worksheets/sheet1.xml", data: bombPayload, method: 8, declaredSize: UInt32(1 << 30) + 40))
        }),
        ("zip bomb, lying header (claims 1 KiB)", "unreadable", {
            xlsx(sheetEntry: .init(name: "xl/worksheets/sheet1.xml", data: bombPayload, method: 8, declaredSize: 1024))
        }),
        ("repeat-count bomb", "limit", {
            ODSFixture.package(content: ODSFixture.content("""
                <table:table table:name="T"><table:table-row table:number-rows-repeated="1048576">\
                <table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>X</text:p></table:table-cell>\
                </table:table-row></table:table>
                """))
        }),
        ("billion laughs", "unreadable", {
            var xml = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\">"
            for i in 1...12 { xml += "<!ENTITY a\(i) \"" + String(repeating: "&a\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }
            xml += "]><worksheet xmlns=\"\(main)\"><sheetData><row><c t=\"inlineStr\"><is><t>&a12;</t></is></c></row></sheetData></worksheet>"
            return xlsx(sheetEntry: .init(name: "xl/worksheets/sheet1.xml", data: Array(xml.utf8)))
        }),
        ("external entity (XXE)", "unreadable", {
            let xml = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><worksheet xmlns=\"\(main)\"><sheetData><row><c t=\"inlineStr\"><is><t>&x;</t></is></c></row></sheetData></worksheet>"
            return xlsx(sheetEntry: .init(name: "xl/worksheets/sheet1.xml", data: Array(xml.utf8)))
        }),
        ("nesting bomb", "limit", {
            let xml = "<worksheet xmlns=\"\(main)\"><sheetData>" + String(repeating: "<x>", count: 100_000)
            return xlsx(sheetEntry: .init(name: "xl/worksheets/sheet1.xml", data: Array(xml.utf8)))
        }),
        ("duplicate entry names", "unreadable", {
            xlsx(sheetEntry: .init(name: "XL/Workbook.xml", data: Array("<workbook/>".utf8)))
        }),
        ("entry escaping with ..", "unreadable", {
            xlsx(sheetEntry: .init(name: "../../etc/cron.d/x", data: Array("* * * * * root true".utf8)))
        }),
        ("truncated zip", "unreadable", {
            let whole = XLSXFixture.package(sheets: [("S", XLSXFixture.sheet("<row r=\"1\"><c><v>1</v></c></row>"))])
            return Array(whole.prefix(whole.count * 2 / 3))
        }),
        // libxml2 prints encoding errors to stderr unless told not to; the refusal stays one line.
        ("bytes outside the declared encoding", "unreadable", { xlsx(sheetEntry: misencoded(rows: 10)) }),
        ("bytes outside the declared encoding, in a sheet parsed ahead (3 MiB)", "unreadable", {
            xlsx(sheetEntry: misencoded(rows: 80_000))
        }),
        ("cell beyond XFD1048576", "limit", {
            xlsx(sheetEntry: .init(name: "xl/worksheets/sheet1.xml",
                                   data: Array(XLSXFixture.sheet("<row r=\"1048577\"><c><v>1</v></c></row>").utf8)))
        }),
    ]

    @Test(arguments: cases.indices)
    func refusedQuicklyInBoundedMemory(_ index: Int) throws {
        let c = Self.cases[index]
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("hostile.xlsx")
        let bytes = c.bytes()
        try Data(bytes).write(to: file)
        let r = try runProcess(TestPaths.svodBinary, ["inspect", "--format", "json", file.path])
        #expect(r.status == 2, "\(c.name): exit \(r.status), stderr \(r.stderr)")
        // A second, and half a second per MiB of XML the debug build must parse before it finds
        // the fault (the 3 MiB sheet parsed ahead is refused at its end), while the suite runs.
        // The declared sizes are a hostile file's own word: capped, they only widen the budget.
        let declared = (try? ZipArchive(bytes: bytes).entries.reduce(Int64(0)) { $0 + min($1.declaredSize, 8 << 20) }) ?? Int64(bytes.count)
        let budget = min(3, 1 + 0.5 * Double(declared) / Double(1 << 20))
        #expect(r.seconds < budget, "\(c.name): \(r.seconds) s, budget \(budget) s")
        try #require(r.peakBytes > 0, "peak memory needs GNU time (apt-get install time)")
        #expect(r.peakBytes < 256 << 20, "\(c.name): \(r.peakBytes >> 20) MiB")
        let json = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        #expect(json?["error"] as? String == c.kind, "\(c.name): \(String(describing: json?["detail"]))")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(c.name): \(r.stderr)")
        // Nothing is written next to the input.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["hostile.xlsx"])
    }
}
