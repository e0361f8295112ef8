import Foundation
import SvodExpressions
import SvodLocale
import SvodSchema

/// The validator's comparison of a rule's two sides, for checks outside a school's file (the
/// city rows of a consolidation): the same tolerance, the same rounding at published places.
public enum RuleComparison {
    /// Whether `actual op expected` holds under `tolerance`, the published rounding at `places`.
    public static func holds(_ op: ComparisonOperator, _ actual: Decimal, _ expected: Decimal, _ tolerance: Tolerance, places: Int?) -> Bool {
        RuleRunner.holds(op, actual, expected, tolerance, places: places)
    }

    /// A number as messages show it (decimal comma in Russian).
    public static func text(_ d: Decimal, _ language: Language) -> String { NumberText.text(d, language) }
}
