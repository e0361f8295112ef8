import Foundation
import Testing
@testable import SvodExpressions

@Suite struct ParserTests {
    @Test(arguments: [
        ("1 + 2 * 3", "(1 + (2 * 3))"),
        ("(1 + 2) * 3", "((1 + 2) * 3)"),
        ("a - b - c", "((a - b) - c)"),
        ("a / b * c", "((a / b) * c)"),
        ("2 ^ 3 ^ 2", "(2 ^ (3 ^ 2))"),
        ("-2 ^ 2", "(- (2 ^ 2))"),
        ("2 ^ -1", "(2 ^ (- 1))"),
        ("-a * b", "((- a) * b)"),
        ("a * -b", "(a * (- b))"),
        ("+a", "(+ a)"),
        ("a & b + 1", "(a & (b + 1))"),
        ("a & b = c", "((a & b) = c)"),
        ("n = n5 + n4 + n3 + n2", "(n = (((n5 + n4) + n3) + n2))"),
        ("NOT a = b", "(NOT (a = b))"),
        ("NOT NOT a", "(NOT (NOT a))"),
        ("a OR b AND c", "(a OR (b AND c))"),
        ("a AND b OR c AND d", "((a AND b) OR (c AND d))"),
        ("NOT a AND b", "((NOT a) AND b)"),
        ("a < b OR c >= d", "((a < b) OR (c >= d))"),
    ])
    func precedenceAndAssociativity(_ text: String, _ expected: String) throws {
        #expect(try tree(text) == expected)
    }

    @Test func powerIsRightAssociativeLikeMathsNotExcel() throws {
        #expect(try eval("2^3^2") == .number(512))
        #expect(try eval("(2^3)^2") == .number(64))
        #expect(try eval("-2^2") == .number(-4))
        #expect(try eval("2^-2") == num("0.25"))
    }

    @Test(arguments: [
        ("a <> b", ComparisonOperator.notEqual), ("a != b", .notEqual), ("a ≠ b", .notEqual),
        ("a = b", .equal), ("a == b", .equal), ("a < b", .less), ("a <= b", .lessOrEqual),
        ("a ≤ b", .lessOrEqual), ("a > b", .greater), ("a >= b", .greaterOrEqual), ("a ≥ b", .greaterOrEqual),
    ])
    func comparisonSpellings(_ text: String, _ op: ComparisonOperator) throws {
        #expect(try Expression.parse(text) == .comparison(op, .name("a"), .name("b")))
    }

    @Test func literals() throws {
        #expect(try Expression.parse("81.7") == .number(dec("81.7")))
        #expect(try Expression.parse(".5") == .number(dec("0.5")))
        #expect(try Expression.parse("007") == .number(7))
        #expect(try Expression.parse("\"Иванов \"\"мл.\"\"\"") == .text("Иванов \"мл.\""))
        #expect(try Expression.parse("«русский \"текст\"»") == .text("русский \"текст\""))
        #expect(try Expression.parse("\"\"") == .text(""))
        for word in ["TRUE", "true", "Истина", "ИСТИНА"] { #expect(try Expression.parse(word) == .boolean(true)) }
        for word in ["FALSE", "False", "ложь", "ЛОЖЬ"] { #expect(try Expression.parse(word) == .boolean(false)) }
    }

    @Test func cyrillicAndDottedNames() throws {
        #expect(try Expression.parse("итого.n") == .name("итого.n"))
        #expect(try Expression.parse("previous.quality") == .name("previous.quality"))
        #expect(try Expression.parse("_x1") == .name("_x1"))
        #expect(try tree("всего = отл + хор") == "(всего = (отл + хор))")
        // Dotted names are never keywords, even when a part is one.
        #expect(try Expression.parse("и.n") == .name("и.n"))
    }

    @Test func russianAndCaseInsensitiveWords() throws {
        #expect(try tree("a И b ИЛИ НЕ c") == "((a AND b) OR (NOT c))")
        #expect(try tree("a and b or not c") == "((a AND b) OR (NOT c))")
    }

    @Test(arguments: [
        ("СУММ(a)", ExpressionFunction.sum), ("sum(a)", .sum), ("СЧЁТ(a)", .count), ("СЧЕТ(a)", .count),
        ("счёт(a)", .count), ("COUNTA(a)", .countA), ("СЧЁТЗ(a)", .countA), ("СЧЕТЗ(a)", .countA),
        ("МИН(a)", .min), ("МАКС(a)", .max), ("AVG(a)", .average), ("СРЗНАЧ(a)", .average),
        ("ОКРУГЛ(a, 1)", .round), ("abs(a)", .abs), ("ЕСЛИ(a, 1, 2)", .if), ("ЕПУСТО(a)", .isBlank),
        ("coalesce(a)", .coalesce), ("И(a, b)", .and), ("OR(a, b)", .or),
    ])
    func functionAliases(_ text: String, _ function: ExpressionFunction) throws {
        guard case let .call(parsed, _) = try Expression.parse(text) else {
            Issue.record("not a call: \(text)")
            return
        }
        #expect(parsed == function)
    }

    @Test func semicolonsSeparateArgumentsAsInRussianExcel() throws {
        #expect(try Expression.parse("ЕСЛИ(n > 0; a; b)") == Expression.parse("IF(n > 0, a, b)"))
    }

    @Test func excelStyleAndOrCallsAndInfixWordsCoexist() throws {
        #expect(try tree("AND(a, b) OR (c)") == "(AND(a, b) OR c)")
        #expect(try tree("a AND (b OR c)") == "(a AND (b OR c))")
    }

    @Test(arguments: [
        "n = n5 + n4 + n3 + n2",
        "success = (n5 + n4 + n3) / n * 100",
        "ABS(quality - previous.quality) <= 15",
        "SUM(results.n) = total.n",
        "IF(n > 0, quality <= success, TRUE)",
        "COUNT(results.subject) >= 3 AND n2 <= n",
        "a - (b - c)", "(a - b) - c", "a / (b * c)", "(2 ^ 3) ^ 2", "2 ^ 3 ^ 2", "(-2) ^ 2", "-2 ^ 2", "2 ^ -1",
        "NOT (a AND b)", "(a OR b) AND c", "(a = b) = c", "NOT a = b", "a & (b & c)", "- -a", "2 ^ (NOT a)",
        "«кавычки \"внутри\"» & \"x\"", "ROUND(3662 / 3800 * 100, 1)", "a <> b", "(a + b) ^ 2",
    ])
    func descriptionParsesBackToTheSameTree(_ text: String) throws {
        let parsed = try Expression.parse(text)
        #expect(try Expression.parse(parsed.description) == parsed, "\(parsed.description)")
    }

    @Test func descriptionIsCanonical() throws {
        #expect(try Expression.parse("сумм(a;b)+(c*d)") .description == "SUM(a, b) + c * d")
        #expect(try Expression.parse("a != b и не c").description == "a <> b AND NOT c")
        #expect(try Expression.parse("«a\"b»").description == "\"a\"\"b\"")
        #expect(try Expression.parse("ложь or 1.50").description == "FALSE OR 1.5")
        #expect(try Expression.parse("((a - b)) - c").description == "a - b - c")
        #expect(try Expression.parse("a - (b - c)").description == "a - (b - c)")
    }

    @Test func negativeLiteralsBuiltInCodePrintUnambiguously() throws {
        let expression = Expression.binary(.power, .number(-2), .number(2))
        #expect(expression.description == "(-2) ^ 2")
        #expect(try Expression.parse(expression.description).evaluate(TestEnvironment()) == .number(4))
    }

    @Test func whitespaceIncludingNewlinesIsIgnored() throws {
        #expect(try Expression.parse("  n =\n\tn5 +\u{00A0}n4 ") == Expression.parse("n=n5+n4"))
    }
}
