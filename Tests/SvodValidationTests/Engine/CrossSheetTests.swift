import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import Testing

/// Rules across the sheets of one form: every row reads the form sheets' single values and is
/// reported at its own cell; aggregates leave out the «Всего» rows they would count twice; a
/// code field reads as its list item's code; the school must be one that submits the form.
@Suite struct CrossSheetTests {
    static let schema = """
    id: ege-test
    version: 1
    title: {ru: ЕГЭ (проверка), en: EGE (test)}
    mechanism: 1
    period: academic-year
    periodicity: Ежегодно, август
    submitters: [general-school]
    sheets:
      - id: title
        name: Титул
        layout: form
        fields:
          - {code: school, label: Образовательная организация, type: code, list: organisations, cell: C3, required: true}
      - id: grads
        name: Выпускники
        layout: form
        fields:
          - {code: admitted, label: Допущены к ГИА, type: integer, cell: C3, required: true, min: 0}
          - {code: exams, label: Сдано экзаменов всего, type: integer, cell: C4, min: 0}
          - {code: profile, label: Профильные классы есть, type: boolean, cell: C5}
      - id: results
        name: ЕГЭ
        key: [subject]
        totals: {label-field: subject, fields: [n]}
        fields:
          - {code: subject, label: Предмет, type: code, list: subjects, required: true}
          - {code: n, label: Участников, type: integer, min: 0, required: true}
    rules:
      - id: t.within
        sheet: results
        check: n <= grads.admitted
        message: {ru: "Участников {actual}, а допущено {expected}", en: "{actual} took it, {expected} admitted"}
      - id: t.russian
        sheet: results
        check: n = grads.admitted
        when: subject = "rus"
        message: {ru: "Русский писали {actual}, а допущено {expected}", en: "{actual} took Russian, {expected} admitted"}
      - id: t.exams
        sheet: grads
        check: exams = SUM(results.n)
        message: {ru: "Экзаменов {actual}, а по предметам {expected}", en: "{actual} exams, {expected} by subject"}
      - id: t.total
        sheet: grads
        check: exams = results.n
        message: {ru: "Экзаменов {actual}, а в строке «Всего» {expected}", en: "{actual} exams, {expected} in the total row"}
      - id: t.school-rows
        sheet: results
        check: n <= 60
        when: title.school = "co9"
        message: {ru: "Участников {actual}, больше {expected}", en: "{actual} took it, more than {expected}"}
      - id: t.no-chemistry
        sheet: results
        check: subject <> "chem"
        message: {ru: "Предмет {actual} в этой форме не сдают", en: "{actual} is not taken in this form"}
      - id: t.school-named
        sheet: grads
        check: SUM(results.n) >= 0 AND title.school <> ""
        message: {ru: "Нет школы", en: "No school"}
      - id: t.profile
        sheet: grads
        check: profile = (admitted > 0)
        message: {ru: "Профильные классы: {actual}, ожидалось {expected}", en: "Profile classes: {actual}, expected {expected}"}
    """

    func run(school: String = "co9", admitted: Double = 50, exams: Double = 70, profile: Bool = true,
             rows: [(String, Double)] = [("Русский язык", 50), ("Физика", 20), ("Всего", 70)],
             templateVersion: String? = nil, typed: (row: Int, text: String)? = nil) throws -> ValidationReport {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try testCatalog(in: dir, form: Self.schema, named: "t", references: ["lists.yaml", "organisations.yaml"])
        let path = dir.appendingPathComponent("t.xlsx").path
        let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
        if let templateVersion {
            w.properties = DocumentProperties(custom: [(name: "svod.form", value: "ege-test"), (name: "svod.version", value: templateVersion)])
        }
        try w.beginSheet(SheetSetup(name: "Титул"))
        try w.write(OutputRow(index: 2, cells: [OutputCell(column: 2, value: .text(school))]))
        try w.endSheet()
        try w.beginSheet(SheetSetup(name: "Выпускники"))
        for (r, v) in [(2, CellValue.number(admitted)), (3, .number(exams)), (4, .text(profile ? "да" : "нет"))] {
            try w.write(OutputRow(index: r, cells: [OutputCell(column: 2, value: v)]))
        }
        try w.endSheet()
        try w.beginSheet(SheetSetup(name: "ЕГЭ"))
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("Предмет")), OutputCell(column: 1, value: .text("Участников"))]))
        for (i, r) in rows.enumerated() {
            let value: CellValue = typed?.row == i ? .text(typed!.text) : .number(r.1)
            try w.write(OutputRow(index: i + 1, cells: [OutputCell(column: 0, value: .text(r.0)), OutputCell(column: 1, value: value)]))
        }
        try w.endSheet()
        try w.finish()
        return try Validator(catalog: catalog).validate(try Spreadsheet.open(path: path), form: try #require(catalog.form("ege-test")),
                                                        file: path, sha256: "")
    }

    func shown(_ r: ValidationReport) -> [String] { r.findings.map { "\($0.rule) \($0.place ?? "")" } }

    @Test func consistentSheetsHaveNoFindings() throws {
        let r = try run()
        #expect(r.findings.isEmpty, "\(shown(r))")
    }

    @Test func eachRowIsCheckedAgainstAFormSheetAtItsOwnCell() throws {
        let r = try run(rows: [("Русский язык", 50), ("Физика", 60), ("Всего", 110)], )
        #expect(shown(r).contains("t.within ЕГЭ!B3"), "\(shown(r))")
        // The «Всего» row (110) is not: it sums the subjects.
        #expect(!shown(r).contains("t.within ЕГЭ!B4"), "a sum of rows is not compared with a per-school figure")
    }

    @Test func aCodeFieldReadsAsItsListCodeHoweverItIsSpelt() throws {
        let r = try run(rows: [("Рус. яз.", 48), ("Физика", 22), ("Всего", 70)])
        #expect(shown(r) == ["t.russian ЕГЭ!B2"], "\(shown(r))")
    }

    @Test func aggregatesLeaveOutTheTotalRowAndTheColumnAloneIsTheTotal() throws {
        // SUM over the rows is 70 (not 140 with «Всего»); a wrong «Всего» is caught by the totals and t.total.
        let r = try run(exams: 70, rows: [("Русский язык", 50), ("Физика", 20), ("Всего", 75)])
        #expect(Set(shown(r)) == ["totals.sum ЕГЭ!B4", "t.total Выпускники!C4"], "\(shown(r))")
        let sum = try run(exams: 71)
        #expect(Set(shown(sum)) == ["t.exams Выпускники!C4", "t.total Выпускники!C4"], "\(shown(sum))")
    }

    /// «20 чел.» in a summed cell is one finding, at that cell: the sum over the column and the
    /// «Всего» row are unknown without it, not wrong.
    @Test func anUnreadableValueIsNotReportedAgainByTheAggregatesThatSumIt() throws {
        let r = try run(typed: (row: 1, text: "20 чел."))
        #expect(shown(r) == ["field.type ЕГЭ!B3"], "\(shown(r))")
    }

    /// A rule over the whole form naming the school does not turn the school back into typed
    /// text for the rules run on each row: they still read its registry code.
    @Test func theSchoolReadsAsItsCodeInEveryRule() throws {
        let r = try run(school: "МБОУ ЦО № 9", rows: [("Русский язык", 50), ("Физика", 65), ("Всего", 115)], )
        #expect(shown(r).contains("t.school-rows ЕГЭ!B3"), "\(shown(r))")
    }

    /// A form sheet's value that fails its own check (a negative count) is one finding: the rules
    /// of other sheets that read it treat it as missing, as its own sheet's rules do.
    @Test func aValueThatFailsItsCheckIsReportedOnce() throws {
        let r = try run(admitted: -5)
        #expect(shown(r) == ["field.range Выпускники!C3"], "\(shown(r))")
    }

    /// A code field is compared by its list code but shown as the school typed it.
    @Test func aCodeFieldIsShownAsTyped() throws {
        let r = try run(rows: [("Русский язык", 50), ("Хим.", 20), ("Всего", 70)])
        let f = try #require(r.findings.first { $0.rule == "t.no-chemistry" }, "\(shown(r))")
        #expect(f.place == "ЕГЭ!A3" && f.message.ru == "Предмет Хим. в этой форме не сдают", "\(f.message.ru)")
    }

    @Test func yesNoValuesAreShownInWords() throws {
        let r = try run(profile: false)
        let f = try #require(r.findings.first { $0.rule == "t.profile" })
        #expect(f.place == "Выпускники!C5")
        #expect(f.message.ru == "Профильные классы: нет, ожидалось да" && f.message.en == "Profile classes: no, expected yes", "\(f.message)")
    }

    /// A school filling last year's template is told so; the file is checked against the form as it is now.
    @Test func anOlderTemplateIsAWarning() throws {
        #expect(try run(templateVersion: "1").findings.isEmpty)
        let old = try run(templateVersion: "0")
        #expect(shown(old) == ["form.version "], "\(shown(old))")
        #expect(old.findings.first?.severity == .warning && old.findings.first?.message.ru.contains("версии 0") == true)
    }

    @Test func theSchoolMustBeOneThatSubmitsTheForm() throws {
        let r = try run(school: "Плехановская НОШ")
        #expect(shown(r) == ["school.submitter Титул!C3"], "\(shown(r))")
        let unknown = try run(school: "МБОУ ЦО № 999")
        #expect(shown(unknown) == ["field.list Титул!C3"], "\(shown(unknown))")
    }
}
