import Foundation

extension ExpressionFunction {
    /// Applies the function; IF, COALESCE, AND and OR evaluate only the arguments they need.
    func evaluate(_ arguments: [Expression], in environment: some ExpressionEnvironment) throws -> ExpressionValue {
        switch self {
        case .sum, .count, .countA, .min, .max, .average:
            return try aggregate(values(of: arguments, in: environment))
        case .round:
            let value = try arguments[0].evaluate(environment), places = try arguments[1].evaluate(environment)
            guard let x = try number(value), let p = try number(places) else { return .missing }
            return .number(try Arithmetic.round(x, places: p))
        case .abs:
            guard let x = try number(arguments[0].evaluate(environment)) else { return .missing }
            return .number(x.magnitude)
        case .int:
            guard let x = try number(arguments[0].evaluate(environment)) else { return .missing }
            var input = x, result = Decimal()
            NSDecimalRound(&result, &input, 0, .down)
            return .number(result)
        case .if:
            guard let condition = try Operations.truth(arguments[0].evaluate(environment), operation: rawValue) else {
                return .missing
            }
            if condition { return try arguments[1].evaluate(environment) }
            return arguments.count > 2 ? try arguments[2].evaluate(environment) : .bool(false)
        case .isBlank:
            return .bool(try arguments[0].evaluate(environment) == .missing)
        case .lookup:
            guard case .text(let table) = try arguments[0].evaluate(environment) else {
                throw EvaluationError.invalidArgument(operation: "LOOKUP", ru: "первый аргумент — имя справочника в кавычках",
                                                      en: "the first argument is a reference table's name in quotes")
            }
            let keys = try arguments.dropFirst().map { try $0.evaluate(environment) }
            if keys.contains(.missing) { return .missing }
            return environment.lookup(table, keys)
        case .coalesce:
            for argument in arguments {
                let value = try argument.evaluate(environment)
                if value != .missing { return value }
            }
            return .missing
        case .and:
            return try Logic.combine(.and, arguments, in: environment)
        case .or:
            return try Logic.combine(.or, arguments, in: environment)
        }
    }

    // A bare name the environment knows as a column contributes every row; anything else, its one value.
    private func values(of arguments: [Expression], in environment: some ExpressionEnvironment) throws -> [ExpressionValue] {
        var values: [ExpressionValue] = []
        for argument in arguments {
            if case let .name(name) = argument, let column = environment.column(name) {
                values.append(contentsOf: column)
            } else if case let .reference(reference) = argument, reference.key == nil, let column = environment.column(reference) {
                values.append(contentsOf: column)
            } else {
                values.append(try argument.evaluate(environment))
            }
        }
        return values
    }

    private func aggregate(_ values: [ExpressionValue]) throws -> ExpressionValue {
        switch self {
        case .count:
            return .number(Decimal(values.count { $0.kind == .number }))
        case .countA:
            return .number(Decimal(values.count { $0 != .missing }))
        default:
            break
        }
        // Missing values are skipped (as Excel skips empty cells); none left means the aggregate is missing too.
        let numbers = try values.compactMap(number)
        guard let first = numbers.first else { return .missing }
        switch self {
        case .min:
            return .number(numbers.min() ?? first)
        case .max:
            return .number(numbers.max() ?? first)
        case .sum:
            return .number(try sum(numbers))
        default:
            return .number(try Arithmetic.apply(.divide, sum(numbers), Decimal(numbers.count)))
        }
    }

    private func sum(_ numbers: [Decimal]) throws -> Decimal {
        try numbers.reduce(0) { try Arithmetic.apply(.add, $0, $1) }
    }

    /// The number in `value`, nil when missing; text and logical values are type errors, not silently skipped.
    private func number(_ value: ExpressionValue) throws -> Decimal? {
        switch value {
        case .number(let d): return d
        case .missing: return nil
        default: throw EvaluationError.type(operation: rawValue, expected: .number, found: value.kind)
        }
    }
}
