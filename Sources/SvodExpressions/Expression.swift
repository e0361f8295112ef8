import Foundation

/// A parsed rule expression, e.g. `n = n5 + n4 + n3 + n2`.
public indirect enum Expression: Hashable, Sendable {
    /// A number literal, exact as written.
    case number(Decimal)
    /// A text literal, `"..."` (with `""` inside) or `«...»`.
    case text(String)
    /// `TRUE`/`ИСТИНА` or `FALSE`/`ЛОЖЬ`.
    case boolean(Bool)
    /// A field name, dotted names whole: `previous.quality`, `results.n`.
    case name(String)
    /// `-x`, `+x` or `NOT x`.
    case unary(UnaryOperator, Expression)
    /// Arithmetic or `&`.
    case binary(BinaryOperator, Expression, Expression)
    /// A comparison; chains need parentheses (`a < b < c` does not parse, `(a < b) = c` does).
    case comparison(ComparisonOperator, Expression, Expression)
    /// Infix `AND`/`OR`; the call forms `AND(...)`/`OR(...)` are `.call`.
    case logical(LogicalOperator, Expression, Expression)
    /// A built-in function with its arguments, count already checked by the parser.
    case call(ExpressionFunction, [Expression])
    /// A keyed table row or another form's value: `procedures.held["vpr"]`, `form("staff").staff.n`.
    case reference(ValueReference)

    /// Parses rule text; throws `ExpressionError` with the column of the first problem.
    public static func parse(_ text: String) throws -> Expression {
        var parser = try Parser(text)
        return try parser.parseAll()
    }

    /// The comparison at the root, so the caller can report "actual" (left) against "expected" (right).
    public var topLevelComparison: (op: ComparisonOperator, left: Expression, right: Expression)? {
        guard case let .comparison(op, left, right) = self else { return nil }
        return (op, left, right)
    }
}
