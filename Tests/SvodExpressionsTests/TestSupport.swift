import Foundation
@testable import SvodExpressions

/// Foundation has its own `Expression` (the #Expression macro); this module's name wins over both imports.
typealias Expression = SvodExpressions.Expression

/// Values by name plus table columns, as the validator would bind them.
struct TestEnvironment: ExpressionEnvironment, ExpressibleByDictionaryLiteral {
    var values: [String: ExpressionValue] = [:]
    var columns: [String: [ExpressionValue]] = [:]

    init(dictionaryLiteral elements: (String, ExpressionValue)...) {
        values = Dictionary(uniqueKeysWithValues: elements)
    }

    func value(of name: String) -> ExpressionValue { values[name] ?? .missing }

    func column(_ name: String) -> [ExpressionValue]? { columns[name] }
}

/// Records which names were read, to prove that lazy forms skip what they do not need.
final class RecordingEnvironment: ExpressionEnvironment {
    let values: [String: ExpressionValue]
    private(set) var read: [String] = []

    init(_ values: [String: ExpressionValue]) { self.values = values }

    func value(of name: String) -> ExpressionValue {
        read.append(name)
        return values[name] ?? .missing
    }

    func column(_ name: String) -> [ExpressionValue]? { nil }
}

/// An exact decimal from its text, so expectations carry no binary floating-point noise.
func dec(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

/// A number value from its text.
func num(_ text: String) -> ExpressionValue { .number(dec(text)) }

/// Parses and evaluates in one step.
func eval(_ text: String, _ environment: TestEnvironment = [:]) throws -> ExpressionValue {
    try Expression.parse(text).evaluate(environment)
}

/// The tree with every operation parenthesised, to make precedence visible in expectations.
func tree(_ expression: Expression) -> String {
    switch expression {
    case .number, .text, .boolean, .name, .reference: expression.description
    case let .unary(op, x): "(\(op.rawValue) \(tree(x)))"
    case let .binary(op, l, r): "(\(tree(l)) \(op.rawValue) \(tree(r)))"
    case let .comparison(op, l, r): "(\(tree(l)) \(op.rawValue) \(tree(r)))"
    case let .logical(op, l, r): "(\(tree(l)) \(op.rawValue) \(tree(r)))"
    case let .call(f, args): "\(f.rawValue)(\(args.map(tree).joined(separator: ", ")))"
    }
}

/// Parses and shows the fully parenthesised tree.
func tree(_ text: String) throws -> String { tree(try Expression.parse(text)) }
