import Foundation
import Testing
@testable import SvodExpressions

@Suite struct AnalysisTests {
    @Test func referencesListEveryNameWhole() throws {
        #expect(try Expression.parse("n = n5 + n4 + n3 + n2").references == ["n", "n5", "n4", "n3", "n2"])
        #expect(try Expression.parse("ABS(quality - previous.quality) <= 15").references == ["quality", "previous.quality"])
        #expect(try Expression.parse("SUM(results.n) = итого.n").references == ["results.n", "итого.n"])
        #expect(try Expression.parse("IF(n > 0, quality <= success, TRUE)").references == ["n", "quality", "success"])
        #expect(try Expression.parse("NOT -a & «b» OR AND(c, d)").references == ["a", "c", "d"])
        #expect(try Expression.parse("ROUND(3662 / 3800 * 100, 1)").references.isEmpty)
    }

    @Test func topLevelComparisonSplitsActualFromExpected() throws {
        let rule = try Expression.parse("success = (n5 + n4 + n3) / n * 100")
        let comparison = try #require(rule.topLevelComparison)
        #expect(comparison.op == .equal)
        #expect(comparison.left == .name("success"))
        #expect(comparison.right.description == "(n5 + n4 + n3) / n * 100")

        let env: TestEnvironment = ["success": num("96.4"), "n5": .number(1125), "n4": .number(1694), "n3": .number(843),
                                    "n": .number(3800)]
        #expect(try comparison.left.evaluate(env) == num("96.4"))
        #expect(try Arithmetic.round(#require(comparison.right.evaluate(env).number), places: 1) == dec("96.4"))
    }

    @Test func onlyARootComparisonCounts() throws {
        #expect(try Expression.parse("a = b AND c = d").topLevelComparison == nil)
        #expect(try Expression.parse("NOT a = b").topLevelComparison == nil)
        #expect(try Expression.parse("IF(a, b = c, TRUE)").topLevelComparison == nil)
        #expect(try Expression.parse("(a <= b)").topLevelComparison?.op == .lessOrEqual)
        #expect(try Expression.parse("COUNT(results.subject) >= 3").topLevelComparison?.op == .greaterOrEqual)
    }
}

private extension ExpressionValue {
    var number: Decimal? {
        if case let .number(d) = self { d } else { nil }
    }
}
