/// Recursive descent over the tokens, one function per precedence level (lowest first).
struct Parser {
    /// Deep enough for any real rule, shallow enough that a hostile schema cannot overflow the stack.
    static let maximumDepth = 200

    private let tokens: [Token]
    private var index = 0
    private var depth = 0

    init(_ text: String) throws {
        var lexer = Lexer(text)
        tokens = try lexer.tokens()
    }

    mutating func parseAll() throws -> Expression {
        if current.kind == .end { throw ExpressionError.empty }
        let expression = try parseOr()
        guard current.kind == .end else { throw ExpressionError.unexpected(current) }
        return expression
    }

    private var current: Token { tokens[index] }

    private var following: Token { tokens[min(index + 1, tokens.count - 1)] }

    private mutating func advance() { index += 1 }

    private mutating func parseOr() throws -> Expression {
        var left = try parseAnd()
        while current.kind == .keyword(.or) {
            advance()
            left = .logical(.or, left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws -> Expression {
        var left = try parseNot()
        while current.kind == .keyword(.and) {
            advance()
            left = .logical(.and, left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws -> Expression {
        try descend()
        defer { depth -= 1 }
        guard current.kind == .keyword(.not) else { return try parseComparison() }
        advance()
        return .unary(.not, try parseNot())
    }

    private mutating func parseComparison() throws -> Expression {
        let left = try parseConcatenation()
        guard case let .symbol(.comparison(op)) = current.kind else { return left }
        advance()
        let right = try parseConcatenation()
        // `a < b < c` means something else in Excel than in school maths, so neither reading is guessed.
        if case .symbol(.comparison) = current.kind { throw ExpressionError.chainedComparison(column: current.column) }
        return .comparison(op, left, right)
    }

    private mutating func parseConcatenation() throws -> Expression {
        var left = try parseAdditive()
        while current.kind == .symbol(.ampersand) {
            advance()
            left = .binary(.concatenate, left, try parseAdditive())
        }
        return left
    }

    private mutating func parseAdditive() throws -> Expression {
        var left = try parseMultiplicative()
        while true {
            switch current.kind {
            case .symbol(.plus): advance(); left = .binary(.add, left, try parseMultiplicative())
            case .symbol(.minus): advance(); left = .binary(.subtract, left, try parseMultiplicative())
            default: return left
            }
        }
    }

    private mutating func parseMultiplicative() throws -> Expression {
        var left = try parseUnary()
        while true {
            switch current.kind {
            case .symbol(.star): advance(); left = .binary(.multiply, left, try parseUnary())
            case .symbol(.slash): advance(); left = .binary(.divide, left, try parseUnary())
            default: return left
            }
        }
    }

    private mutating func parseUnary() throws -> Expression {
        try descend()
        defer { depth -= 1 }
        switch current.kind {
        case .symbol(.minus): advance(); return .unary(.minus, try parseUnary())
        case .symbol(.plus): advance(); return .unary(.plus, try parseUnary())
        default: return try parsePower()
        }
    }

    // The exponent is parsed as a unary expression, which makes `^` right-associative
    // (2^3^2 = 2^9, as in maths; Excel would say 64) and lets `2^-1` through.
    private mutating func parsePower() throws -> Expression {
        let base = try parsePrimary()
        guard current.kind == .symbol(.caret) else { return base }
        advance()
        return .binary(.power, base, try parseUnary())
    }

    private mutating func parsePrimary() throws -> Expression {
        let token = current
        switch token.kind {
        case let .number(value):
            advance()
            return .number(value)
        case let .text(value):
            advance()
            return .text(value)
        case .keyword(.true):
            advance()
            return .boolean(true)
        case .keyword(.false):
            advance()
            return .boolean(false)
        case let .name(name):
            advance()
            if current.kind == .leftParenthesis {
                return Self.isFormWord(name) ? try parseFormReference(at: token) : try parseCall(name, at: token)
            }
            if current.kind == .leftBracket {
                guard let (sheet, field) = Self.sheetAndField(name) else { throw ExpressionError.keyNeedsSheet(name, column: current.column) }
                return .reference(ValueReference(sheet: sheet, field: field, key: try parseKey()))
            }
            return .name(name)
        case .keyword(.and), .keyword(.or):
            // Excel writes AND(a, b); only in operand position can the word start a call.
            guard following.kind == .leftParenthesis else { throw ExpressionError.expectedOperand(token) }
            advance()
            return try parseCall(token.source, at: token)
        case .leftParenthesis:
            advance()
            let inner = try parseOr()
            try expectClosingParenthesis()
            return inner
        default:
            throw ExpressionError.expectedOperand(token)
        }
    }

    private mutating func parseCall(_ name: String, at token: Token) throws -> Expression {
        guard let function = ExpressionFunction(named: name) else {
            throw ExpressionError.unknownFunction(name, column: token.column)
        }
        advance()  // the opening parenthesis
        var arguments: [Expression] = []
        if current.kind != .rightParenthesis {
            arguments.append(try parseOr())
            while current.kind == .separator {
                advance()
                arguments.append(try parseOr())
            }
        }
        try expectClosingParenthesis()
        let arity = function.arity
        if arguments.count < arity.min || arity.max.map({ arguments.count > $0 }) == true {
            throw ExpressionError.wrongArgumentCount(function, given: arguments.count, column: token.column)
        }
        return .call(function, arguments)
    }

    /// `form("staff").staff.n` and, with a key, `form("staff").staff.n["teachers"]`.
    private mutating func parseFormReference(at token: Token) throws -> Expression {
        advance()  // the opening parenthesis
        guard case let .text(id) = current.kind, !id.isEmpty else { throw ExpressionError.formNeedsID(current) }
        advance()
        try expectClosingParenthesis()
        guard case let .member(path) = current.kind, let (sheet, field) = Self.sheetAndField(path) else {
            throw ExpressionError.formNeedsField(current)
        }
        advance()
        let key = current.kind == .leftBracket ? try parseKey() : nil
        return .reference(ValueReference(form: id, sheet: sheet, field: field, key: key))
    }

    /// `["4", "rus"]`: literal codes, names or numbers, in the order of the sheet's key fields, so
    /// that `svod schemas check` can hold every item to its list.
    private mutating func parseKey() throws -> [ExpressionValue] {
        advance()  // the opening bracket
        var items: [ExpressionValue] = []
        while true {
            switch current.kind {
            case let .text(t): items.append(.text(t))
            case let .number(n): items.append(.number(n))
            default: throw ExpressionError.keyItem(current)
            }
            advance()
            guard current.kind == .separator else { break }
            advance()
        }
        guard current.kind == .rightBracket else { throw ExpressionError.expectedClosingBracket(current) }
        advance()
        return items
    }

    /// `form` or `ФОРМА`, any case: it names another form, not a function.
    private static func isFormWord(_ name: String) -> Bool {
        ["FORM", "ФОРМА"].contains(name.uppercased())
    }

    /// `sheet.field`, exactly one dot.
    private static func sheetAndField(_ name: String) -> (String, String)? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    private mutating func expectClosingParenthesis() throws {
        guard current.kind == .rightParenthesis else { throw ExpressionError.expectedClosingParenthesis(current) }
        advance()
    }

    private mutating func descend() throws {
        depth += 1
        if depth > Self.maximumDepth {
            depth -= 1
            throw ExpressionError.tooDeep(column: current.column)
        }
    }
}
