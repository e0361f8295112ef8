import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import Testing

/// What makes «ошибок нет» trustworthy: an empty form is not clean, last period's file must be
/// last period's, one mistake is one finding, and every finding says where and what is expected.
@Suite struct VerdictTests {
    let v = ValidatorTests()

    // MARK: Empty forms

    @Test func aTemplateWithOnlyTheTitleFilledIsNotClean() throws {
        try v.withDir { dir in
            let report = try v.validate(try ValidatorTests.write([], in: dir))
            #expect(!report.isValid)
            #expect(report.findings.contains { $0.rule == "sheet.empty" && $0.sheet == "ВПР" && $0.severity == .error })
            #expect(report.findings.first?.rule == "form.empty")
        }
    }

    @Test func oneRowIsNotAnEmptyForm() throws {
        try v.withDir { dir in
            let report = try v.validate(try ValidatorTests.write([ValidatorTests.good[0]], in: dir))
            #expect(report.findings.isEmpty, "\(report.findings.map(\.rule))")
        }
    }

    // MARK: Last period's file

    @Test func previousMustBeTheSameSchoolsEarlierPeriod() throws {
        try v.withDir { dir in
            let now = try ValidatorTests.write(ValidatorTests.good, in: dir, name: "now")
            let other = try ValidatorTests.write(ValidatorTests.good, in: dir, name: "other", period: "2022/2023", school: "co10")
            let older = try ValidatorTests.write(ValidatorTests.good, in: dir, name: "older", period: "2021/2022")
            let right = try ValidatorTests.write(ValidatorTests.good, in: dir, name: "right", period: "2022/2023")
            for (wrong, says) in [(other, "другой школы"), (now, "перед «2023/2024» идёт «2022/2023»"), (older, "«2021/2022»")] {
                do {
                    _ = try v.validate(now, previous: wrong)
                    Issue.record("\(wrong) taken as the previous period")
                } catch let e as PreviousPeriodMismatch {
                    #expect(e.message.ru.contains(says), "\(e.message.ru)")
                    #expect(!e.message.ru.contains("\n") && !e.message.en.isEmpty)
                }
            }
            #expect(try v.validate(now, previous: right).findings.isEmpty)
        }
    }

    /// The file's own «Титул» is wrong: it is still checked, its mistakes reported, and the
    /// comparison with last period said to be left out — not a refusal that hides them.
    @Test func aFileWhoseTitleCannotBeReadIsCheckedWithoutComparing() throws {
        try v.withDir { dir in
            let now = try ValidatorTests.write(ValidatorTests.good, in: dir, name: "now", period: "2023/2024 уч. год")
            let last = try ValidatorTests.write(ValidatorTests.good, in: dir, name: "last", period: "2022/2023")
            let report = try v.validate(now, previous: last)
            #expect(report.findings.contains { $0.rule == "field.pattern" && $0.sheet == "Титул" })
            #expect(report.findings.first?.rule == "previous.not-compared", "\(report.findings.map(\.rule))")
        }
    }

    @Test func periodsFollowEachOtherByKind() {
        #expect(ReportingPeriod.academicYear.previous(of: "2019/2020") == "2018/2019")
        #expect(ReportingPeriod.academicYear.previous(of: "2019/2021") == nil)
        #expect(ReportingPeriod.year.previous(of: "2020") == "2019")
        #expect(ReportingPeriod.quarter.previous(of: "1 квартал 2025") == "4 квартал 2024")
        #expect(ReportingPeriod.quarter.ordinal("I квартал 2025") == ReportingPeriod.quarter.ordinal("1 квартал 2025"))
        #expect(ReportingPeriod.month.previous(of: "01.2025") == "12.2024")
    }

    // MARK: Where and what

    @Test func aPerRowFindingNamesItsRow() throws {
        try v.withDir { dir in
            var lines = ValidatorTests.good
            lines[1][2] = .number(70)  // «Участников» one short of the marks
            let report = try v.validate(try ValidatorTests.write(lines, in: dir))
            let f = try #require(report.findings.first { $0.severity == .error })
            #expect(f.rowKey?.ru == "4, Русский язык", "\(f.rowKey?.ru ?? "nil")")
        }
    }

    @Test func aValueNotInTheListNamesTheListAndTheNearestItem() throws {
        try v.withDir { dir in
            var lines = ValidatorTests.good
            lines[0][1] = .text("Матемтика")
            let report = try v.validate(try ValidatorTests.write(lines, in: dir))
            let f = try #require(report.findings.first { $0.rule == "field.list" })
            #expect(!f.message.ru.contains("«subjects»") && f.message.ru.contains("«Математика»?"), "\(f.message.ru)")
        }
    }

    @Test func aSchoolNotInTheRegistryGetsTheNearestOne() throws {
        try v.withDir { dir in
            let report = try v.validate(try ValidatorTests.write(ValidatorTests.good, in: dir, school: "Школа № 10"))
            let f = try #require(report.findings.first { $0.rule == "field.list" && $0.sheet == "Титул" })
            #expect(f.message.ru.contains("«Образовательные организации»") && f.message.ru.contains("ЦО № 10»?"), "\(f.message.ru)")
        }
    }

    @Test func aPeriodOfTheWrongShapeSaysWhatIsExpected() throws {
        try v.withDir { dir in
            for typed in ["2019-2020", "2019/2021"] {
                let report = try v.validate(try ValidatorTests.write(ValidatorTests.good, in: dir, name: "p", period: typed))
                let f = try #require(report.findings.first { $0.rule == "field.pattern" })
                #expect(f.message.ru.contains("ожидается учебный год вида 2019/2020") && f.message.ru.contains(typed), "\(f.message.ru)")
            }
        }
    }

    // MARK: Explanations

    @Test func anExplanationOnTheFindingsSheetOfAnAnnotatedCopyIsRead() throws {
        try v.withDir { dir in
            var lines = ValidatorTests.good
            lines[0][8] = .text("81,7")
            let sheet: [[String]] = [["№", "Место", "Серьёзность", "Сообщение", "Фактически", "Ожидалось", "Правило", "Пояснение школы"],
                                     ["1", "ВПР!I6", "предупреждение", "…", "81,7", "", "field.format", "Так выгрузила система"],
                                     ["2", "ВПР!C9", "предупреждение", "…", "", "", "vpr.quality-trend", "Сменился учитель"]]
            let report = try v.validate(try ValidatorTests.write(lines, in: dir, extraSheets: [("Замечания", sheet)]))
            #expect(report.findings.first { $0.rule == "field.format" }?.explanation == "Так выгрузила система")
            let unused = try #require(report.findings.first { $0.rule == "explanation.unused" })
            #expect(unused.severity == .info && unused.sheet == "Замечания" && unused.cell?.a1 == "H3", "\(unused.place ?? "")")
        }
    }

    @Test func anExplanationOfAnErrorIsReportedNotTaken() throws {
        try v.withDir { dir in
            var lines = ValidatorTests.good
            lines[1][2] = .number(70)
            let report = try v.validate(try ValidatorTests.write(lines, explanations: [
                ["Код правила", "Ячейка", "Пояснение"], ["vpr.participants", "C7", "Так было"]], in: dir))
            #expect(report.findings.first { $0.rule == "vpr.participants" }?.explanation == nil)
            let unused = try #require(report.findings.first { $0.rule == "explanation.unused" })
            #expect(unused.message.ru.contains("это ошибка"), "\(unused.message.ru)")
            #expect(report.findings.first { $0.rule == "vpr.participants" }?.cell?.a1 == "C7")
            // The heading row is no explanation of its own.
            #expect(report.findings.filter { $0.rule == "explanation.unused" }.count == 1)
        }
    }

    // MARK: One mistake, one finding

    static let peopleForm = """
    id: assoc
    version: 1
    title: Объединения
    mechanism: 1
    period: academic-year
    periodicity: Ежегодно
    sheets:
      - id: s
        name: Лист
        key: [subject]
        totals: {label-field: subject, group-by: [kind], fields: [own, net, people]}
        fields:
          - {code: kind, label: Вид, type: code, list: subjects}
          - {code: subject, label: Направление, type: text}
          - {code: own, label: На базе ОО, type: integer}
          - {code: net, label: Сетевая, type: integer}
          - {code: people, label: Всего, type: integer}
    rules:
      - id: assoc.people
        severity: error
        check: people = own + net
        message: {ru: "Всего {actual}, а по формам {expected}", en: "{actual} in all, forms add up to {expected}"}
    """

    func people(_ rows: [[CellValue]], grouped: Bool = true) throws -> ValidationReport {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let form = grouped ? Self.peopleForm : Self.peopleForm.replacingOccurrences(of: "group-by: [kind], ", with: "")
        let catalog = try testCatalog(in: dir, form: form, named: "assoc")
        let path = dir.appendingPathComponent("a.xlsx").path
        let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
        try w.beginSheet(SheetSetup(name: "Лист"))
        let all: [[CellValue]] = [[.text("Вид"), .text("Направление"), .text("На базе ОО"), .text("Сетевая"), .text("Всего")]] + rows
        for (i, r) in all.enumerated() {
            try w.write(OutputRow(index: i, cells: r.enumerated().compactMap { $0.element == .empty ? nil : OutputCell(column: $0.offset, value: $0.element) }))
        }
        try w.endSheet()
        try w.finish()
        return try Validator(catalog: catalog).validate(try Spreadsheet.open(path: path), form: try #require(catalog.form("assoc")),
                                                       file: path, sha256: "")
    }

    private func shown(_ r: ValidationReport) -> [String] { r.findings.map { "\($0.rule) \($0.place ?? "")" } }

    /// The total row's «Всего» typed 10 more: its own rule and the sum both fail there; one finding.
    @Test func aWrongTotalIsOneFinding() throws {
        let r = try people([[.text("Математика"), .text("а"), .number(10), .number(5), .number(15)],
                            [.text("Математика"), .text("б"), .number(3), .number(2), .number(5)],
                            [.text("Математика"), .text("Всего"), .number(13), .number(7), .number(30)]])
        #expect(shown(r) == ["totals.sum Лист!E4"], "\(shown(r))")
    }

    /// A part typed 10 too many: its row's sum rule fails, and its column's total by the same 10.
    /// One finding, at the cell typed wrong — not at the row's «Всего» nor at the correct total.
    @Test func aPartTypedWrongIsFoundAtItsCell() throws {
        let r = try people([[.text("Математика"), .text("а"), .number(20), .number(5), .number(15)],
                            [.text("Математика"), .text("б"), .number(3), .number(2), .number(5)],
                            [.empty, .text("Всего"), .number(13), .number(7), .number(20)]], grouped: false)
        #expect(shown(r) == ["assoc.people Лист!C2"], "\(shown(r))")
        #expect(r.findings.first?.message.ru.contains("вероятно, ошибка в этой ячейке") == true)
        // Two rows off by different amounts: nothing is guessed, both findings stay where they are.
        let two = try people([[.text("Математика"), .text("а"), .number(20), .number(5), .number(15)],
                              [.text("Математика"), .text("б"), .number(4), .number(2), .number(5)],
                              [.empty, .text("Всего"), .number(13), .number(7), .number(20)]], grouped: false)
        #expect(Set(shown(two)) == ["assoc.people Лист!E2", "assoc.people Лист!E3", "totals.sum Лист!C4"], "\(shown(two))")
    }

    /// A group typed as an alias of its list item («Матем.») is the same group.
    @Test func groupsAreFormedByTheListCode() throws {
        let r = try people([[.text("Математика"), .text("а"), .number(10), .number(5), .number(15)],
                            [.text("Матем."), .text("б"), .number(3), .number(2), .number(5)],
                            [.text("математика"), .text("Всего"), .number(13), .number(7), .number(20)]])
        #expect(r.findings.isEmpty, "\(shown(r))")
    }

    /// «3 чел.» in a summed cell: the cell's own finding, not a second one at the total.
    @Test func anUnreadableSummedCellIsReportedOnce() throws {
        let r = try people([[.text("Математика"), .text("а"), .text("3 чел."), .number(5), .number(8)],
                            [.text("Математика"), .text("б"), .number(3), .number(2), .number(5)],
                            [.text("Математика"), .text("Всего"), .number(6), .number(7), .number(13)]])
        #expect(shown(r) == ["field.type Лист!C2"], "\(shown(r))")
    }
}
