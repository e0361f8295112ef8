import SvodLocale
@testable import SvodSchema
@testable import SvodTemplates
import Testing

/// A rule as the formula a template's conditional format and note evaluate: the validator's
/// policies written out (the render tests check what LibreOffice makes of them).
@Suite struct RuleFormulaTests {
    static let cells = ["n": "C5", "n5": "D5", "n4": "E5", "share": "F5", "pupils": "'Титул'!$C$9", "results.n": "'ВПР'!$C$5:$C$9"]

    func formula(_ check: String, when: String? = nil, tolerance: Tolerance = .exact, missing: MissingPolicy = .skipIfAny, places: Int? = 0,
                 message: String = "{actual} против {expected}", crossPeriod: Bool = false) -> RuleFormula? {
        let rule = RuleSchema(id: "t.rule", severity: .error, sheet: "results", check: check, when: when, tolerance: tolerance, missing: missing,
                              message: LocalizedText(ru: message, en: message), crossPeriod: crossPeriod,
                              source: SourceLocation(file: "t.yaml", line: 1, column: 1))
        return RuleFormula(rule, places: places) { Self.cells[$0] }
    }

    @Test func everyOperandPresentThenTheCheck() throws {
        let f = try #require(formula("n = n5 + n4"))
        #expect(f.failing == #"IFERROR(IF(AND(C5<>"",D5<>"",E5<>""),NOT((C5)=(D5+E5)),FALSE),FALSE)"#)
        #expect(f.message == #"(C5)&" против "&ROUND(D5+E5,0)"#)
    }

    @Test func theConditionIsDecidedBeforeTheCheckOnItsOwnValues() throws {
        let f = try #require(formula("share = n5 / n * 100", when: "n > 0", tolerance: .published, places: 1))
        #expect(f.failing == #"IFERROR(IF(AND(C5<>"",F5<>"",D5<>""),IF(C5>0,NOT((ROUND(F5,1))=(ROUND(D5/C5*100,1))),FALSE),FALSE),FALSE)"#)
    }

    @Test func missingPoliciesAreTheValidatorsOwn() throws {
        let all = try #require(formula("n >= n5", missing: .skipIfAll))
        #expect(all.failing == #"IFERROR(IF(OR(C5<>"",D5<>""),NOT((C5)>=(D5)),FALSE),FALSE)"#)
        // A blank operand is a finding under `missing: error`, without computing on it.
        let error = try #require(formula("n >= 0", when: "n5 > 0", missing: .error))
        #expect(error.failing == #"IFERROR(IF(D5<>"",IF(D5>0,IF(C5<>"",NOT((C5)>=(0)),TRUE),FALSE),FALSE),FALSE)"#)
    }

    @Test func tolerancesWidenTheComparison() throws {
        #expect(formula("n = n5", tolerance: .absolute(2))?.failing.contains("NOT(ABS((C5)-(D5))<=2)") == true)
        #expect(formula("n <= n5", tolerance: .relative(0.1))?.failing.contains("NOT(OR((C5)<=(D5),ABS((C5)-(D5))<=0.1*ABS(D5)))") == true)
        #expect(formula("n < n5", tolerance: .absolute(1))?.failing.contains("NOT(AND((C5)<(D5),NOT(ABS((C5)-(D5))<=1)))") == true)
    }

    @Test func aggregatesReadRangesThatAreNoOperandsThemselves() throws {
        let f = try #require(formula("pupils >= MAX(results.n)"))
        #expect(f.failing == #"IFERROR(IF('Титул'!$C$9<>"",NOT(('Титул'!$C$9)>=(MAX('ВПР'!$C$5:$C$9))),FALSE),FALSE)"#)
    }

    @Test func whatACellFormulaCannotFollowIsLeftToTheValidator() {
        #expect(formula("n <= previous.n", crossPeriod: true) == nil)
        #expect(formula("n <= unknown") == nil)
        #expect(formula(#"n <= LOOKUP("ege-min", 2024, "rus")"#) == nil)
        #expect(formula(#"n <= procedures.held["vpr"]"#) == nil)
    }

    @Test func longMessagesAreCutIntoExcelsStringLiterals() throws {
        let text = String(repeating: "я", count: 600) + " \"{actual}\""
        let f = try #require(formula("n = n5", message: text))
        let literals = f.message.split(separator: "&")
        #expect(literals.count == 5 && literals.allSatisfy { $0.count <= 257 + 2 }, "\(literals.map(\.count))")
        // The quotes around {actual} doubled inside their literals.
        #expect(f.message.hasSuffix(#"я """&(C5)&"""""#), "\(f.message.suffix(30))")
    }
}
