import Foundation
import SvodIndicators
import SvodSchema
import SvodTestSupport
import Testing

/// «Доля ОО, …» on a small city: schools answering «да», schools without the file named apart and
/// left out of the share, a compound condition, and a «количество» without a share; the
/// indicators of 4.3–4.5 and the ВПР re-check of 4.1, each at its threshold where it has one.
@Suite struct ShareEvaluatorTests {
    static let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)
    let evaluator = ShareEvaluator(shares: catalog.schoolShares!, catalog: catalog)
    let year = "2019/2020"

    private func result(_ r: SharesReport, _ id: String) throws -> ShareResult { try #require(r.results.first { $0.indicator == id }) }

    @Test func sharesOfSchoolsAnsweringYes() throws {
        #expect(Self.catalog.issues.isEmpty, "\(Self.catalog.issues)")
        var f = FixtureSheets()
        for (school, creative) in [("a", true), ("b", false), ("c", true)] {
            f.data["talents|practice|\(year)", default: [:]][school] = [SheetRow(key: [:], numbers: [:], answers: ["param_creative": creative])]
        }
        // d sent no talents file: not «нет», «нет данных».
        f.add("objectivity", "procedures", year, "a", ["procedure": "vpr"], ["held": 4, "observed": 4, "video_held": 0])
        f.add("objectivity", "procedures", year, "a", ["procedure": "oge"], ["held": 2, "observed": 2, "video_held": 1])
        f.add("objectivity", "procedures", year, "b", ["procedure": "vpr"], ["held": 4, "observed": 3, "video_held": 0])
        f.add("objectivity", "procedures", year, "c", ["procedure": "vpr"], ["held": 0, "observed": 0, "video_held": 0])
        f.add("ege", "summary", year, "a", [:], ["medal_no60": 0])
        f.add("ege", "summary", year, "b", [:], ["medal_no60": 2])
        let r = try evaluator.evaluate(period: year, schools: ["a", "b", "c", "d"], data: f)
        let creative = try result(r, "talents.param_creative")
        #expect(creative.meeting == ["a", "c"] && creative.unknown == ["d"])
        #expect(creative.share == ShareOfSchools(count: 2, of: 3, unknown: 1) && creative.share.percent == Decimal(string: "66.7"))
        // Observers at every procedure: a (6 of 6) yes; b (3 of 4) no; c held none: no; d: no file.
        let observers = try result(r, "objectivity.observers")
        #expect(observers.meeting == ["a"] && observers.unknown == ["d"] && observers.share.percent == Decimal(string: "33.3"))
        let medalists = try result(r, "objectivity.medalists")
        #expect(medalists.meeting == ["b"] && medalists.unknown == ["c", "d"])
        #expect(Self.catalog.schoolShares!.indicators.first { $0.id == "objectivity.medalists" }?.isShare == false)
    }
    private func answers(_ f: inout FixtureSheets, _ form: String, _ sheet: String, _ school: String, _ numbers: [String: Decimal] = [:], _ answers: [String: Bool]) {
        f.data["\(form)|\(sheet)|\(year)", default: [:]][school, default: []].append(SheetRow(key: [:], numbers: numbers, answers: answers))
    }

    private func programme(_ f: inout FixtureSheets, _ school: String, _ direction: String, act: Bool, programmes: Decimal) {
        f.data["upbringing|programmes|\(year)", default: [:]][school, default: []]
            .append(SheetRow(key: ["direction": direction], numbers: ["programmes": programmes, "covered": programmes * 10], answers: ["local_act": act]))
    }

    /// 4.3–4.4 (teachers-pd): да/нет answers and «педагоги прошли диагностику» as a count above zero.
    @Test func teachersProfessionalEducation() throws {
        var f = FixtureSheets()
        answers(&f, "teachers-pd", "dpo", "a", ["deficits": 5, "requests": 0], ["plan": true, "stimulus": false, "growth_point": true, "burnout": false])
        answers(&f, "teachers-pd", "dpo", "b", ["deficits": 0, "requests": 3], ["plan": true, "stimulus": false, "growth_point": false, "burnout": true])
        answers(&f, "teachers-pd", "dpo", "c", ["deficits": 1, "requests": 1], ["plan": false, "stimulus": false, "growth_point": false, "burnout": true])
        answers(&f, "teachers-pd", "methodical", "a", [:], ["mentoring_program": true, "method_program": false])
        answers(&f, "teachers-pd", "methodical", "b", [:], ["mentoring_program": false, "method_program": false])
        answers(&f, "teachers-pd", "methodical", "c", [:], ["mentoring_program": true, "method_program": true])
        // d sent no teachers-pd file.
        let r = try evaluator.evaluate(period: year, schools: ["a", "b", "c", "d"], data: f)
        let expected: [(String, [String], String?)] = [
            ("teachers-pd.deficits", ["a", "c"], "66.7"), ("teachers-pd.requests", ["b", "c"], "66.7"),
            ("teachers-pd.plan", ["a", "b"], "66.7"), ("teachers-pd.stimulus", [], "0"), ("teachers-pd.growth_point", ["a"], "33.3"),
            ("teachers-pd.burnout", ["b", "c"], "66.7"), ("teachers-pd.mentoring_program", ["a", "c"], "66.7"), ("teachers-pd.method_program", ["c"], "33.3"),
        ]
        for (id, meeting, percent) in expected {
            let x = try result(r, id)
            #expect(x.meeting == meeting && x.unknown == ["d"], "\(id)")
            #expect(x.share.of == 3 && x.share.percent == percent.flatMap { Decimal(string: $0) }, "\(id): \(x.share)")
        }
    }

    /// 4.5: the local act and the programmes of a direction are its row of «Программы»; a file without
    /// the row has no answer (not «нет»), but has no programmes (0); self-government at exactly 5 % counts.
    @Test func upbringingByDirection() throws {
        var f = FixtureSheets()
        programme(&f, "a", "civic", act: true, programmes: 2)
        programme(&f, "a", "patriotic", act: false, programmes: 0)
        programme(&f, "b", "civic", act: false, programmes: 1)
        programme(&f, "b", "patriotic", act: true, programmes: 3)
        programme(&f, "c", "patriotic", act: true, programmes: 1)    // c's file has no civic row
        // Self-government: a 20 of 400 = 5 % (counts, «не менее»), b 19 of 400 = 4,75 % (does not), c 2 of 37 = 5,4 %.
        answers(&f, "upbringing", "general", "a", ["pupils": 400, "self_gov": 20], ["parents": true])
        answers(&f, "upbringing", "general", "b", ["pupils": 400, "self_gov": 19], ["parents": false])
        answers(&f, "upbringing", "general", "c", ["pupils": 37, "self_gov": 2], ["parents": true])
        let r = try evaluator.evaluate(period: year, schools: ["a", "b", "c", "d"], data: f)
        let civicAct = try result(r, "upbringing.act.civic")
        #expect(civicAct.meeting == ["a"] && civicAct.unknown == ["c", "d"] && civicAct.share.percent == 50)
        let patrioticAct = try result(r, "upbringing.act.patriotic")
        #expect(patrioticAct.meeting == ["b", "c"] && patrioticAct.unknown == ["d"] && patrioticAct.share.percent == Decimal(string: "66.7"))
        let civic = try result(r, "upbringing.programmes.civic")
        #expect(civic.meeting == ["a", "b"] && civic.unknown == ["d"] && civic.share.count == 2)
        let patriotic = try result(r, "upbringing.programmes.patriotic")
        #expect(patriotic.meeting == ["b", "c"] && patriotic.unknown == ["d"])
        // A direction no school's file has: nobody has programmes, nobody answered about an act.
        let ecology = try result(r, "upbringing.programmes.ecology"), ecologyAct = try result(r, "upbringing.act.ecology")
        #expect(ecology.meeting.isEmpty && ecology.unknown == ["d"] && ecologyAct.unknown == ["a", "b", "c", "d"] && ecologyAct.share.percent == nil)
        let selfGov = try result(r, "upbringing.self_gov")
        #expect(selfGov.meeting == ["a", "c"] && selfGov.unknown == ["d"] && selfGov.share.percent == Decimal(string: "66.7"))
        let parents = try result(r, "upbringing.parents")
        #expect(parents.meeting == ["a", "c"] && parents.share.of == 3)
        let declared = Self.catalog.schoolShares!.indicators
        #expect(declared.filter { $0.id.hasPrefix("upbringing.act.") }.count == 9 && declared.filter { $0.id.hasPrefix("upbringing.programmes.") }.count == 9)
        #expect(declared.filter { $0.id.hasPrefix("upbringing.programmes.") }.allSatisfy { !$0.isShare })
    }

    /// A да/нет column over several rows of a table: «да» if any of them says so.
    @Test func anAnswerOverSeveralRows() throws {
        let yaml = """
            id: t
            title: {ru: Т, en: T}
            indicators:
              - id: any-act
                title: Доля ОО с локальным актом хотя бы по одному из двух направлений
                section: "4.5"
                inputs:
                  answer: {form: upbringing, sheet: programmes, field: local_act, rows: {direction: [civic, patriotic]}}
                counts: "answer"
            """
        let (loaded, issues) = SchemaLoader.schoolShares(yaml, file: "t.yaml")
        let shares = try #require(loaded, "\(issues)")
        var f = FixtureSheets()
        programme(&f, "a", "civic", act: false, programmes: 0)
        programme(&f, "a", "patriotic", act: true, programmes: 1)
        programme(&f, "b", "civic", act: false, programmes: 0)
        programme(&f, "b", "patriotic", act: false, programmes: 0)
        programme(&f, "c", "moral", act: true, programmes: 1)    // neither row: no answer
        let r = try ShareEvaluator(shares: shares, catalog: Self.catalog).evaluate(period: year, schools: ["a", "b", "c"], data: f)
        let x = try result(r, "any-act")
        #expect(x.meeting == ["a"] && x.unknown == ["c"] && x.share == ShareOfSchools(count: 1, of: 2, unknown: 1))
    }

    /// 4.1: the ВПР re-check over all of a school's rows; exactly 90 % confirmed does not count, an empty sheet is «нет», not «нет данных».
    @Test func recheckConfirmingFewerThanNinetyPercent() throws {
        var f = FixtureSheets()
        // a: 9 + 9 of 20 confirmed = 90 % — at the threshold, not below it.
        f.add("objectivity", "recheck", year, "a", ["class": "5", "subject": "rus", "level": "municipal"], ["rechecked": 10, "confirmed": 9, "lowered": 1, "raised": 0])
        f.add("objectivity", "recheck", year, "a", ["class": "5", "subject": "math", "level": "school"], ["rechecked": 10, "confirmed": 9, "lowered": 0, "raised": 1])
        // b: 17 of 20 = 85 %.
        f.add("objectivity", "recheck", year, "b", ["class": "6", "subject": "math", "level": "municipal"], ["rechecked": 20, "confirmed": 17, "lowered": 2, "raised": 1])
        // c re-checked nothing: its sheet is empty.
        f.data["objectivity|recheck|\(year)", default: [:]]["c"] = []
        let r = try evaluator.evaluate(period: year, schools: ["a", "b", "c", "d"], data: f)
        let x = try result(r, "objectivity.recheck")
        #expect(x.meeting == ["b"] && x.unknown == ["d"] && x.share.count == 1)
        #expect(Self.catalog.schoolShares!.indicators.first { $0.id == "objectivity.recheck" }?.isShare == false)
    }
}
