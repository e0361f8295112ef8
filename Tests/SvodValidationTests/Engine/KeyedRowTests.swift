import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import Testing

/// A table's row by its key (`results.n["4", "rus"]`): found however its key was typed, pointed
/// at when it is the left side, and missing — under the rule's `missing:` policy — when absent.
@Suite struct KeyedRowTests {
    static let schema = """
    id: keyed
    version: 1
    title: {ru: Ключевые строки, en: Keyed rows}
    mechanism: 1
    period: academic-year
    periodicity: Ежегодно
    sheets:
      - id: summary
        name: Итог
        layout: form
        fields:
          - {code: rus4, label: Писали русский в 4 классе, type: integer, cell: C3}
      - id: results
        name: Результаты
        key: [class, subject]
        fields:
          - {code: class, label: Класс, type: code, list: classes, required: true}
          - {code: subject, label: Предмет, type: code, list: subjects, required: true}
          - {code: n, label: Участников, type: integer, min: 0, required: true}
    rules:
      - id: keyed.rus4
        sheet: summary
        check: rus4 = results.n["4", "rus"]
        message: {ru: "В итоге {actual}, а в строке {expected}", en: "{actual} in the summary, {expected} in the row"}
      - id: keyed.math5
        sheet: results
        check: results.n["5", "Математика"] <= 30
        missing: error
        message: {ru: "Математику в 5 классе писали {actual}, больше {expected}", en: "{actual} wrote grade 5 maths, more than {expected}"}
    """

    func run(rus4: Double = 25, rows: [(String, String, CellValue)]) throws -> ValidationReport {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try testCatalog(in: dir, form: Self.schema, named: "keyed")
        let path = dir.appendingPathComponent("k.xlsx").path
        let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
        try w.beginSheet(SheetSetup(name: "Итог"))
        try w.write(OutputRow(index: 2, cells: [OutputCell(column: 2, value: .number(rus4))]))
        try w.endSheet()
        try w.beginSheet(SheetSetup(name: "Результаты"))
        try w.write(OutputRow(index: 0, cells: ["Класс", "Предмет", "Участников"].enumerated().map { OutputCell(column: $0.offset, value: .text($0.element)) }))
        for (i, r) in rows.enumerated() {
            try w.write(OutputRow(index: i + 1, cells: [OutputCell(column: 0, value: .text(r.0)), OutputCell(column: 1, value: .text(r.1)),
                                                        OutputCell(column: 2, value: r.2)]))
        }
        try w.endSheet()
        try w.finish()
        return try Validator(catalog: catalog).validate(try Spreadsheet.open(path: path), form: try #require(catalog.form("keyed")), file: path, sha256: "")
    }

    func shown(_ r: ValidationReport) -> [String] { r.findings.map { "\($0.rule) \($0.place ?? "")" } }

    @Test func aRowFoundByItsKeyHolds() throws {
        // Typed as names and abbreviations: the key reads as list codes, as LOOKUP's does.
        let r = try run(rows: [("4", "Рус. яз.", .number(25)), ("5", "математика", .number(28))])
        #expect(r.findings.isEmpty, "\(shown(r))")
    }

    @Test func theRowsValueFailsTheRuleAtItsOwnCell() throws {
        let r = try run(rows: [("4", "Русский язык", .number(25)), ("5", "Математика", .number(31))])
        #expect(shown(r) == ["keyed.math5 Результаты!C3"], "\(shown(r))")
        let f = try #require(r.findings.first)
        #expect(f.rowKey?.ru == "5, Математика" && f.message.ru == "Математику в 5 классе писали 31, больше 30", "\(f.message.ru)")
    }

    @Test func aFormSheetsValueIsComparedWithTheRow() throws {
        let r = try run(rus4: 24, rows: [("4", "Русский язык", .number(25)), ("5", "Математика", .number(28))])
        #expect(shown(r) == ["keyed.rus4 Итог!C3"], "\(shown(r))")
        #expect(r.findings.first?.expected == "25")
    }

    /// No such row: the value is missing, and the rule's `missing:` policy decides.
    @Test func aMissingRowIsAMissingValue() throws {
        let r = try run(rows: [("6", "Русский язык", .number(25))])
        // keyed.rus4 skips (skip-if-any); keyed.math5 says its value is missing (missing: error).
        #expect(shown(r) == ["keyed.math5 Результаты"], "\(shown(r))")
        #expect(r.findings.first?.message.ru.contains("не хватает значений") == true)
    }

    /// A value that fails its own check is reported once, there, and is missing for the rule.
    @Test func aRowsValueThatFailsItsCheckIsMissing() throws {
        let r = try run(rus4: 3, rows: [("4", "Русский язык", .text("25 чел.")), ("5", "Математика", .number(28))])
        #expect(shown(r) == ["field.type Результаты!C2"], "\(shown(r))")
    }
}
