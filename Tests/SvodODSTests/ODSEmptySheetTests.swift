import Foundation
import SvodODS
import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
import SvodZip
import Testing

/// A sheet with no rows (the empty «Лист2» and «Лист3» of a new Excel workbook, a chart-only
/// workbook's data sheet) is still a valid ODF table: ODF 1.3's `table:table` wants at least
/// one row, so svod writes what LibreOffice writes for an empty sheet — one empty row of one
/// empty cell.
@Suite struct ODSEmptySheetTests {
    static let emptyTable = #"<table:table-row><table:table-cell/></table:table-row></table:table>"#

    /// The `table:table` elements of `content.xml`, by sheet name.
    static func tables(_ xml: String) -> [String: String] {
        var out: [String: String] = [:]
        var rest = xml[...]
        while let start = rest.range(of: "<table:table table:name=\""), let end = rest.range(of: "</table:table>", range: start.upperBound..<rest.endIndex) {
            let nameEnd = rest[start.upperBound...].firstIndex(of: "\"")!
            out[String(rest[start.upperBound..<nameEnd])] = String(rest[start.lowerBound..<end.upperBound])
            rest = rest[end.upperBound...]
        }
        return out
    }

    @Test func anEmptySheetIsOneEmptyRowOfOneEmptyCell() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("empty.ods").path
        let w = try ODSWriter(path: path)
        try w.beginSheet(SheetSetup(name: "Данные"))
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("ИТОГО")), OutputCell(column: 1, value: .number(240))]))
        try w.endSheet()
        try w.beginSheet(SheetSetup(name: "Пустой"))
        try w.endSheet()
        try w.beginSheet(SheetSetup(name: "Ширины", columns: [ColumnSetup(0, 2, width: 30)]))
        try w.endSheet()
        try w.beginSheet(SheetSetup(name: "Скрытый", visibility: .hidden))
        try w.endSheet()
        try w.finish()

        let zip = try ZipArchive(path: path)
        let xml = String(decoding: try zip.read(zip.entry(named: "content.xml")!), as: UTF8.self)
        let tables = Self.tables(xml)
        #expect(tables.count == 4)
        for name in ["Пустой", "Ширины", "Скрытый"] {
            let table = try #require(tables[name], "\(name) missing")
            #expect(table.hasSuffix(Self.emptyTable), "\(name): \(table)")
            #expect(table.components(separatedBy: "<table:table-row").count == 2, "\(name): one row")
        }
        #expect(tables["Данные"].map { !$0.hasSuffix(Self.emptyTable) } == true, "a sheet with rows gets no extra one")

        // What reads it back sees the same empty sheets, in order.
        let dump = try WorkbookDump(Spreadsheet.open(path: path))
        #expect(dump.sheets.map(\.name) == ["Данные", "Пустой", "Ширины", "Скрытый"])
        for i in 1...3 { #expect(try Sheet(reading: Spreadsheet.open(path: path), index: i).cells.isEmpty, "sheet \(i) reads empty") }

        // And the ODF 1.3 schema accepts it.
        guard let shared = TestPaths.shared, FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") else {
            print("notice: ../shared/schemas or xmllint absent; schema validation skipped")
            return
        }
        let file = dir.appendingPathComponent("content.xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        let rng = shared.appendingPathComponent("schemas/odf/schema.rng").path
        let r = try runProcess(URL(fileURLWithPath: "/usr/bin/xmllint"), ["--noout", "--nonet", "--relaxng", rng, file.path])
        #expect(r.status == 0, "content.xml does not validate:\n\(r.stderr.prefix(2000))")
    }
}
