import Foundation
import Testing
@testable import SvodExpressions

@Suite struct ArithmeticTests {
    private let seed: TestEnvironment = [
        "participants": .number(3800), "n5": .number(1125), "n4": .number(1694), "n3": .number(843),
        "n2": .number(138), "passed": .number(3662),
    ]

    @Test func seedParticipantsAddUp() throws {
        #expect(try eval("participants = n5 + n4 + n3 + n2", seed) == .bool(true))
        #expect(try eval("n5 + n4 + n3 + n2", seed) == .number(3800))
    }

    @Test func seedPercentagesRoundExactly() throws {
        #expect(try eval("ROUND(3662/3800*100, 1)") == num("96.4"))
        #expect(try eval("ROUND((1125+1694)/3800*100, 1)") == num("74.2"))
        #expect(try eval("ROUND(passed / participants * 100, 1) = 96.4", seed) == .bool(true))
        #expect(try eval("ROUND((n5 + n4) / participants * 100, 1) = 74.2", seed) == .bool(true))
        #expect(try eval("ОКРУГЛ((n5 + n4 + n3) / participants * 100; 1)", seed) == num("96.4"))
    }

    @Test(arguments: [
        ("ROUND(2.5, 0)", "3"), ("ROUND(-2.5, 0)", "-3"), ("ROUND(74.15, 1)", "74.2"), ("ROUND(-74.15, 1)", "-74.2"),
        ("ROUND(74.149999, 1)", "74.1"), ("ROUND(0.05, 1)", "0.1"), ("ROUND(1250, -2)", "1300"),
        ("ROUND(1249, -2)", "1200"), ("ROUND(1.005, 2)", "1.01"), ("ROUND(7, 3)", "7"), ("ROUND(0.5, 1000)", "0.5"),
        ("ROUND(12345, -1000)", "0"),
    ])
    func roundIsHalfAwayFromZeroOnDecimals(_ text: String, _ expected: String) throws {
        #expect(try eval(text) == num(expected))
    }

    @Test func decimalArithmeticHasNoBinaryNoise() throws {
        #expect(try eval("0.1 + 0.2 = 0.3") == .bool(true))
        #expect(try eval("81.7 * 10") == num("817"))
        #expect(try eval("1 - 0.9") == num("0.1"))
        #expect(try eval("7 / 4") == num("1.75"))
    }

    @Test func otherOperators() throws {
        #expect(try eval("-(3 - 5)") == .number(2))
        #expect(try eval("+4") == .number(4))
        #expect(try eval("ABS(-3.5)") == num("3.5"))
        #expect(try eval("2 ^ 10") == .number(1024))
        #expect(try eval("1.5 ^ 2") == num("2.25"))
        #expect(try eval("(-2) ^ 3") == .number(-8))
        #expect(try eval("10 ^ 0") == .number(1))
        #expect(try eval("\"n=\" & 3800 & \"; \" & TRUE") == .text("n=3800; TRUE"))
    }

    @Test func fractionalPowersAreApproximate() throws {
        guard case let .number(root) = try eval("2 ^ 0.5") else { Issue.record("not a number"); return }
        #expect((root - dec("1.41421356237")).magnitude < dec("0.000000001"))
        #expect(try eval("9 ^ 0.5") == .number(3))
        #expect(throws: EvaluationError.self) { try eval("(-8) ^ 0.5") }
    }

    @Test func divisionByZeroThrowsInBothLanguages() throws {
        for text in ["1 / 0", "0 / 0", "n5 / (n2 - 138)", "0 ^ -1", "AVERAGE(1) / 0"] {
            #expect(throws: EvaluationError.divisionByZero) { try eval(text, seed) }
        }
        #expect(EvaluationError.divisionByZero.ru == "деление на ноль")
        #expect(EvaluationError.divisionByZero.en == "division by zero")
    }

    @Test func missingDividedByZeroIsMissing() throws {
        #expect(try eval("absent / 0") == .missing)
    }

    @Test func overflowIsAnErrorNotNaN() throws {
        #expect(throws: EvaluationError.overflow(operation: "*")) { try eval("10^100 * 10^100") }
        #expect(throws: EvaluationError.overflow(operation: "^")) { try eval("10 ^ 100000") }
        #expect(try eval("1 ^ 100000000000") == .number(1))
        #expect(try eval("(-1) ^ 100000000001") == .number(-1))
    }

    @Test func roundPlacesMustBeWhole() throws {
        #expect(throws: EvaluationError.self) { try eval("ROUND(1.25, 0.5)") }
        do {
            _ = try eval("ROUND(1.25, 0.5)")
        } catch let error as EvaluationError {
            #expect(error.ru.contains("ROUND") && error.en.contains("whole number"))
        }
    }

    @Test func typeErrorsThrow() throws {
        #expect(throws: EvaluationError.type(operation: "+", expected: .number, found: .text)) { try eval("\"a\" + 1") }
        #expect(throws: EvaluationError.type(operation: "*", expected: .number, found: .bool)) { try eval("2 * TRUE") }
        #expect(throws: EvaluationError.type(operation: "-", expected: .number, found: .text)) { try eval("-\"x\"") }
        #expect(throws: EvaluationError.type(operation: "ABS", expected: .number, found: .text)) { try eval("ABS(\"x\")") }
        // A type error is a bug in the rule, so it surfaces even when the other operand is missing.
        #expect(throws: EvaluationError.self) { try eval("\"a\" + absent") }
        let error = EvaluationError.type(operation: "+", expected: .number, found: .text)
        #expect(error.ru == "«+»: ожидалось число, получено текст")
        #expect(error.en == "'+': expected a number, got text")
    }
}

@Suite struct ExtremeNumberTests {
    @Test func tinyResultsBecomeZeroInsteadOfCrashingFoundation() throws {
        var env: TestEnvironment = [:]
        env.values["tiny"] = .number(Decimal(sign: .plus, exponent: -100, significand: 1))
        #expect(try eval("tiny * tiny", env) == .number(0))
        #expect(try eval("0.1 ^ 200", env) == .number(0))
        #expect(try eval("(0.1 ^ 50) * (0.1 ^ 50)", env) == .number(0))
        #expect(try eval("0.1 ^ 30 / 10 ^ 100", env) == .number(0))
        #expect(try eval("2 ^ -1000", env) == .number(0))
        #expect(try eval("0.5 ^ 1000000000000", env) == .number(0))
    }

    @Test func hugeResultsAreOverflowErrors() throws {
        var env: TestEnvironment = [:]
        env.values["huge"] = .number(Decimal(sign: .plus, exponent: 120, significand: 1))
        #expect(throws: EvaluationError.overflow(operation: "ROUND")) { try eval("ROUND(huge, -120)", env) }
        #expect(throws: EvaluationError.overflow(operation: "+")) { try eval("huge + 1", env) }
        #expect(throws: EvaluationError.overflow(operation: "^")) { try eval("0.5 ^ -1000", env) }
        #expect(try eval("ROUND(12345, -150)", env) == .number(0))
        #expect(try eval("huge > 1", env) == .bool(true))
    }

    @Test(arguments: [String(repeating: "9", count: 39), "1" + String(repeating: "0", count: 101),
                      "0." + String(repeating: "0", count: 60) + "1", String(repeating: "1", count: 200)])
    func literalsThatWouldNotBeExactAreRefused(_ text: String) throws {
        #expect(throws: ExpressionError.self) { try Expression.parse(text) }
    }

    @Test func longButExactLiteralsAreKept() throws {
        #expect(try Expression.parse(String(repeating: "9", count: 38)) == .number(dec(String(repeating: "9", count: 38))))
        #expect(try Expression.parse("0000000000000000000000000000000000000000001.5000000000000000000000000000000000000000")
            == .number(dec("1.5")))
    }
}
