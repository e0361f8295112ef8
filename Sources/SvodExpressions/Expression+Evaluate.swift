extension Expression {
    /// Evaluates against `environment`; throws `EvaluationError` on division by zero, type mismatches and overflow.
    public func evaluate(_ environment: some ExpressionEnvironment) throws -> ExpressionValue {
        switch self {
        case let .number(value):
            return .number(value)
        case let .text(value):
            return .text(value)
        case let .boolean(value):
            return .bool(value)
        case let .name(name):
            return environment.value(of: name)
        case let .reference(reference):
            return environment.value(of: reference)
        case let .unary(op, operand):
            return try Operations.unary(op, operand.evaluate(environment))
        case let .binary(op, left, right):
            return try Operations.binary(op, left.evaluate(environment), right.evaluate(environment))
        case let .comparison(op, left, right):
            return try Operations.compare(op, left.evaluate(environment), right.evaluate(environment))
        case let .logical(op, left, right):
            return try Logic.combine(op, left, right, in: environment)
        case let .call(function, arguments):
            return try function.evaluate(arguments, in: environment)
        }
    }
}
