/// Three-valued AND/OR (Kleene): a deciding operand wins over missing ones, and stops evaluation.
enum Logic {
    /// Evaluates operands left to right, stopping at the first that decides (FALSE for AND, TRUE for OR),
    /// so `n > 0 AND x / n > 1` never divides by zero.
    static func combine(_ op: LogicalOperator, _ operands: [Expression],
                        in environment: some ExpressionEnvironment) throws -> ExpressionValue {
        var sawMissing = false
        for operand in operands {
            if let decided = try step(op, operand, in: environment, sawMissing: &sawMissing) { return decided }
        }
        return sawMissing ? .missing : .bool(op == .and)
    }

    /// The infix form, without building an operand array on every row.
    static func combine(_ op: LogicalOperator, _ left: Expression, _ right: Expression,
                        in environment: some ExpressionEnvironment) throws -> ExpressionValue {
        var sawMissing = false
        if let decided = try step(op, left, in: environment, sawMissing: &sawMissing) { return decided }
        if let decided = try step(op, right, in: environment, sawMissing: &sawMissing) { return decided }
        return sawMissing ? .missing : .bool(op == .and)
    }

    /// The result if `operand` decides it (FALSE for AND, TRUE for OR), otherwise nil.
    private static func step(_ op: LogicalOperator, _ operand: Expression, in environment: some ExpressionEnvironment,
                             sawMissing: inout Bool) throws -> ExpressionValue? {
        let deciding = op == .or
        switch try Operations.truth(operand.evaluate(environment), operation: op.rawValue) {
        case deciding?: return .bool(deciding)
        case nil: sawMissing = true
        default: break
        }
        return nil
    }
}
