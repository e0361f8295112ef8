import Foundation
import SvodIndicators
import SvodSchema
import SvodTestSupport
import Testing

/// Schools' rows by form, sheet and period, written by hand.
struct FixtureSheets: SchoolSheets {
    /// "form|sheet|period" → school → rows.
    var data: [String: [String: [SheetRow]]] = [:]

    mutating func add(_ form: String, _ sheet: String, _ period: String, _ school: String, _ key: [String: String], _ numbers: [String: Decimal]) {
        data["\(form)|\(sheet)|\(period)", default: [:]][school, default: []].append(SheetRow(key: key, numbers: numbers))
    }

    /// A ВПР row: participants and marks «5» and «2» (the rest «3»).
    mutating func vpr(_ period: String, _ school: String, class klass: String, _ subject: String, n: Int, n5: Int, n2: Int) {
        add("vpr", "results", period, school, ["class": klass, "subject": subject],
            ["n": Decimal(n), "n5": Decimal(n5), "n4": 0, "n3": Decimal(n - n5 - n2), "n2": Decimal(n2)])
    }

    func rows(form: String, sheet: String, period: String) throws -> [String: [SheetRow]] { data["\(form)|\(sheet)|\(period)"] ?? [:] }
}

/// Each criterion at, under and over its threshold, the 2-of-3 window, pooled works, missing years;
/// every expectation computed by hand from the seed's wording (3.2, lines 1003–1017).
@Suite struct RiskZoneEvaluatorTests {
    static let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)
    let evaluator = RiskZoneEvaluator(zones: catalog.riskZones!, catalog: catalog)
    /// Identification 2020/2021: the windows are 2019/2020, 2018/2019, 2017/2018 (ВПР 5–6: the first two).
    let years = ["2019/2020", "2018/2019", "2017/2018"]

    private func criterion(_ id: String, _ s: SchoolRisk) -> CriterionCheck { s.criteria.first { $0.criterion == id }! }

    @Test func theCatalogueDeclaresTheSevenCriteria() {
        #expect(Self.catalog.issues.isEmpty, "\(Self.catalog.issues)")
        #expect(evaluator.zones.criteria.map(\.id) == ["vpr4", "ege-rus", "ege-math-prof", "ege-math-base", "oge-math", "oge-rus", "vpr56"])
        #expect(evaluator.window(evaluator.zones.criteria[0], before: "2020/2021") == years)
        #expect(evaluator.window(evaluator.zones.criteria[6], before: "2020/2021") == ["2019/2020", "2018/2019"])
    }

    /// 5 of 25 is exactly 20 %: «20 % и более». 199 of 1 000 is 19,9 %: under. Every row has «5».
    @Test func vpr4AtUnderAndOverTwentyPercent() throws {
        var f = FixtureSheets()
        for y in years {
            f.vpr(y, "at", class: "4", "rus", n: 25, n5: 3, n2: 5)
            f.vpr(y, "under", class: "4", "rus", n: 1000, n5: 100, n2: 199)
            f.vpr(y, "over", class: "4", "math", n: 24, n5: 2, n2: 5)       // 20,8 %
        }
        let r = try evaluator.evaluate(period: "2020/2021", schools: ["at", "under", "over"], data: f)
        let at = criterion("vpr4", r.schools[0]), under = criterion("vpr4", r.schools[1]), over = criterion("vpr4", r.schools[2])
        #expect(at.verdict == .risk && at.yearsCounted == 3 && at.years[0].rows?.first?.share == 20)
        #expect(under.verdict == .clear && under.yearsCounted == 0 && under.years[0].rows?.first?.shareFails == false)
        #expect(over.verdict == .risk)
    }

    /// No «5» alone fails the row («и/или»); a subject nobody sat says nothing.
    @Test func noTopResultFailsAndAnEmptyRowSaysNothing() throws {
        var f = FixtureSheets()
        for y in years {
            f.vpr(y, "no5", class: "4", "rus", n: 30, n5: 0, n2: 1)
            f.vpr(y, "empty", class: "4", "rus", n: 30, n5: 4, n2: 1)
            f.vpr(y, "empty", class: "4", "env", n: 0, n5: 0, n2: 0)
        }
        let r = try evaluator.evaluate(period: "2020/2021", schools: ["no5", "empty"], data: f)
        #expect(criterion("vpr4", r.schools[0]).verdict == .risk)
        #expect(criterion("vpr4", r.schools[0]).years[0].rows?.first?.noTop == true)
        let empty = criterion("vpr4", r.schools[1])
        #expect(empty.verdict == .clear && empty.years[0].rows?.count == 1)
    }

    /// Two bad years of three put a school in the zone; one does not; a missing year gives «нет
    /// данных» only when it could change the verdict.
    @Test func twoOfTheLastThreeYearsAndMissingYears() throws {
        var f = FixtureSheets()
        func year(_ y: String, _ school: String, bad: Bool) { f.vpr(y, school, class: "4", "math", n: 20, n5: 2, n2: bad ? 4 : 3) }
        year(years[0], "two", bad: true); year(years[1], "two", bad: false); year(years[2], "two", bad: true)
        year(years[0], "one", bad: false); year(years[1], "one", bad: true); year(years[2], "one", bad: false)
        year(years[0], "gap-bad", bad: true); year(years[2], "gap-bad", bad: true)            // 2018/2019 missing, 2 bad: risk
        year(years[0], "gap-open", bad: true); year(years[2], "gap-open", bad: false)         // missing year could make 2
        year(years[0], "gap-clear", bad: false); year(years[1], "gap-clear", bad: false)      // 2017/2018 missing, cannot reach 2
        let r = try evaluator.evaluate(period: "2020/2021", schools: ["two", "one", "gap-bad", "gap-open", "gap-clear"], data: f)
        #expect(r.schools.map { criterion("vpr4", $0).verdict } == [.risk, .clear, .risk, .noData, .clear])
        #expect(criterion("vpr4", r.schools[3]).yearsAvailable == 2 && criterion("vpr4", r.schools[3]).years[1].counts == nil)
    }

    /// ВПР 5–6: failing works counted over the two years together — one a year is two.
    @Test func vpr56CountsWorksOverTwoYears() throws {
        var f = FixtureSheets()
        for (y, s) in [(years[0], "split"), (years[1], "split")] { f.vpr(y, s, class: "5", "rus", n: 10, n5: 1, n2: 3) }   // 30 %: fails
        for y in years.prefix(2) { f.vpr(y, "split", class: "6", "math", n: 10, n5: 1, n2: 2) }
        f.vpr(years[0], "once", class: "6", "math", n: 10, n5: 0, n2: 0)                                                      // no «5»
        f.vpr(years[0], "once", class: "5", "rus", n: 10, n5: 2, n2: 1)
        f.vpr(years[1], "once", class: "5", "rus", n: 10, n5: 2, n2: 2)
        f.vpr(years[1], "once", class: "7", "rus", n: 10, n5: 0, n2: 9)                                                       // 7th grade: not looked at
        f.vpr(years[0], "half", class: "5", "math", n: 10, n5: 0, n2: 5)
        let r = try evaluator.evaluate(period: "2020/2021", schools: ["split", "once", "half"], data: f)
        #expect(r.schools.map { criterion("vpr56", $0).verdict } == [.risk, .clear, .noData])
        // One failing work a year: each year counts towards the two the window needs.
        #expect(criterion("vpr56", r.schools[0]).years.map(\.counts) == [true, true])
        #expect(criterion("vpr56", r.schools[1]).years.map(\.counts) == [true, false])
    }

    /// ЕГЭ: below the minimum 30 % or nobody 81+; base mathematics by marks; ОГЭ by marks.
    @Test func examCriteriaReadTheirOwnSheets() throws {
        var f = FixtureSheets()
        for y in years {
            f.add("ege", "scores", y, "s", ["year": "2020", "subject": "rus"], ["n": 10, "below": 3, "n81": 1])         // 30 %: fails
            f.add("ege", "scores", y, "s", ["year": "2020", "subject": "math-prof"], ["n": 10, "below": 2, "n81": 1])   // 20 %, has 81+
            f.add("ege", "base", y, "s", [:], ["n": 7, "n5": 0, "n2": 0])                                              // no «5»
            f.add("gia9", "results", y, "s", ["subject": "math"], ["n": 40, "n5": 1, "n2": 11])                        // 27,5 %
            f.add("gia9", "results", y, "s", ["subject": "rus"], ["n": 40, "n5": 5, "n2": 12])                         // 30 %
        }
        let s = try evaluator.evaluate(period: "2020/2021", schools: ["s"], data: f).schools[0]
        #expect(["ege-rus", "ege-math-prof", "ege-math-base", "oge-math", "oge-rus"].map { criterion($0, s).verdict } == [.risk, .clear, .risk, .clear, .risk])
        #expect(criterion("oge-math", s).years[0].rows?.first?.share == Decimal(string: "27.5"))
        #expect(s.verdict == .risk && s.risks == ["ege-rus", "ege-math-base", "oge-rus"])
    }

    /// Indicators 1 and 2 over a small city: shares of the schools whose verdict is known.
    @Test func indicatorsOneAndTwo() throws {
        var f = FixtureSheets()
        // «up»: in the zone by vpr4 (all three years bad), «2» falls from 40 % to 25 %: positive dynamics.
        f.vpr(years[2], "up", class: "4", "rus", n: 20, n5: 1, n2: 8)
        f.vpr(years[1], "up", class: "4", "rus", n: 20, n5: 1, n2: 8)
        f.vpr(years[0], "up", class: "4", "rus", n: 20, n5: 1, n2: 5)
        // «flat»: in the zone, the share the same both last years: no positive dynamics.
        for y in years { f.vpr(y, "flat", class: "4", "rus", n: 20, n5: 1, n2: 6) }
        // «fine»: clear everywhere it has data — but no exam files at all: «нет данных».
        for y in years { f.vpr(y, "fine", class: "4", "rus", n: 20, n5: 5, n2: 1) }
        let r = try evaluator.evaluate(period: "2020/2021", schools: ["up", "flat", "fine"], data: f)
        #expect(r.schools.map(\.verdict) == [.risk, .risk, .noData])
        #expect(r.inZone == ShareOfSchools(count: 2, of: 2, unknown: 1) && r.inZone.percent == 100)
        #expect(r.schools[0].positiveDynamics == true && r.schools[1].positiveDynamics == false)
        #expect(r.improving.count == 1 && r.improving.of == 2 && r.improving.percent == 50)
        #expect(r.byCriterion["vpr4"] == ShareOfSchools(count: 2, of: 3, unknown: 0))
        #expect(ShareOfSchools(count: 1, of: 3, unknown: 0).percent == Decimal(string: "33.3"))
        #expect(ShareOfSchools(count: 2, of: 3, unknown: 0).percent == Decimal(string: "66.7"))
    }
}
