import SvodLocale
import SvodWorkbook

/// When a form is due, in a form a program can judge lateness by (`svod status`), read from the
/// form's `deadline` key. `periodicity` keeps the seed's words for people.
///
/// Two kinds, written in the schema as:
/// - `deadline: {month: 11, day: 30}` — a fixed day of the year (`day: last` for the month's last
///   day), for academic-year and year forms. `year` says in which calendar year: `first` (the one
///   the period starts in: 2019 for «2019/2020»), `last` (the one it ends in: 2020), `next` (the
///   one after that: 2021). Without `year`, the first such month in or after the period's last
///   month — June for an academic year, December for a calendar year: «ноябрь» after «2019/2020» is
///   30 November 2020, «январь» 31 January 2021.
/// - `deadline: {after-period: {months: 1, day: 10}}` — counted from the period's last month:
///   the 10th (1–28, or `last`) of the month `months` after it (0: the last month itself), for
///   quarterly and monthly forms (and allowed for the others): «1 квартал 2020» → 10 April 2020,
///   «4 квартал 2019» → 10 January 2020.
public struct Deadline: Sendable, Equatable {
    /// A day of a month.
    public enum Day: Sendable, Equatable {
        /// This day (1–31 in a fixed month, 1–28 counted from the period).
        case number(Int)
        /// The month's last day.
        case last
    }

    /// Which calendar year of the period a fixed deadline falls in.
    public enum Year: String, Sendable, CaseIterable {
        /// The year the period starts in (2019 for «2019/2020»).
        case first
        /// The year the period ends in (2020 for «2019/2020», 2020 for «2020»).
        case last
        /// The year after the one the period ends in.
        case next
    }

    /// How the date is found.
    public enum Rule: Sendable, Equatable {
        /// A fixed month and day; `year` as written, nil for the first such month in or after the period's last month.
        case fixed(month: Int, day: Day, year: Year?)
        /// The `day` of the month `months` after the period's last month.
        case afterPeriod(months: Int, day: Day)
    }

    /// The rule.
    public var rule: Rule
    /// Where it was declared.
    public var source: SourceLocation

    /// A deadline.
    public init(_ rule: Rule, source: SourceLocation = SourceLocation(file: "", line: 0, column: 0)) {
        self.rule = rule
        self.source = source
    }

    /// The due date (a date without time) for a period written as on a title sheet («2019/2020»,
    /// «2020», «1 квартал 2025», «03.2025») of a form of this kind, or nil when it does not parse.
    public func date(for period: String, kind: ReportingPeriod) -> CivilDateTime? {
        kind.ordinal(period).flatMap { date(forOrdinal: $0, kind: kind) }
    }

    /// The due date for the period with this ordinal (`ReportingPeriod.ordinal`).
    public func date(forOrdinal ordinal: Int, kind: ReportingPeriod) -> CivilDateTime? {
        let span = Self.span(ordinal, kind)
        switch rule {
        case .fixed(let month, let day, _):
            let year: Int
            switch resolvedYear(kind)! {
            case .first: year = span.firstYear
            case .last: year = span.endYear
            case .next: year = span.endYear + 1
            }
            return Self.civil(year, month, day)
        case .afterPeriod(let months, let day):
            let index = span.endYear * 12 + span.endMonth - 1 + months
            return Self.civil(Self.floorDiv(index, 12), index - Self.floorDiv(index, 12) * 12 + 1, day)
        }
    }

    /// For a fixed deadline, the calendar year it falls in, `year` as written or as worked out
    /// for a form of this kind; nil for a deadline counted from the period.
    public func resolvedYear(_ kind: ReportingPeriod) -> Year? {
        guard case .fixed(let month, _, let year) = rule else { return nil }
        if let year { return year }
        return month >= Self.endMonth(kind) ? .last : .next
    }

    /// The deadline in words, e.g. «30 ноября года окончания учебного года» / "30 November of the
    /// year the academic year ends", «10-е число месяца, следующего за кварталом».
    public func text(_ kind: ReportingPeriod) -> LocalizedText {
        let (ofRu, en) = Self.periodWords(kind)
        switch rule {
        case .fixed(let month, let day, _):
            let dayRu: String, dayEn: String
            switch day {
            case .number(let d): (dayRu, dayEn) = ("\(d) \(Self.monthsRu[month - 1])", "\(d) \(Self.monthsEn[month - 1])")
            case .last: (dayRu, dayEn) = ("последний день \(Self.monthsRu[month - 1])", "the last day of \(Self.monthsEn[month - 1])")
            }
            let year = resolvedYear(kind)!
            if kind == .academicYear {
                switch year {
                case .first: return .init(ru: "\(dayRu) года начала \(ofRu)", en: "\(dayEn) of the year the \(en) starts")
                case .last: return .init(ru: "\(dayRu) года окончания \(ofRu)", en: "\(dayEn) of the year the \(en) ends")
                case .next: return .init(ru: "\(dayRu) года, следующего за годом окончания \(ofRu)", en: "\(dayEn) of the year after the \(en) ends")
                }
            }
            switch year {
            case .first, .last: return .init(ru: "\(dayRu) того же года", en: "\(dayEn) of the same year")
            case .next: return .init(ru: "\(dayRu) следующего года", en: "\(dayEn) of the next year")
            }
        case .afterPeriod(let months, let day):
            let dayRu: String, dayEn: String
            switch day {
            case .number(let d): (dayRu, dayEn) = ("\(d)-е число", "the \(Self.ordinalEn(d)) day")
            case .last: (dayRu, dayEn) = ("последний день", "the last day")
            }
            switch months {
            case 0: return .init(ru: "\(dayRu) последнего месяца \(ofRu)", en: "\(dayEn) of the \(en)'s last month")
            case 1:
                if kind == .month { return .init(ru: "\(dayRu) следующего месяца", en: "\(dayEn) of the next month") }
                let afterRu = [ReportingPeriod.academicYear: "учебным годом", .year: "годом", .quarter: "кварталом"][kind] ?? ""
                return .init(ru: "\(dayRu) месяца, следующего за \(afterRu)", en: "\(dayEn) of the month after the \(en)")
            default: return .init(ru: "\(dayRu) \(months)-го месяца после окончания \(ofRu)",
                                  en: "\(dayEn) of the \(Self.ordinalEn(months)) month after the \(en)")
            }
        }
    }

    /// The period written in examples: 2019/2020, 2020, the first quarter and the first month of 2020.
    public static func examplePeriod(_ kind: ReportingPeriod) -> String {
        switch kind {
        case .academicYear: return "2019/2020"
        case .year: return "2020"
        case .quarter: return "1 квартал 2020"
        case .month: return "01.2020"
        }
    }

    // MARK: - Calendar

    /// The month a period of this kind ends in: June for an academic year, December for a year.
    static func endMonth(_ kind: ReportingPeriod) -> Int {
        switch kind {
        case .academicYear: return 6
        case .year: return 12
        case .quarter, .month: return 0   // not used: fixed deadlines are for annual forms
        }
    }

    /// The calendar year a period starts in, and the year and month it ends in.
    static func span(_ ordinal: Int, _ kind: ReportingPeriod) -> (firstYear: Int, endYear: Int, endMonth: Int) {
        switch kind {
        case .academicYear: return (ordinal, ordinal + 1, 6)
        case .year: return (ordinal, ordinal, 12)
        case .quarter:
            let year = floorDiv(ordinal, 4)
            return (year, year, (ordinal - year * 4 + 1) * 3)
        case .month:
            let year = floorDiv(ordinal, 12)
            return (year, year, ordinal - year * 12 + 1)
        }
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// Days in a month of a year (proleptic Gregorian).
    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func civil(_ year: Int, _ month: Int, _ day: Day) -> CivilDateTime? {
        let d: Int
        switch day {
        case .number(let n): d = n
        case .last: d = days(in: month, of: year)
        }
        return CivilDateTime(year: year, month: month, day: d, hasTime: false)
    }

    static let monthsRu = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"]
    static let monthsEn = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                           "November", "December"]

    static func ordinalEn(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    /// The period named in the genitive (ru) and in English.
    static func periodWords(_ kind: ReportingPeriod) -> (ru: String, en: String) {
        switch kind {
        case .academicYear: return ("учебного года", "academic year")
        case .year: return ("года", "year")
        case .quarter: return ("квартала", "quarter")
        case .month: return ("месяца", "month")
        }
    }
}

extension FormSchema {
    /// The due date for a period written as on the title sheet («2019/2020», «1 квартал 2025»),
    /// or nil when the form declares no deadline or the period does not parse.
    public func deadline(for period: String) -> CivilDateTime? {
        deadline?.date(for: period, kind: self.period)
    }
}
