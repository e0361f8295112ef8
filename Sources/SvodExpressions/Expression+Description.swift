extension Expression: CustomStringConvertible {
    /// Canonical text: English names, spaces around infix operators, only the parentheses precedence needs.
    /// Parsing it gives back an equal expression.
    public var description: String { render(minimumPrecedence: 0) }

    // Binding strength of each form, matching the parser's levels.
    private var precedence: Int {
        switch self {
        case .logical(.or, _, _): 1
        case .logical(.and, _, _): 2
        case .unary(.not, _): 3
        case .comparison: 4
        case .binary(.concatenate, _, _): 5
        case .binary(.add, _, _), .binary(.subtract, _, _): 6
        case .binary(.multiply, _, _), .binary(.divide, _, _): 7
        case .unary: 8
        case .binary(.power, _, _): 9
        // A negative literal (only ever built in code) prints with its sign, so it binds like unary minus.
        case let .number(value): value < 0 ? 8 : 10
        case .text, .boolean, .name, .call, .reference: 10
        }
    }

    private func render(minimumPrecedence: Int) -> String {
        let text = renderBare()
        return precedence < minimumPrecedence ? "(\(text))" : text
    }

    private func renderBare() -> String {
        let own = precedence
        switch self {
        case let .number(value):
            return value.description
        case let .text(value):
            return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
        case let .boolean(value):
            return value ? "TRUE" : "FALSE"
        case let .name(name):
            return name
        case let .reference(reference):
            return reference.description
        case let .unary(.not, operand):
            return "NOT " + operand.render(minimumPrecedence: own)
        case let .unary(op, operand):
            return op.rawValue + operand.render(minimumPrecedence: own)
        case let .binary(.power, base, exponent):
            // Right-associative: only the base needs parentheses at equal strength.
            return base.render(minimumPrecedence: own + 1) + " ^ " + exponent.render(minimumPrecedence: 8)
        case let .binary(op, left, right):
            return left.render(minimumPrecedence: own) + " \(op.rawValue) " + right.render(minimumPrecedence: own + 1)
        case let .comparison(op, left, right):
            return left.render(minimumPrecedence: own + 1) + " \(op.rawValue) " + right.render(minimumPrecedence: own + 1)
        case let .logical(op, left, right):
            return left.render(minimumPrecedence: own) + " \(op.rawValue) " + right.render(minimumPrecedence: own + 1)
        case let .call(function, arguments):
            return function.rawValue + "(" + arguments.map { $0.render(minimumPrecedence: 0) }.joined(separator: ", ") + ")"
        }
    }
}

private extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for c in self { if c == target { result += replacement } else { result.append(c) } }
        return result
    }
}
