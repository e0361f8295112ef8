import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import Testing

/// Reference data as files: the registry (its identifiers checked), and tables that rules read
/// with LOOKUP — here ЕГЭ minimum scores by year and subject.
@Suite struct ReferenceDataTests {
    static let bundled = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)

    @Test func theBundledReferenceDataLoads() {
        #expect(Self.bundled.issues.isEmpty, "\(Self.bundled.issues.map { $0.line(.en) })")
        #expect(Self.bundled.organisations.contains { $0.short.contains("МБОУ ЦО № 9") })
        #expect(Self.bundled.list("organisations")?.items.count == Self.bundled.organisations.count)
        #expect(Self.bundled.tables["ege-min"]?.value(["2024", "rus"]) == 24)
    }

    @Test func aRegistryIdentifierWithAWrongCheckDigitIsReportedAtItsLine() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("reference"), withIntermediateDirectories: true)
        try """
        organisations:
          - code: x
            name: Школа
            kind: general-school
            inn: "7707083894"
        """.write(to: dir.appendingPathComponent("reference/orgs.yaml"), atomically: true, encoding: .utf8)
        let catalog = SchemaCatalog(directory: dir.path)
        #expect(catalog.issues.contains { $0.location.line == 5 && $0.message.ru.contains("ИНН 7707083894") }, "\(catalog.issues)")
    }

    static let form = """
    id: ege-results
    version: 1
    title: {ru: Результаты ЕГЭ, en: ЕГЭ results}
    mechanism: 1
    period: academic-year
    periodicity: Ежегодно, июль
    sheets:
      - id: results
        name: ЕГЭ
        fields:
          - {code: subject, label: Предмет, type: code, list: subjects, required: true}
          - {code: score, label: Балл, type: integer, min: 0, max: 100, required: true}
          - {code: below, label: Ниже минимального, type: boolean, required: true}
    rules:
      - id: ege.below-min
        check: below = (score < LOOKUP("ege-min", 2024, subject))
        message: {ru: "«Ниже минимального» не сходится с минимальным баллом", en: "'Below the minimum' disagrees with the minimum score"}
    """

    @Test func rulesReadReferenceTablesByNameOrCode() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try testCatalog(in: dir, form: Self.form, named: "ege", references: ["lists.yaml", "ege-min.yaml"])
        let path = dir.appendingPathComponent("e.xlsx").path
        let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
        try w.beginSheet(SheetSetup(name: "ЕГЭ"))
        let rows: [(String, Double, String)] = [("Русский язык", 23, "да"), ("Математика", 27, "нет"), ("Физика", 35, "нет"), ("Химия", 80, "нет")]
        try w.write(OutputRow(index: 0, cells: ["Предмет", "Балл", "Ниже минимального"].enumerated().map { OutputCell(column: $0.offset, value: .text($0.element)) }))
        for (i, r) in rows.enumerated() {
            try w.write(OutputRow(index: i + 1, cells: [OutputCell(column: 0, value: .text(r.0)), OutputCell(column: 1, value: .number(r.1)),
                                                        OutputCell(column: 2, value: .text(r.2))]))
        }
        try w.endSheet()
        try w.finish()
        let report = try Validator(catalog: catalog).validate(try Spreadsheet.open(path: path), form: try #require(catalog.form("ege-results")),
                                                             file: path, sha256: "")
        // Физика 35 is below its minimum of 36, yet marked «нет»: the one finding.
        #expect(report.findings.map { "\($0.rule) \($0.cell?.a1 ?? "")" } == ["ege.below-min C4"], "\(report.findings.map(\.message.ru))")
    }
}
