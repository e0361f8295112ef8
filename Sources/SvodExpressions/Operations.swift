import Foundation

/// What the operators do to values: type checks first, then missing propagation, then the work.
enum Operations {
    static func unary(_ op: UnaryOperator, _ value: ExpressionValue) throws -> ExpressionValue {
        switch (op, value) {
        case (_, .missing): return .missing
        case (.minus, .number(let d)): return .number(-d)
        case (.plus, .number(let d)): return .number(d)
        case (.not, .bool(let b)): return .bool(!b)
        case (.not, _): throw EvaluationError.type(operation: op.rawValue, expected: .bool, found: value.kind)
        default: throw EvaluationError.type(operation: op.rawValue, expected: .number, found: value.kind)
        }
    }

    static func binary(_ op: BinaryOperator, _ left: ExpressionValue, _ right: ExpressionValue) throws -> ExpressionValue {
        if op == .concatenate {
            if left == .missing || right == .missing { return .missing }
            return .text(left.description + right.description)
        }
        switch (left, right) {
        case let (.number(a), .number(b)):
            return .number(try Arithmetic.apply(op, a, b))
        case (.number, .missing), (.missing, .number), (.missing, .missing):
            return .missing
        case (.number, _), (.missing, _):
            throw EvaluationError.type(operation: op.rawValue, expected: .number, found: right.kind)
        default:
            throw EvaluationError.type(operation: op.rawValue, expected: .number, found: left.kind)
        }
    }

    static func compare(_ op: ComparisonOperator, _ left: ExpressionValue, _ right: ExpressionValue) throws -> ExpressionValue {
        let order: ComparisonResult
        switch (left, right) {
        case (.missing, _), (_, .missing):
            return .missing
        case let (.number(a), .number(b)):
            order = a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
        case let (.text(a), .text(b)) where !op.isOrdering:
            order = a == b ? .orderedSame : .orderedAscending
        case let (.bool(a), .bool(b)) where !op.isOrdering:
            order = a == b ? .orderedSame : .orderedAscending
        default:
            let expected: ExpressionValueKind = op.isOrdering ? .number : left.kind
            let found = op.isOrdering && left.kind != .number ? left.kind : right.kind
            throw EvaluationError.type(operation: op.rawValue, expected: expected, found: found)
        }
        switch op {
        case .equal: return .bool(order == .orderedSame)
        case .notEqual: return .bool(order != .orderedSame)
        case .less: return .bool(order == .orderedAscending)
        case .lessOrEqual: return .bool(order != .orderedDescending)
        case .greater: return .bool(order == .orderedDescending)
        case .greaterOrEqual: return .bool(order != .orderedAscending)
        }
    }

    /// A logical operand: true, false or nil for missing.
    static func truth(_ value: ExpressionValue, operation: String) throws -> Bool? {
        switch value {
        case .bool(let b): return b
        case .missing: return nil
        default: throw EvaluationError.type(operation: operation, expected: .bool, found: value.kind)
        }
    }
}
