import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import Testing

/// A table with no rules, keys or totals is checked as it is read, values that certainly pass
/// skipping the typed reading: every kind of mistake must still be found at its cell.
@Suite struct LeanTableTests {
    static let schema = """
    id: lean
    version: 1
    title: {ru: Таблица, en: Table}
    mechanism: 1
    period: academic-year
    periodicity: Ежегодно
    sheets:
      - id: t
        name: Данные
        fields:
          - {code: code, label: Код, type: text, pattern: "[0-9]{3}-[А-Я]{2}", required: true}
          - {code: subject, label: Предмет, type: code, list: subjects, required: true}
          - {code: form, label: Форма, type: text, allowed: [бумажная, компьютерная]}
          - {code: n, label: Участников, type: integer, min: 0, max: 100, required: true}
          - {code: share, label: Доля, type: percent, places: 1, min: 0, max: 100, aggregate: none}
    """

    @Test func everyMistakeIsFoundAndNothingElse() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try testCatalog(in: dir, form: Self.schema, named: "lean")
        let path = dir.appendingPathComponent("t.xlsx").path
        let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
        let pct = w.style(CellStyle(numberFormat: "0.0%"))
        try w.beginSheet(SheetSetup(name: "Данные"))
        try w.write(OutputRow(index: 0, cells: ["Код", "Предмет", "Форма", "Участников", "Доля"].enumerated().map { OutputCell(column: $0.offset, value: .text($0.element)) }))
        let rows: [[OutputCell]] = [
            [.init(column: 0, value: .text("123-АБ")), .init(column: 1, value: .text("Математика")), .init(column: 2, value: .text("бумажная")),
             .init(column: 3, value: .number(25)), .init(column: 4, value: .number(81.7))],                              // row 2: clean
            [.init(column: 0, value: .text("12-АБ")), .init(column: 1, value: .text("Астрология")), .init(column: 2, value: .text("устная")),
             .init(column: 3, value: .number(25.5)), .init(column: 4, value: .number(181.7))],                           // row 3: five mistakes
            [.init(column: 0, value: .text(" 124-ВГ ")), .init(column: 1, value: .text("—")), .init(column: 2, value: .text("-")),
             .init(column: 3, value: .text("12")), .init(column: 4, value: .number(0.817), style: pct)],                  // row 4: trimmed, placeholders, text number, % fraction
            [.init(column: 0, value: .text("125-ДЕ")), .init(column: 1, value: .text("русский  язык")), .init(column: 3, value: .number(-1))],   // row 5
            [.init(column: 0, value: .text("126-ЖЗ")), .init(column: 1, value: .text("Физика")), .init(column: 3, value: .number(1), style: pct)],  // row 6: % in a count
        ]
        for (i, r) in rows.enumerated() { try w.write(OutputRow(index: i + 1, cells: r)) }
        try w.endSheet()
        try w.finish()
        let report = try Validator(catalog: catalog).validate(try Spreadsheet.open(path: path), form: try #require(catalog.form("lean")),
                                                             file: path, sha256: "")
        let found = Set(report.findings.map { "\($0.rule) \($0.cell?.a1 ?? "")" })
        let expected: Set = ["field.pattern A3", "field.list B3", "field.allowed C3", "field.type D3", "field.range E3",
                             "field.required B4", "field.format D4", "field.range D5", "field.format D6"]
        #expect(found == expected, "found \(found.sorted()), expected \(expected.sorted())")
    }
}
