import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import Testing

/// Tables with a fixed list of rows: every listed row must be there, others are queried.
@Suite struct FixedRowsTests {
    static let schema = """
    id: gia9-subjects
    version: 1
    title: {ru: ГИА-9 по предметам, en: GIA-9 by subject}
    mechanism: 1
    period: academic-year
    periodicity: Ежегодно, июль
    sheets:
      - id: s
        name: ГИА-9
        key: [subject]
        rows:
          - {subject: Русский язык}
          - {subject: math}
        fields:
          - {code: subject, label: Предмет, type: code, list: subjects, required: true}
          - {code: n, label: Участников, type: integer, min: 0}
    """

    @Test func aMissingListedRowIsAnErrorAndAnExtraOneAQuery() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try testCatalog(in: dir, form: Self.schema, named: "f")
        let path = dir.appendingPathComponent("f.xlsx").path
        let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
        try w.beginSheet(SheetSetup(name: "ГИА-9"))
        for (i, r) in [["Предмет", "Участников"], ["русский  язык", "120"], ["Физика", "14"]].enumerated() {
            try w.write(OutputRow(index: i, cells: r.enumerated().map {
                OutputCell(column: $0.offset, value: i > 0 && $0.offset == 1 ? .number(Double($0.element)!) : .text($0.element))
            }))
        }
        try w.endSheet()
        try w.finish()
        let report = try Validator(catalog: catalog).validate(try Spreadsheet.open(path: path), form: try #require(catalog.form("gia9-subjects")),
                                                             file: path, sha256: "")
        #expect(report.findings.contains { $0.rule == "row.missing" && $0.severity == .error && $0.message.ru.contains("Математика") })
        #expect(report.findings.contains { $0.rule == "row.unexpected" && $0.cell?.a1 == "A3" && $0.severity == .warning })
        #expect(report.findings.count == 2, "«русский  язык» matches «Русский язык»: \(report.findings.map(\.message.ru))")
    }
}
