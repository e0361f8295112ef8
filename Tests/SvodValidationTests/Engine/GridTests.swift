import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import Testing

/// Statistical forms address cells by row code × column code: a school that inserts a row or
/// a column does not move a value, and a file that lost its codes is read where the template
/// put them, with a note.
@Suite struct GridTests {
    static let schema = """
    id: oo1
    version: 1
    title: {ru: Кадры (ОО-1), en: Staff}
    mechanism: 1
    period: academic-year
    periodicity: Ежегодно, сентябрь
    sheets:
      - id: staff
        name: Раздел 1
        layout: form
        grid:
          rows:
            - {code: "01", label: Численность педагогических работников — всего}
            - {code: "02", label: из них учителей}
          columns:
            - {code: "3", label: Всего}
            - {code: "4", label: из них женщин}
        fields:
          - {code: staff_all, label: Педагогов всего, type: integer, min: 0, row: "01", column: "3", required: true}
          - {code: staff_women, label: Педагогов-женщин, type: integer, min: 0, row: "01", column: "4"}
          - {code: teachers_all, label: Учителей всего, type: integer, min: 0, row: "02", column: "3", required: true}
          - {code: teachers_women, label: Учителей-женщин, type: integer, min: 0, row: "02", column: "4"}
    rules:
      - id: oo1.teachers
        sheet: staff
        check: teachers_all <= staff_all
        message: {ru: "Учителей {actual} больше, чем педагогов ({expected})", en: "{actual} teachers, more than {expected} staff"}
      - id: oo1.women
        sheet: staff
        check: teachers_women <= teachers_all
        message: {ru: "Учителей-женщин {actual} больше, чем учителей ({expected})", en: "{actual} women teachers, more than {expected}"}
    """

    /// Writes the grid with its frame starting at (`top`, `left`), an optional blank column
    /// between the codes and the numbers, and the rows in the given order.
    func run(top: Int = 2, gap: Int = 0, rows: [(String, String, Double, Double)], codes: Bool = true,
             headerOnly: Bool = false) throws -> ValidationReport {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try testCatalog(in: dir, form: Self.schema, named: "oo1")
        let path = dir.appendingPathComponent("g.xlsx").path
        let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
        try w.beginSheet(SheetSetup(name: "Раздел 1"))
        func texts(_ r: Int, _ t: [String?]) throws {
            try w.write(OutputRow(index: r, cells: t.enumerated().compactMap { i, s in s.map { OutputCell(column: i, value: .text($0)) } }))
        }
        let pad = [String?](repeating: nil, count: gap)
        if headerOnly {
            try texts(top, ["Наименование показателя", "№ строки"])
        } else if codes {
            try texts(top, ["Наименование показателя", "№ строки"] + pad + ["Всего", "из них женщин"])
            try w.write(OutputRow(index: top + 1, cells: ([1, 2] as [Double]).enumerated().map { OutputCell(column: $0.offset, value: .number($0.element)) }
                                  + [OutputCell(column: 2 + gap, value: .number(3)), OutputCell(column: 3 + gap, value: .number(4))]))
        }
        for (i, r) in rows.enumerated() {
            try w.write(OutputRow(index: top + 2 + i, cells: [OutputCell(column: 0, value: .text(r.0)), OutputCell(column: 1, value: .text(codes ? r.1 : "")),
                                                              OutputCell(column: 2 + gap, value: .number(r.2)), OutputCell(column: 3 + gap, value: .number(r.3))]))
        }
        try w.endSheet()
        try w.finish()
        return try Validator(catalog: catalog).validate(try Spreadsheet.open(path: path), form: try #require(catalog.form("oo1")), file: path, sha256: "")
    }

    func shown(_ r: ValidationReport) -> [String] { r.findings.map { "\($0.rule) \($0.place ?? "")" } }

    @Test func theTemplatesLayoutValidates() throws {
        let r = try run(rows: [("Педагогов", "01", 40, 30), ("Учителей", "02", 35, 29)])
        #expect(r.findings.isEmpty, "\(shown(r))")
    }

    @Test func insertedRowsAndColumnsDoNotMoveValues() throws {
        // Rows swapped, a column inserted before the numbers, the frame two rows lower.
        let r = try run(top: 4, gap: 1, rows: [("Учителей", "2", 35, 36), ("Итого педагогов", "1", 40, 30)])
        #expect(shown(r) == ["oo1.women Раздел 1!E7"], "\(shown(r))")
    }

    @Test func aFileWithoutCodesIsReadAtTheTemplatesCellsWithANote() throws {
        let r = try run(rows: [("Педагогов", "01", 40, 30), ("Учителей", "02", 45, 29)], codes: false)
        #expect(shown(r) == ["grid.codes Раздел 1", "oo1.teachers Раздел 1!C6"], "\(shown(r))")
    }

    /// The codes are there but one row's code was wiped, and a row was inserted where the
    /// template had it: the value is not taken from the wrong row, its absence is said.
    @Test func aLostRowCodeIsALostValueNotAnotherRowsValue() throws {
        let r = try run(rows: [("Педагогов", "01", 40, 30), ("вставка", "01.1", 2, 1), ("Учителей", "", 35, 29)])
        #expect(Set(shown(r)) == ["grid.code Раздел 1"], "\(shown(r))")
        #expect(r.findings.filter { $0.rule == "grid.code" }.count == 2 && r.findings.contains { $0.severity == .error })
    }

    /// Without the row of column numbers a data row is not taken for it: no codes, the template's cells.
    @Test func aDataRowIsNotTakenForTheColumnNumbers() throws {
        let r = try run(rows: [("Педагогов", "01", 4, 3), ("Учителей", "02", 3, 1)], headerOnly: true)
        #expect(shown(r) == ["grid.codes Раздел 1"], "\(shown(r))")
    }

    /// A «№ строки» on the sheet's last row, nothing under it: nothing to find, no crash.
    @Test func aLoneRowCodeHeaderIsNoGrid() throws {
        let r = try run(rows: [], headerOnly: true)
        #expect(shown(r).contains("grid.codes Раздел 1") && shown(r).contains("field.required Раздел 1!C5"), "\(shown(r))")
        // Nothing filled at all: the form itself is reported empty, first.
        #expect(r.findings.first?.rule == "form.empty")
    }

    @Test(arguments: [
        ("row: \"01\", column: \"3\", required: true}", "row: \"09\", column: \"3\", required: true}", "has no row"),
        ("row: \"01\", column: \"3\", required: true}", "row: \"01\", required: true}", "together"),
        ("- {code: \"02\", label: из них учителей}", "- {code: \"01\", label: из них учителей}", "codes repeat"),
    ])
    func gridMistakesAreSchemaMistakes(_ original: String, _ broken: String, _ mentions: String) {
        let text = Self.schema.replacingOccurrences(of: original, with: broken)
        #expect(text != Self.schema)
        let (form, issues) = SchemaLoader.form(text, file: "oo1.yaml")
        #expect(form == nil && issues.contains { $0.message.en.contains(mentions) }, "\(issues.map { $0.line(.en) })")
    }
}
