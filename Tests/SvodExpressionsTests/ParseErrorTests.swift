import Foundation
import Testing
@testable import SvodExpressions

@Suite struct ParseErrorTests {
    private func failure(_ text: String) throws -> ExpressionError {
        do {
            let parsed = try Expression.parse(text)
            Issue.record("parsed \(text) as \(parsed)")
            throw Unexpected()
        } catch let error as ExpressionError {
            return error
        }
    }

    private struct Unexpected: Error {}

    @Test(arguments: [
        ("", 1), ("   ", 1), ("(a + b", 7), ("a + ", 5), ("a b", 3), ("a # b", 3), ("\"abc", 1), ("x = «abc", 5),
        ("a.", 3), ("a..b", 3), ("SUM(a, )", 8), ("SUM(a b)", 7), ("FOO(1)", 1), ("x + foo(1)", 5),
        ("ROUND(1)", 1), ("ABS(1, 2)", 1), ("SUM()", 1), ("IF(a)", 1), ("a < b < c", 7), ("a = b = c", 7),
        ("2n", 2), ("1.2.3", 4), ("a ! b", 3), ("AND", 1), ("a AND", 6), ("NOT", 4), ("(", 2), (")", 1),
        ("a + *b", 5), ("итого.n + )", 11), ("results.n(1)", 1),
    ])
    func everyErrorHasAColumnAndBothLanguages(_ text: String, _ column: Int) throws {
        let error = try failure(text)
        #expect(error.column == column, "\(error.en)")
        #expect(!error.ru.isEmpty && !error.en.isEmpty)
        #expect(error.ru != error.en)
        if !text.trimmingCharacters(in: .whitespaces).isEmpty {
            #expect(error.ru.contains("позиции \(column)"), "\(error.ru)")
            #expect(error.en.contains("column \(column)"), "\(error.en)")
        }
    }

    @Test func closingParenthesisMessageNamesWhatWasFound() throws {
        let error = try failure("ABS(a - b <= 15")
        #expect(error.column == 16)
        #expect(error.ru == "ожидалась «)» в позиции 16, а встретилось конец выражения")
        #expect(error.en == "expected ')' at column 16, found end of expression")
    }

    @Test func unknownFunctionListsTheKnownOnes() throws {
        let error = try failure("n = СУМ(a)")
        #expect(error.column == 5)
        #expect(error.ru.contains("«СУМ»"))
        #expect(error.en.contains("'СУМ'"))
        for function in ExpressionFunction.allCases {
            #expect(error.en.contains(function.rawValue))
            #expect(error.ru.contains(function.spellings.joined(separator: "/")))
        }
    }

    @Test func columnsCountCharactersNotBytes() throws {
        #expect(try failure("итого + #").column == 9)
        #expect(try failure("«ё» + #").column == 7)
    }

    @Test func absurdNestingIsRefusedInsteadOfOverflowingTheStack() throws {
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        let error = try failure(deep)
        #expect(error.en.contains("too deeply"))
        #expect(try Expression.parse(String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50))
            == .number(1))
        #expect(throws: ExpressionError.self) { try Expression.parse(String(repeating: "-", count: 10_000) + "1") }
    }
}
