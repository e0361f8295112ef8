/// A problem found while evaluating an expression against actual values.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A divisor (or a zero base with a negative exponent) was zero.
    case divisionByZero
    /// An operand of the wrong kind, e.g. text in `+`; `operation` is the operator or function name.
    case type(operation: String, expected: ExpressionValueKind, found: ExpressionValueKind)
    /// An argument of the right kind but an unusable value, e.g. `ROUND(x, 0.5)`.
    case invalidArgument(operation: String, ru: String, en: String)
    /// A result beyond what `Decimal` holds (about 10^165).
    case overflow(operation: String)

    /// Russian message.
    public var ru: String {
        switch self {
        case .divisionByZero:
            "деление на ноль"
        case let .type(operation, expected, found):
            "«\(operation)»: ожидалось \(expected.ru), получено \(found.ru)"
        case let .invalidArgument(operation, ru, _):
            "«\(operation)»: \(ru)"
        case let .overflow(operation):
            "«\(operation)»: результат слишком велик"
        }
    }

    /// English message.
    public var en: String {
        switch self {
        case .divisionByZero:
            "division by zero"
        case let .type(operation, expected, found):
            "'\(operation)': expected \(expected.en), got \(found.en)"
        case let .invalidArgument(operation, _, en):
            "'\(operation)': \(en)"
        case let .overflow(operation):
            "'\(operation)': result too large"
        }
    }

    /// The English message.
    public var description: String { en }
}
