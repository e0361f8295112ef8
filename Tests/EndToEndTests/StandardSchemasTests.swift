import Foundation
import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
import SvodZip
import Testing

/// The schema check itself: long tables are validated in row groups (libxml2 is slow on long
/// runs of rows), and a bad row deep in one is still caught.
@Suite struct StandardSchemasTests {
    /// An ODS of `rows` rows, its parts, and the path.
    static func longSheet(rows: Int, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("long.ods").path
        let writer = try SpreadsheetOutput.create(path: path, format: .ods)
        try writer.beginSheet(SheetSetup(name: "Данные"))
        for r in 0..<rows {
            try writer.write(OutputRow(index: r, cells: [OutputCell(column: 0, value: .text("школа \(r)")), OutputCell(column: 1, value: .number(Double(r)))]))
        }
        try writer.endSheet()
        try writer.beginSheet(SheetSetup(name: "Короткий"))
        try writer.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .number(1))]))
        try writer.endSheet()
        try writer.finish()
        return path
    }

    /// `path` with its content.xml changed by `edit`, as a stored zip beside it.
    static func editing(_ path: String, _ edit: (String) -> String) throws -> String {
        let zip = try ZipArchive(path: path)
        var builder = ZipBuilder()
        for e in zip.entries {
            let data = try zip.read(e)
            builder.add(.init(name: e.name, data: e.name == "content.xml" ? Array(edit(String(decoding: data, as: UTF8.self)).utf8) : data))
        }
        let out = path.replacingOccurrences(of: ".ods", with: ".edited.ods")
        try Data(builder.build()).write(to: URL(fileURLWithPath: out))
        return out
    }

    @Test func longTablesAreGroupedAndABadRowDeepInOneIsCaught() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.longSheet(rows: 600, in: dir)
        let zip = try ZipArchive(path: path)
        let xml = String(decoding: try zip.read(zip.entry(named: "content.xml")!), as: UTF8.self)
        let grouped = String(decoding: StandardSchemas.groupingRows(Array(xml.utf8)), as: UTF8.self)
        // 600 rows in groups of 256: three groups; the one-row sheet is left as it is.
        #expect(grouped.components(separatedBy: "<table:table-row-group>").count - 1 == 3)
        #expect(grouped.components(separatedBy: "</table:table-row-group>").count - 1 == 3)
        #expect(grouped.replacingOccurrences(of: "<table:table-row-group>", with: "").replacingOccurrences(of: "</table:table-row-group>", with: "") == xml)

        guard let schemas = StandardSchemas.folder else {
            print("notice: ../shared/schemas or xmllint absent; schema validation skipped")
            return
        }
        #expect(try StandardSchemas.problems(files: [path], scratch: dir, schemas: schemas).isEmpty)
        // Row 500 given an attribute ODF does not have: in the third group, still an error.
        let bad = try Self.editing(path) { xml in
            var parts = xml.components(separatedBy: "<table:table-row>")
            parts[500] = #"<table:table-row table:bogus="1">"# + parts[500]
            return parts[..<500].joined(separator: "<table:table-row>") + parts[500...].joined(separator: "<table:table-row>")
        }
        let problems = try StandardSchemas.problems(files: [bad], scratch: dir, schemas: schemas)
        #expect(problems.count == 1 && problems.first?.contains("content.xml does not validate") == true, "\(problems)")
    }
}
