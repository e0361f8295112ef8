import Foundation
import SvodExpressions
import SvodIndicators
import SvodSchema
import SvodTestSupport
import Testing

/// The director rubric (seed 4.2) for three schools, every line computed by hand from the seed's
/// wording and the decisions written beside the lines in `Schemas/indicators/director-rubric.yaml`.
@Suite struct RubricEvaluatorTests {
    static let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)
    let evaluator = RubricEvaluator(rubric: catalog.directorRubric!, catalog: catalog)
    let year = "2019/2020", before = "2018/2019"

    /// The director's form of a school: only the values a test changes differ from these.
    private func director(_ f: inout FixtureSheets, _ period: String, _ school: String, _ changes: [String: Decimal] = [:], yes: Set<String> = []) {
        var n: [String: Decimal] = ["pre_n": 0, "pre_ok": 0, "dop_budget": 0, "ege100": 0, "ege80": 0, "biased": 0, "noku": 0, "fin_total": 0,
                                    "fin_extra": 0, "prevent_programs": 0, "dop_pupils": 0, "orders": 0, "complaints": 0, "registered": 0, "offences": 0]
        for (k, v) in changes { n[k] = v }
        var answers: [String: Bool] = [:]
        for k in ["ovz_cond", "sick_cond", "preprofile", "head_dpo", "head_att", "comp_edu", "comp_dev", "comp_res", "comp_rep", "comp_inn", "rural", "adverse"] {
            answers[k] = yes.contains(k)
        }
        f.data["director|inputs|\(period)", default: [:]][school] = [SheetRow(key: [:], numbers: n, answers: answers)]
    }

    private func fixture() -> FixtureSheets {
        var f = FixtureSheets()
        // School a: a strong school with every form.
        director(&f, year, "a", ["dop_budget": 3, "ege100": 1, "ege80": 4, "noku": Decimal(string: "85.5")!, "fin_total": 1000, "fin_extra": 250,
                                 "prevent_programs": 2, "dop_pupils": 100, "complaints": 1, "registered": 2, "offences": 1],
                 yes: ["ovz_cond", "preprofile", "head_dpo", "comp_edu", "comp_dev", "comp_res"])
        director(&f, before, "a", ["registered": 3, "offences": 1])
        f.add("gia9", "summary", year, "a", [:], ["grads": 50, "no_attestat": 0])
        f.add("ege", "summary", year, "a", [:], ["grads": 20, "attestat": 20, "no_attestat": 0, "medal_no60": 1])
        f.add("contingent", "levels", year, "a", [:], ["noo_finished": 40, "noo_done": 40, "ooo_finished": 50, "ooo_cert": 50, "soo_finished": 20, "soo_cert": 19])
        for (klass, end) in [("1", 200), ("5", 250)] { f.add("contingent", "classes", year, "a", ["class": klass], ["end": Decimal(end)]) }
        f.add("talents", "vsosh", year, "a", ["subject": "math"], ["municipal_w": 1, "municipal_p": 0, "regional_w": 0, "regional_p": 0, "final_w": 0, "final_p": 0])
        f.add("career", "senior", year, "a", [:], ["classes": 2, "profile_classes": 2, "pupils": 50, "profile_pupils": 40])
        f.add("staff", "staff", year, "a", ["position": "teachers"], ["n": 36, "cat_high": 18, "cat_first": 12, "att": 4, "att_high": 2, "exp_u3": 2, "exp_3_5": 1])
        f.add("staff", "staff", year, "a", ["position": "pdo"], ["n": 4, "cat_high": 2, "cat_first": 1, "att": 0, "att_high": 0, "exp_u3": 0, "exp_3_5": 0])
        f.add("teachers-pd", "contests", year, "a", ["level": "municipal"], ["participants": 3, "winners": 1, "prizewinners": 0, "leaders_winners": 1])
        f.add("teachers-pd", "contests", year, "a", ["level": "regional"], ["participants": 1, "winners": 0, "prizewinners": 0, "leaders_winners": 0])
        // School b: rural, adverse conditions, worse results; no career file.
        director(&f, year, "b", ["noku": Decimal(string: "60.5")!, "orders": 2, "registered": 4, "offences": 1], yes: ["rural", "adverse", "sick_cond"])
        director(&f, before, "b", ["registered": 2, "offences": 1])
        f.add("gia9", "summary", year, "b", [:], ["grads": 40, "no_attestat": 2])
        f.add("ege", "summary", year, "b", [:], ["grads": 10, "attestat": 9, "no_attestat": 1, "medal_no60": 0])
        f.add("contingent", "levels", year, "b", [:], ["noo_finished": 10, "noo_done": 9, "ooo_finished": 40, "ooo_cert": 38, "soo_finished": 10, "soo_cert": 9])
        f.add("contingent", "classes", year, "b", ["class": "1"], ["end": 300])
        f.add("staff", "staff", year, "b", ["position": "teachers"], ["n": 20, "cat_high": 5, "cat_first": 5, "att": 2, "att_high": 0, "exp_u3": 1, "exp_3_5": 1])
        // School c: a large town school, no director's file of the year before.
        director(&f, year, "c", ["ege80": 3, "biased": 1, "noku": 70, "fin_total": 2000, "fin_extra": 100, "offences": 1],
                 yes: ["head_att", "comp_edu", "comp_dev", "comp_res", "comp_rep", "comp_inn"])
        f.add("gia9", "summary", year, "c", [:], ["grads": 60, "no_attestat": 1])
        f.add("ege", "summary", year, "c", [:], ["grads": 30, "attestat": 30, "no_attestat": 0, "medal_no60": 2])
        f.add("contingent", "classes", year, "c", ["class": "1"], ["end": 1200])
        f.add("career", "senior", year, "c", [:], ["classes": 4, "profile_classes": 2, "pupils": 100, "profile_pupils": 95])
        return f
    }

    private func points(_ s: SchoolRubric) -> [String: Decimal?] {
        Dictionary(uniqueKeysWithValues: s.lines.map { ($0.line, $0.points) })
    }

    @Test func theCatalogueDeclaresElevenItems() {
        #expect(Self.catalog.issues.isEmpty, "\(Self.catalog.issues)")
        #expect(evaluator.rubric.items.map(\.number) == Array(1...11))
    }

    /// School a, line by line. City sums: ГИА-9 without attestat 3 of 150 = 2 %; ЕГЭ 80+ 7 of 60 = 11,7 %.
    @Test func schoolAByHand() throws {
        let r = try evaluator.evaluate(period: year, schools: ["a", "b", "c"], data: fixture())
        let a = points(r.schools[0])
        let expected: [String: Decimal] = [
            "1.1": 0, "1.2": 5, "1.3": 0, "1.4": 0, "1.5": 1, "1.6": 1, "1.7": 0, "1.8": 3,
            "2.1": 5, "2.2": 8, "2.3": 2, "2.4": 1, "3.1": -1, "3.2": 0, "4.1": 3, "4.2": 2,
            "5.1": 1, "5.2": 1, "6.1": 1, "6.2": 5, "6.3": 1,
            "7.1": 1, "7.2": 2, "7.3": 0, "7.4": 6, "7.5": 2,
            "8.1": 3, "8.2": 0, "9.1": 3, "10.1": 1, "10.2": -1, "10.3": 1, "11.1": 1, "11.2": 0,
        ]
        #expect(Set(expected.keys) == Set(a.keys))
        for (line, value) in expected { #expect(a[line] == value, "a \(line): \(String(describing: a[line]))") }
        // 7.1: 18 + 12 + 2 + 1 = 33 of 40 pedagogues with a category, 82,5 % ≥ 80 %; 7.3: 3 of 40 = 7,5 % < 10 %;
        // 7.4: municipal 2 participants × 1 + 1 winner × 2, regional 1 participant × 2 = 6; 4.2: INT(25 % / 10 %) = 2.
        #expect(r.schools[0].missing == 0 && r.schools[0].total == 58)
    }

    @Test func schoolsBAndCByHand() throws {
        let r = try evaluator.evaluate(period: year, schools: ["a", "b", "c"], data: fixture())
        let b = points(r.schools[1]), c = points(r.schools[2])
        // b: 2 of 40 without attestat = 5 % > 2 % → −2; ЕГЭ: 9 of 10 → no 5; 1 without → 1 of 60 city = 1,7 %, 10 % > → −2.
        #expect(b["1.1"] == -2 && b["1.2"] == 0 && b["1.3"] == -2)
        #expect(b["1.5"] == 0 && b["4.1"] == 1 && b["4.2"] == 0 && b["5.1"] == 1)
        #expect(b["10.1"] == -1 && b["10.2"] == 1 && b["10.3"] == -1 && b["11.1"] == 1 && b["11.2"] == 5)
        #expect(b["6.2"] == .some(nil), "b has no career file: «нет данных»")
        // 10 of 20 with a category; 0 of 2 attested to the highest; 2 of 20 = 10 % young: «10 % и более» — 5.
        #expect(b["7.1"] == 0 && b["7.2"] == 0 && b["7.3"] == 5)
        #expect(b["2.4"] == .some(nil) && b["7.4"] == .some(nil), "b sent no talents or teachers-pd file")
        // c: 1 of 60 = 1,7 % < 2 % → −1 (presence); 3 of 30 = 10 % < 11,7 % → 0; 2 medalists → −2; 1 biased subject → −5.
        #expect(c["1.1"] == -1 && c["2.2"] == 6 && c["2.3"] == 0 && c["3.1"] == -2 && c["3.2"] == -5)
        #expect(c["4.1"] == 2 && c["4.2"] == 0 && c["8.2"] == 3 && c["9.1"] == 5)
        #expect(c["6.2"] == 5, "2 of 4 profile classes (50 %): 0; 95 of 100 pupils: 5")
        #expect(c["10.3"] == .some(nil), "no director file of the year before")
        #expect(c["11.1"] == 1, "1 200 pupils: more than 1 000")
        #expect(r.schools[1].missing >= 1 && r.schools[2].missing >= 1)
        // Totals by item. b: −4 (1.1 −2, 1.3 −2), 0, 0, 1, 1, 0, 5 (7.3), 0, 0, −1 (10), 6 (11) = 8.
        // c: 4 (1.1 −1, 1.2 5; no «Уровни образования»: 1.5–1.7 без данных), 6, −7, 2, 0, 5, 0, 3, 5, 2, 1 = 21.
        #expect(r.schools[1].total == 8 && r.schools[2].total == 21)
        #expect(r.schools.map(\.rank) == [1, 3, 2])
    }

    /// INT takes the whole part downwards, like Excel's: «1 балл за каждые 10 %» of 29,9 % is 2.
    @Test func intRoundsDown() throws {
        struct Empty: ExpressionEnvironment {
            func value(of name: String) -> ExpressionValue { .missing }
            func column(_ name: String) -> [ExpressionValue]? { nil }
        }
        for (text, expected) in [("INT(2.99)", Decimal(2)), ("INT(-2.5)", Decimal(-3)), ("ЦЕЛОЕ(7)", Decimal(7)), ("INT(0.299 * 10)", Decimal(2))] {
            #expect(try Expression.parse(text).evaluate(Empty()) == .number(expected), "\(text)")
        }
        #expect(try Expression.parse("INT(x)").evaluate(Empty()) == .missing)
    }
}
