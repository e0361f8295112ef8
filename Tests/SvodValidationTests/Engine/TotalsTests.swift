import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import Testing

/// «Всего» rows must equal the sum of their parts, per group when the schema says so
/// (the seed's table 2.4.1: «Всего человеко-экзаменов» is the column sum).
@Suite struct TotalsTests {
    static let schema = """
    id: gia9
    version: 1
    title: {ru: Участники ГИА-9, en: GIA-9 participants}
    mechanism: 1
    period: academic-year
    periodicity: Ежегодно, июль
    sheets:
      - id: participants
        name: ГИА-9
        key: [subject]
        totals: {label-field: subject, fields: [n]}
        fields:
          - {code: subject, label: Предмет, type: code, list: subjects, required: true}
          - {code: n, label: Количество участников, type: integer, min: 0, required: true}
    """

    func run(_ rows: [(String, Double)]) throws -> ValidationReport {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try testCatalog(in: dir, form: Self.schema, named: "gia9")
        let path = dir.appendingPathComponent("g.ods").path
        let w = try SpreadsheetOutput.create(path: path, format: .ods)
        try w.beginSheet(SheetSetup(name: "ГИА-9"))
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("Предмет")), OutputCell(column: 1, value: .text("Количество участников"))]))
        for (i, r) in rows.enumerated() {
            try w.write(OutputRow(index: i + 1, cells: [OutputCell(column: 0, value: .text(r.0)), OutputCell(column: 1, value: .number(r.1))]))
        }
        try w.endSheet()
        try w.finish()
        let reader = try Spreadsheet.open(path: path)
        return try Validator(catalog: catalog).validate(reader, form: try #require(catalog.form("gia9")), file: path, sha256: "")
    }

    @Test func aTotalThatAddsUpIsFine() throws {
        let r = try run([("Русский язык", 4658), ("Математика", 4657), ("Биология", 1028), ("Всего человеко-экзаменов", 10343)])
        // «Всего человеко-экзаменов» is not one of the default labels: declare it or it is a subject.
        #expect(r.findings.contains { $0.rule == "field.list" })
        let ok = try run([("Русский язык", 4658), ("Математика", 4657), ("Биология", 1028), ("Всего", 10343)])
        #expect(ok.findings.isEmpty, "\(ok.findings.map { "\($0.rule) \($0.place ?? "") \($0.message.ru)" })")
    }

    @Test func aTotalThatDoesNotIsFoundAtItsCell() throws {
        let r = try run([("Русский язык", 4658), ("Математика", 4657), ("Итого", 9300)])
        let f = try #require(r.findings.first { $0.rule == "totals.sum" })
        #expect(f.cell?.a1 == "B4" && f.actual == "9300" && f.expected == "9315" && f.severity == .error)
        #expect(f.message.ru.contains("9315"))
    }

    /// Per-group «Всего» rows and an «Итого» with no group: the grand total sums every group.
    @Test func aGrandTotalUnderGroupsSumsThemAll() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try testCatalog(in: dir, form: """
        id: grouped
        version: 1
        title: Группы
        mechanism: 1
        period: academic-year
        periodicity: Ежегодно
        sheets:
          - id: s
            name: Лист
            totals: {label-field: what, group-by: [cls], fields: [n]}
            fields:
              - {code: cls, label: Класс, type: text}
              - {code: what, label: Строка, type: text}
              - {code: n, label: Число, type: integer}
        """, named: "g", references: [])
        let path = dir.appendingPathComponent("g.xlsx").path
        let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
        try w.beginSheet(SheetSetup(name: "Лист"))
        let rows: [[CellValue]] = [[.text("Класс"), .text("Строка"), .text("Число")],
                                   [.text("4"), .text("а"), .number(10)], [.text("4"), .text("б"), .number(5)], [.text("4"), .text("Всего"), .number(15)],
                                   [.text("5"), .text("а"), .number(20)], [.text("5"), .text("Всего"), .number(20)],
                                   [.empty, .text("Итого"), .number(35)]]
        for (i, r) in rows.enumerated() {
            try w.write(OutputRow(index: i, cells: r.enumerated().compactMap { $0.element == .empty ? nil : OutputCell(column: $0.offset, value: $0.element) }))
        }
        try w.endSheet()
        try w.finish()
        let report = try Validator(catalog: catalog).validate(try Spreadsheet.open(path: path), form: try #require(catalog.form("grouped")),
                                                             file: path, sha256: "")
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message.ru))")
    }
}
