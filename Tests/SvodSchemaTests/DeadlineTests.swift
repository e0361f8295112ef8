import Foundation
import SvodSchema
import SvodTestSupport
import SvodWorkbook
import Testing

/// `deadline:` in the schema language, and the due date it gives for a period.
@Suite struct DeadlineTests {
    /// `SchemaLoaderTests.minimal` with its period and a `deadline` line (nil: none).
    static func form(period: String = "academic-year", deadline: String?) -> String {
        var text = SchemaLoaderTests.minimal.replacingOccurrences(of: "period: academic-year", with: "period: \(period)")
        if let deadline {
            text = text.replacingOccurrences(of: "periodicity: Ежегодно, ноябрь", with: "periodicity: Ежегодно, ноябрь\n\(deadline)")
        }
        return text
    }

    static func load(period: String = "academic-year", _ deadline: String?) -> (FormSchema?, [SchemaIssue]) {
        SchemaLoader.form(form(period: period, deadline: deadline), file: "test.yaml")
    }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDateTime { CivilDateTime(year: y, month: m, day: d, hasTime: false)! }

    // MARK: - Reading

    @Test func aFixedDeadlineIsRead() throws {
        let (form, issues) = Self.load("deadline: {month: 11, day: 30}")
        #expect(issues.isEmpty, "\(issues)")
        let d = try #require(form?.deadline)
        #expect(d.rule == .fixed(month: 11, day: .number(30), year: nil))
        #expect(d.source.line == 7)
        #expect(d.resolvedYear(.academicYear) == .last)

        let (first, none) = Self.load("deadline: {month: 9, day: last, year: first}")
        #expect(none.isEmpty, "\(none)")
        #expect(first?.deadline?.rule == .fixed(month: 9, day: .last, year: .first))
    }

    @Test func aDeadlineAfterThePeriodIsRead() throws {
        let (form, issues) = Self.load(period: "quarter", "deadline:\n  after-period: {months: 1, day: 10}")
        #expect(issues.isEmpty, "\(issues)")
        #expect(form?.deadline?.rule == .afterPeriod(months: 1, day: .number(10)))
        let (monthly, none) = Self.load(period: "month", "deadline: {after-period: {months: 0, day: last}}")
        #expect(none.isEmpty, "\(none)")
        #expect(monthly?.deadline?.rule == .afterPeriod(months: 0, day: .last))
    }

    /// The loader leaves `deadline` optional, so small forms of tests load; the bundled
    /// catalogue is held to it by `everyBundledFormDeclaresADeadline`.
    @Test func aFormWithoutADeadlineStillLoads() throws {
        let (form, issues) = Self.load(nil)
        #expect(issues.isEmpty, "\(issues)")
        #expect(form != nil && form?.deadline == nil && form?.deadline(for: "2019/2020") == nil)
    }

    /// Each malformed value is one issue at its own line and column, in both languages.
    @Test(arguments: [
        ("deadline: ноябрь", 7, 11, "deadline"),
        ("deadline: {month: 13, day: 30}", 7, 19, "month"),
        ("deadline: {month: ноябрь, day: 30}", 7, 19, "month"),
        ("deadline: {month: 11, day: 31}", 7, 28, "day"),
        ("deadline: {month: 2, day: 29}", 7, 27, "February"),
        ("deadline: {month: 11, day: 0}", 7, 28, "day"),
        ("deadline: {month: 11}", 7, 11, "'day'"),
        ("deadline: {day: 30}", 7, 11, "'month'"),
        ("deadline: {month: 11, day: 30, year: after}", 7, 38, "year"),
        ("deadline: {month: 11, day: 30, yaer: last}", 7, 38, "yaer"),
        ("deadline:\n  after-period: {months: 1, day: 31}", 8, 34, "every month"),
        ("deadline:\n  after-period: {months: 13, day: 10}", 8, 26, "months"),
        ("deadline:\n  after-period: {day: 10}", 8, 17, "'months'"),
        ("deadline:\n  after-period: 1", 8, 17, "after-period"),
        ("deadline:\n  after-period: {months: 1, day: 10, hour: 12}", 8, 44, "hour"),
        ("deadline:\n  after-period: {months: 1, day: 10}\n  month: 11", 9, 10, "after-period"),
    ])
    func malformedDeadlinesAreReportedAtTheirPlace(_ deadline: String, _ line: Int, _ column: Int, _ mentions: String) {
        let (form, issues) = Self.load(deadline)
        #expect(form == nil)
        #expect(issues.count == 1, "\(issues)")
        let issue = issues.first
        #expect(issue?.message.en.contains(mentions) == true || issue?.message.ru.contains(mentions) == true, "\(issues)")
        #expect(issue?.location.line == line && issue?.location.column == column, "\(issues)")
        #expect(issue?.line(.ru).hasPrefix("test.yaml:\(line):\(column): ") == true, "\(issues)")
        #expect(issue.map { !$0.message.ru.isEmpty && !$0.message.en.isEmpty && $0.message.ru != $0.message.en } == true)
    }

    /// A fixed month comes once a year: a quarterly or monthly form counts from its period.
    @Test(arguments: ["quarter", "month"])
    func aQuarterlyOrMonthlyFormNeedsADeadlineAfterThePeriod(_ period: String) {
        let (form, issues) = Self.load(period: period, "deadline: {month: 4, day: 30}")
        #expect(form == nil)
        #expect(issues.count == 1 && issues.first?.message.en.contains("after-period") == true, "\(issues)")
        #expect(issues.first?.location.line == 7 && issues.first?.location.column == 11, "\(issues)")
    }

    // MARK: - Due dates

    /// «Ежегодно, ноябрь» for «2019/2020» is 30 November 2020: in the year the academic year ends
    /// for a month from June on, in the year after for a month before June.
    @Test func anAcademicYearsDeadlineFallsAfterItsEnd() throws {
        let november = Deadline(.fixed(month: 11, day: .number(30), year: nil))
        #expect(november.date(for: "2019/2020", kind: .academicYear) == Self.day(2020, 11, 30))
        #expect(november.date(for: " 2024 / 2025 ", kind: .academicYear) == Self.day(2025, 11, 30))
        let june = Deadline(.fixed(month: 6, day: .last, year: nil))
        #expect(june.date(for: "2019/2020", kind: .academicYear) == Self.day(2020, 6, 30))
        let january = Deadline(.fixed(month: 1, day: .number(31), year: nil))
        #expect(january.resolvedYear(.academicYear) == .next)
        #expect(january.date(for: "2019/2020", kind: .academicYear) == Self.day(2021, 1, 31))
        #expect(november.date(for: "2019/2021", kind: .academicYear) == nil)
        #expect(november.date(for: "2019", kind: .academicYear) == nil)
    }

    @Test func anExplicitYearPicksTheCalendarYear() {
        let december = { (year: Deadline.Year) in Deadline(.fixed(month: 12, day: .number(31), year: year)) }
        #expect(december(.first).date(for: "2019/2020", kind: .academicYear) == Self.day(2019, 12, 31))
        #expect(december(.last).date(for: "2019/2020", kind: .academicYear) == Self.day(2020, 12, 31))
        #expect(december(.next).date(for: "2019/2020", kind: .academicYear) == Self.day(2021, 12, 31))
    }

    @Test func aCalendarYearsDeadline() {
        let march = Deadline(.fixed(month: 3, day: .number(1), year: nil))
        #expect(march.resolvedYear(.year) == .next)
        #expect(march.date(for: "2020", kind: .year) == Self.day(2021, 3, 1))
        let december = Deadline(.fixed(month: 12, day: .last, year: nil))
        #expect(december.date(for: "2020", kind: .year) == Self.day(2020, 12, 31))
        #expect(Deadline(.fixed(month: 2, day: .last, year: .first)).date(for: "2024", kind: .year) == Self.day(2024, 2, 29))
        #expect(Deadline(.afterPeriod(months: 2, day: .number(15))).date(for: "2020", kind: .year) == Self.day(2021, 2, 15))
    }

    @Test func aQuartersDeadlineIsCountedFromItsLastMonth() {
        let tenth = Deadline(.afterPeriod(months: 1, day: .number(10)))
        #expect(tenth.date(for: "1 квартал 2025", kind: .quarter) == Self.day(2025, 4, 10))
        #expect(tenth.date(for: "II квартал 2025", kind: .quarter) == Self.day(2025, 7, 10))
        #expect(tenth.date(for: "3 кв. 2025", kind: .quarter) == Self.day(2025, 10, 10))
        // The year boundary: the 4th quarter is due in January of the next year.
        #expect(tenth.date(for: "4 квартал 2019", kind: .quarter) == Self.day(2020, 1, 10))
        let last = Deadline(.afterPeriod(months: 1, day: .last))
        #expect(last.date(for: "1 квартал 2020", kind: .quarter) == Self.day(2020, 4, 30))
        #expect(last.date(for: "IV квартал 2020", kind: .quarter) == Self.day(2021, 1, 31))
        #expect(Deadline(.afterPeriod(months: 0, day: .last)).date(for: "1 квартал 2020", kind: .quarter) == Self.day(2020, 3, 31))
        #expect(tenth.date(for: "5 квартал 2020", kind: .quarter) == nil)
    }

    @Test func aMonthsDeadlineIsCountedFromIt() {
        let last = Deadline(.afterPeriod(months: 1, day: .last))
        #expect(last.date(for: "03.2025", kind: .month) == Self.day(2025, 4, 30))
        #expect(last.date(for: "01.2020", kind: .month) == Self.day(2020, 2, 29))
        #expect(last.date(for: "01.2021", kind: .month) == Self.day(2021, 2, 28))
        #expect(last.date(for: "12.2019", kind: .month) == Self.day(2020, 1, 31))
        #expect(Deadline(.afterPeriod(months: 2, day: .number(5))).date(for: "11.2019", kind: .month) == Self.day(2020, 1, 5))
        #expect(Deadline(.afterPeriod(months: 12, day: .number(1))).date(for: "12.2019", kind: .month) == Self.day(2020, 12, 1))
        #expect(last.date(for: "13.2020", kind: .month) == nil && last.date(for: "март 2020", kind: .month) == nil)
    }

    /// `FormSchema.deadline(for:)` reads the period as the form's kind does.
    @Test func aFormGivesItsDueDate() throws {
        let (annual, _) = Self.load("deadline: {month: 11, day: 30}")
        #expect(try #require(annual).deadline(for: "2019/2020") == Self.day(2020, 11, 30))
        #expect(annual?.deadline(for: "1 квартал 2020") == nil)
        let (quarterly, _) = Self.load(period: "quarter", "deadline: {after-period: {months: 1, day: 10}}")
        #expect(try #require(quarterly).deadline(for: "4 квартал 2024") == Self.day(2025, 1, 10))
    }

    @Test func theDeadlineInWords() {
        #expect(Deadline(.fixed(month: 11, day: .number(30), year: nil)).text(.academicYear).ru == "30 ноября года окончания учебного года")
        #expect(Deadline(.fixed(month: 11, day: .number(30), year: nil)).text(.academicYear).en == "30 November of the year the academic year ends")
        #expect(Deadline(.fixed(month: 12, day: .number(31), year: .first)).text(.academicYear).ru == "31 декабря года начала учебного года")
        #expect(Deadline(.afterPeriod(months: 1, day: .number(10))).text(.quarter).ru == "10-е число месяца, следующего за кварталом")
        #expect(Deadline(.afterPeriod(months: 1, day: .number(10))).text(.quarter).en == "the 10th day of the month after the quarter")
        #expect(Deadline(.afterPeriod(months: 1, day: .last)).text(.month).ru == "последний день следующего месяца")
    }

    // MARK: - The catalogue

    static let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)

    /// `svod status` judges lateness by `deadline`: a bundled form without one is a schema mistake.
    @Test func everyBundledFormDeclaresADeadline() {
        #expect(Self.catalog.issues.isEmpty, "\(Self.catalog.issues.map { $0.line(.en) })")
        for form in Self.catalog.forms {
            #expect(form.deadline != nil, "\(form.id) has no deadline")
            #expect(form.deadline(for: Deadline.examplePeriod(form.period)) != nil, "\(form.id)")
            if case .fixed? = form.deadline?.rule { #expect(form.period == .academicYear || form.period == .year, "\(form.id)") }
        }
    }

    /// The due dates of `Schemas/README.md`'s table, for 2019/2020 and the first quarter and month of 2020.
    @Test func theBundledFormsAreDueAsTheREADMESays() throws {
        let expected: [String: (String, CivilDateTime)] = [
            "vpr": ("2019/2020", Self.day(2020, 11, 30)), "rkr": ("2019/2020", Self.day(2020, 6, 30)),
            "gia9": ("2019/2020", Self.day(2020, 8, 31)), "ege": ("2019/2020", Self.day(2020, 8, 31)),
            "diag10": ("2019/2020", Self.day(2019, 10, 31)), "contingent": ("2019/2020", Self.day(2020, 11, 30)),
            "staff": ("2019/2020", Self.day(2019, 9, 30)), "low-results": ("2019/2020", Self.day(2020, 9, 30)),
            "talents": ("2019/2020", Self.day(2020, 12, 31)), "career": ("2019/2020", Self.day(2020, 10, 31)),
            "objectivity": ("2019/2020", Self.day(2020, 6, 30)), "director": ("2019/2020", Self.day(2020, 8, 31)),
            "teachers-pd": ("2019/2020", Self.day(2020, 9, 30)), "upbringing": ("2019/2020", Self.day(2019, 12, 31)),
            "dod": ("2019/2020", Self.day(2019, 12, 31)),
            "upbringing-quarterly": ("1 квартал 2020", Self.day(2020, 4, 30)),
            "upbringing-monthly": ("01.2020", Self.day(2020, 2, 29)),
        ]
        #expect(Set(expected.keys) == Set(Self.catalog.forms.map(\.id)))
        for (id, (period, date)) in expected {
            let form = try #require(Self.catalog.form(id))
            #expect(form.deadline(for: period) == date, "\(id): \(String(describing: form.deadline(for: period)))")
        }
        let readme = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Schemas/README.md"), encoding: .utf8)
        for (id, (_, date)) in expected {
            let (y, m, d) = date.date
            let dotted = String(format: "%02d.%02d.%d", d, m, y)
            #expect(readme.split(separator: "\n").contains { $0.hasPrefix("| `\(id)` ") && $0.contains(dotted) },
                    "Schemas/README.md's deadline table lacks \(id) due \(dotted)")
        }
        #expect(try #require(Self.catalog.form("upbringing-quarterly")).deadline(for: "4 квартал 2019") == Self.day(2020, 1, 31))
    }
}
