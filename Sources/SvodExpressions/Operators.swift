/// A prefix operator.
public enum UnaryOperator: String, Hashable, Sendable {
    /// Negation; binds looser than `^`, so `-2^2` is −4.
    case minus = "-"
    /// Identity on numbers; still rejects text and logical values.
    case plus = "+"
    /// Logical negation (`NOT`/`НЕ`); binds looser than comparisons, so `NOT a = b` is `NOT (a = b)`.
    case not = "NOT"
}

/// An infix operator producing a number or text.
public enum BinaryOperator: String, Hashable, Sendable {
    /// Exponentiation, right-associative (`2^3^2` = 512, unlike Excel's 64).
    case power = "^"
    /// Multiplication.
    case multiply = "*"
    /// Division; a zero divisor throws `EvaluationError.divisionByZero`.
    case divide = "/"
    /// Addition.
    case add = "+"
    /// Subtraction.
    case subtract = "-"
    /// Text concatenation; numbers and logical values join in their canonical spelling.
    case concatenate = "&"
}

/// A comparison; its canonical spelling is the raw value.
public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
    /// Equal (also `==`): exact for numbers, case-sensitive for text.
    case equal = "="
    /// Not equal (also `!=`, `≠`).
    case notEqual = "<>"
    /// Less than; numbers only.
    case less = "<"
    /// Less than or equal (also `≤`); numbers only.
    case lessOrEqual = "<="
    /// Greater than; numbers only.
    case greater = ">"
    /// Greater than or equal (also `≥`); numbers only.
    case greaterOrEqual = ">="

    /// Whether the operator orders values rather than only testing equality.
    var isOrdering: Bool { self != .equal && self != .notEqual }
}

/// A three-valued logical connective.
public enum LogicalOperator: String, Hashable, Sendable {
    /// Conjunction (`AND`/`И`): FALSE wins over missing.
    case and = "AND"
    /// Disjunction (`OR`/`ИЛИ`): TRUE wins over missing.
    case or = "OR"
}
