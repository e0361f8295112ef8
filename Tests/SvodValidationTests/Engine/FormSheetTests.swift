import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import Testing

/// Form sheets (fixed cells, as statistical forms are laid out): each field at its address.
@Suite struct FormSheetTests {
    static let schema = """
    id: staff
    version: 1
    title: {ru: Кадры, en: Staff}
    mechanism: 6
    period: academic-year
    periodicity: Ежегодно, сентябрь
    sheets:
      - id: staff
        name: Кадры
        layout: form
        fields:
          - {code: total, label: Всего педагогов, type: integer, cell: C4, required: true, min: 0}
          - {code: higher, label: С высшим образованием, type: integer, cell: C5, min: 0}
          - {code: young, label: До 35 лет, type: integer, cell: C6, min: 0}
          - {code: inn, label: ИНН, type: inn, cell: C2, required: true}
    rules:
      - id: staff.higher
        check: higher <= total
        message: {ru: "С высшим образованием ({actual}) больше, чем всего ({expected})", en: "More with higher education ({actual}) than in total ({expected})"}
    """

    func run(_ cells: [String: CellValue]) throws -> ValidationReport {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try testCatalog(in: dir, form: Self.schema, named: "staff", references: [])
        let path = dir.appendingPathComponent("f.xlsx").path
        let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
        try w.beginSheet(SheetSetup(name: "Кадры"))
        let byRow = Dictionary(grouping: cells.map { (CellReference($0.key)!, $0.value) }) { $0.0.row }
        for r in byRow.keys.sorted() {
            try w.write(OutputRow(index: r, cells: byRow[r]!.sorted { $0.0.column < $1.0.column }.map { OutputCell(column: $0.0.column, value: $0.1) }))
        }
        try w.endSheet()
        try w.finish()
        let reader = try Spreadsheet.open(path: path)
        let form = try #require(try FormDetector.detect(reader, in: catalog))
        return try Validator(catalog: catalog).validate(reader, form: form, file: path, sha256: "")
    }

    @Test func aCorrectFormHasNoFindings() throws {
        let r = try run(["C2": .text("7707083893"), "C4": .number(40), "C5": .number(35), "C6": .number(12)])
        #expect(r.findings.isEmpty, "\(r.findings.map { "\($0.rule) \($0.place ?? "") \($0.message.ru)" })")
    }

    @Test func mistakesAreFoundAtTheirCells() throws {
        let r = try run(["C2": .text("7707083894"), "C4": .number(40), "C5": .number(45)])
        #expect(r.findings.contains { $0.rule == "staff.higher" && $0.cell?.a1 == "C5" && $0.severity == .error })
        #expect(r.findings.contains { $0.rule == "field.type" && $0.cell?.a1 == "C2" }, "a wrong ИНН check digit")
        #expect(!r.findings.contains { $0.cell?.a1 == "C6" }, "an optional empty cell is fine")
    }

    @Test func anIdentifierTypedAsANumberKeepsItsLeadingZeroWithANote() throws {
        let r = try run(["C2": .number(274012343), "C4": .number(1)])
        #expect(r.findings.contains { $0.rule == "field.format" && $0.cell?.a1 == "C2" && $0.severity == .warning })
        #expect(!r.findings.contains { $0.severity == .error }, "\(r.findings.map { "\($0.rule) \($0.message.ru)" })")
    }
}
