import Foundation
import Testing
@testable import SvodExpressions

@Suite struct AggregateTests {
    private var env: TestEnvironment {
        var env: TestEnvironment = ["total.n": .number(60), "n5": .number(7), "n4": .missing, "results.n": .number(99)]
        env.columns = [
            "results.n": [.number(10), .missing, .number(20), .number(30)],
            "results.subject": [.text("Математика"), .text("Физика"), .missing, .text("Химия")],
            "results.score": [num("4.5"), num("3.25"), .missing, num("-1")],
            "results.empty": [.missing, .missing],
            "results.none": [],
        ]
        return env
    }

    @Test func sumOverAColumnSkipsMissingRows() throws {
        #expect(try eval("SUM(results.n)", env) == .number(60))
        #expect(try eval("SUM(results.n) = total.n", env) == .bool(true))
        #expect(try eval("СУММ(results.score)", env) == num("6.75"))
    }

    @Test func plainAndMixedArguments() throws {
        #expect(try eval("SUM(n5, 3)", env) == .number(10))
        #expect(try eval("SUM(n5, n4)", env) == .number(7))  // unlike n5 + n4, which is missing
        #expect(try eval("n5 + n4", env) == .missing)
        #expect(try eval("SUM(results.n, n5, 1)", env) == .number(68))
        #expect(try eval("SUM(results.n * 1)", env) == .number(99))  // only a bare name is a column
        #expect(try eval("MAX(results.n, 100)", env) == .number(100))
    }

    @Test func countsAndAverages() throws {
        #expect(try eval("COUNT(results.n)", env) == .number(3))
        #expect(try eval("COUNT(results.subject)", env) == .number(0))
        #expect(try eval("COUNTA(results.subject)", env) == .number(3))
        #expect(try eval("СЧЁТЗ(results.subject) >= 3 AND n5 <= total.n", env) == .bool(true))
        #expect(try eval("COUNT(results.empty)", env) == .number(0))
        #expect(try eval("AVERAGE(results.n)", env) == .number(20))
        #expect(try eval("СРЗНАЧ(results.score)", env) == .number(dec("6.75") / 3))
        #expect(try eval("AVG(1, 2)", env) == num("1.5"))
        #expect(try eval("MIN(results.score)", env) == .number(-1))
        #expect(try eval("МАКС(results.score)", env) == num("4.5"))
        #expect(try eval("МИН(results.n)", env) == .number(10))
    }

    @Test(arguments: ["SUM", "MIN", "MAX", "AVERAGE"])
    func nothingToAggregateIsMissing(_ function: String) throws {
        #expect(try eval("\(function)(results.empty)", env) == .missing)
        #expect(try eval("\(function)(results.none)", env) == .missing)
        #expect(try eval("\(function)(absent, n4)", env) == .missing)
    }

    @Test func notAColumnFallsBackToTheSingleValue() throws {
        #expect(try eval("SUM(total.n)", env) == .number(60))
        #expect(try eval("COUNT(total.n, absent)", env) == .number(1))
    }

    @Test func textInANumericAggregateIsATypeError() throws {
        #expect(throws: EvaluationError.type(operation: "SUM", expected: .number, found: .text)) {
            try eval("SUM(results.subject)", env)
        }
        #expect(throws: EvaluationError.type(operation: "AVERAGE", expected: .number, found: .bool)) {
            try eval("AVERAGE(1, TRUE)", env)
        }
    }
}
