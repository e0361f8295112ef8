import Foundation
import Testing
@testable import SvodExpressions

@Suite struct MissingAndLogicTests {
    private let env: TestEnvironment = ["n": .number(10), "zero": .number(0), "yes": .bool(true), "no": .bool(false),
                                         "name": .text("Иванов")]

    @Test(arguments: ["absent + 1", "1 - absent", "absent * 0", "-absent", "absent ^ 2", "absent = 1", "1 <> absent",
                      "absent < n", "absent & \"x\"", "NOT absent", "ROUND(absent, 1)", "ROUND(1.5, absent)",
                      "ABS(absent)", "previous.quality - n"])
    func missingOperandsGiveMissing(_ text: String) throws {
        #expect(try eval(text, env) == .missing)
    }

    @Test(arguments: [
        ("no AND absent", ExpressionValue.bool(false)), ("absent AND no", .bool(false)),
        ("yes AND absent", .missing), ("absent AND yes", .missing), ("absent AND absent", .missing),
        ("yes OR absent", .bool(true)), ("absent OR yes", .bool(true)),
        ("no OR absent", .missing), ("absent OR no", .missing), ("absent OR absent", .missing),
        ("yes AND yes", .bool(true)), ("yes AND no", .bool(false)), ("no OR no", .bool(false)), ("no OR yes", .bool(true)),
        ("AND(yes, absent, no)", .bool(false)), ("AND(yes, absent)", .missing), ("AND(yes, yes, yes)", .bool(true)),
        ("OR(no, absent, yes)", .bool(true)), ("OR(no, absent)", .missing), ("ИЛИ(no; no)", .bool(false)),
    ])
    func threeValuedLogic(_ text: String, _ expected: ExpressionValue) throws {
        #expect(try eval(text, env) == expected)
    }

    @Test func andOrStopAtTheDecidingOperand() throws {
        #expect(try eval("zero > 0 AND n / zero > 1", env) == .bool(false))
        #expect(try eval("zero = 0 OR n / zero > 1", env) == .bool(true))
        #expect(try eval("AND(zero > 0, n / zero > 1)", env) == .bool(false))
        #expect(throws: EvaluationError.divisionByZero) { try eval("zero = 0 AND n / zero > 1", env) }
    }

    @Test func ifEvaluatesOnlyTheChosenBranch() throws {
        #expect(try eval("IF(zero > 0, n / zero, 0)", env) == .number(0))
        #expect(try eval("ЕСЛИ(n > 0; n / 4; n / zero)", env) == num("2.5"))
        #expect(try eval("IF(n > 100, 1)", env) == .bool(false))
        #expect(try eval("IF(absent > 0, n / zero, n / zero)", env) == .missing)
        let recording = RecordingEnvironment(["n": .number(5)])
        #expect(try Expression.parse("IF(n > 0, chosen, skipped)").evaluate(recording) == .missing)
        #expect(recording.read == ["n", "chosen"])
    }

    @Test func coalesceTakesTheFirstPresentValueLazily() throws {
        #expect(try eval("COALESCE(absent, other, n, n / zero)", env) == .number(10))
        #expect(try eval("COALESCE(absent, other)", env) == .missing)
        #expect(try eval("COALESCE(absent, 0) + 1", env) == .number(1))
    }

    @Test func isBlank() throws {
        #expect(try eval("ISBLANK(absent)", env) == .bool(true))
        #expect(try eval("ЕПУСТО(n)", env) == .bool(false))
        #expect(try eval("ISBLANK(absent + 1)", env) == .bool(true))
        #expect(try eval("ISBLANK(\"\")", env) == .bool(false))
    }

    @Test func comparisons() throws {
        #expect(try eval("3800 = 3800.000", env) == .bool(true))
        #expect(try eval("74.2 < 74.20000000000000000001", env) == .bool(true))
        #expect(try eval("n >= 10 AND n <= 10 AND n <> 11 AND n > 9 AND n < 11", env) == .bool(true))
        #expect(try eval("name = \"Иванов\"", env) == .bool(true))
        #expect(try eval("name = «иванов»", env) == .bool(false))
        #expect(try eval("name <> \"Петров\"", env) == .bool(true))
        #expect(try eval("yes = TRUE AND no <> TRUE", env) == .bool(true))
        #expect(try eval("\"a\" & n = \"a10\"", env) == .bool(true))
    }

    @Test func comparingDifferentKindsIsATypeError() throws {
        #expect(throws: EvaluationError.type(operation: "=", expected: .number, found: .text)) { try eval("n = \"10\"", env) }
        #expect(throws: EvaluationError.type(operation: "<", expected: .number, found: .text)) { try eval("name < \"Я\"", env) }
        #expect(throws: EvaluationError.type(operation: ">", expected: .number, found: .bool)) { try eval("yes > no", env) }
        #expect(throws: EvaluationError.type(operation: "AND", expected: .bool, found: .number)) { try eval("n AND yes", env) }
        #expect(throws: EvaluationError.type(operation: "NOT", expected: .bool, found: .number)) { try eval("NOT n", env) }
        #expect(throws: EvaluationError.type(operation: "IF", expected: .bool, found: .number)) { try eval("IF(n, 1, 2)", env) }
    }
}
