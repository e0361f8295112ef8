import Foundation

/// Splits rule text into tokens; columns count characters as a person sees them.
struct Lexer {
    private let characters: [Character]
    private var position = 0

    init(_ text: String) {
        characters = Array(text)
    }

    /// All tokens, ending with `.end`.
    mutating func tokens() throws -> [Token] {
        var result: [Token] = []
        while true {
            skipWhitespace()
            guard position < characters.count else {
                result.append(Token(kind: .end, column: position + 1, source: ""))
                return result
            }
            result.append(try next())
        }
    }

    private mutating func skipWhitespace() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    private mutating func next() throws -> Token {
        let start = position
        let c = characters[position]
        if c.isASCIIDigit || (c == "." && peek(1)?.isASCIIDigit == true) { return try number() }
        if c.isNameStart { return try name() }
        if c == ".", peek(1)?.isNameStart == true { return try member() }
        if c == "\"" { return try quoted(closing: "\"", doubledEscapes: true) }
        if c == "«" { return try quoted(closing: "»", doubledEscapes: false) }
        position += 1
        let kind: Token.Kind
        switch c {
        case "(": kind = .leftParenthesis
        case ")": kind = .rightParenthesis
        case "[": kind = .leftBracket
        case "]": kind = .rightBracket
        case ",", ";": kind = .separator
        case "+": kind = .symbol(.plus)
        case "-": kind = .symbol(.minus)
        case "*": kind = .symbol(.star)
        case "/": kind = .symbol(.slash)
        case "^": kind = .symbol(.caret)
        case "&": kind = .symbol(.ampersand)
        case "≠": kind = .symbol(.comparison(.notEqual))
        case "≤": kind = .symbol(.comparison(.lessOrEqual))
        case "≥": kind = .symbol(.comparison(.greaterOrEqual))
        case "=":
            _ = consume("=")  // `==` from programmers means the same
            kind = .symbol(.comparison(.equal))
        case "<":
            if consume("=") { kind = .symbol(.comparison(.lessOrEqual)) }
            else if consume(">") { kind = .symbol(.comparison(.notEqual)) }
            else { kind = .symbol(.comparison(.less)) }
        case ">":
            kind = .symbol(.comparison(consume("=") ? .greaterOrEqual : .greater))
        case "!":
            guard consume("=") else { throw ExpressionError.unexpectedCharacter(c, column: start + 1) }
            kind = .symbol(.comparison(.notEqual))
        default:
            throw ExpressionError.unexpectedCharacter(c, column: start + 1)
        }
        return Token(kind: kind, column: start + 1, source: String(characters[start..<position]))
    }

    private mutating func number() throws -> Token {
        let start = position
        while position < characters.count, characters[position].isASCIIDigit { position += 1 }
        let point = position
        if position < characters.count, characters[position] == ".", peek(1)?.isASCIIDigit == true {
            position += 1
            while position < characters.count, characters[position].isASCIIDigit { position += 1 }
        }
        let source = String(characters[start..<position])
        let whole = characters[start..<point].drop { $0 == "0" }
        let fraction = point < position ? characters[(point + 1)..<position] : []
        let significant = (Array(whole) + Array(fraction)).drop { $0 == "0" }.reversed().drop { $0 == "0" }
        // Decimal holds 38 digits and the evaluator works within 10^100 and 60 places; refusing longer
        // literals keeps every literal exact instead of silently truncated.
        guard significant.count <= 38, whole.count <= 100, fraction.count <= Arithmetic.finestPlaces,
              let value = Decimal(string: source, locale: Locale(identifier: "en_US_POSIX")) else {
            throw ExpressionError.numberTooLong(column: start + 1)
        }
        return Token(kind: .number(value), column: start + 1, source: source)
    }

    private mutating func name() throws -> Token {
        let start = position
        while true {
            while position < characters.count, characters[position].isNamePart { position += 1 }
            guard position < characters.count, characters[position] == "." else { break }
            guard peek(1)?.isNameStart == true else {
                throw ExpressionError.expectedNameAfterDot(column: position + 2)
            }
            position += 1
        }
        let source = String(characters[start..<position])
        if !source.contains("."), let keyword = Keyword(source) {
            return Token(kind: .keyword(keyword), column: start + 1, source: source)
        }
        return Token(kind: .name(source), column: start + 1, source: source)
    }

    /// `.staff.n` after `form("staff")`: the dotted path without its leading dot.
    private mutating func member() throws -> Token {
        let start = position
        position += 1
        let path = try name()
        return Token(kind: .member(path.source), column: start + 1, source: "." + path.source)
    }

    private mutating func quoted(closing: Character, doubledEscapes: Bool) throws -> Token {
        let start = position
        position += 1
        var value = ""
        while position < characters.count {
            let c = characters[position]
            position += 1
            if c != closing {
                value.append(c)
            } else if doubledEscapes, position < characters.count, characters[position] == closing {
                value.append(c)
                position += 1
            } else {
                return Token(kind: .text(value), column: start + 1, source: String(characters[start..<position]))
            }
        }
        throw ExpressionError.unterminatedText(column: start + 1)
    }

    private func peek(_ offset: Int) -> Character? {
        position + offset < characters.count ? characters[position + offset] : nil
    }

    private mutating func consume(_ c: Character) -> Bool {
        guard position < characters.count, characters[position] == c else { return false }
        position += 1
        return true
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
    var isNameStart: Bool { isLetter || self == "_" }
    var isNamePart: Bool { isLetter || isASCIIDigit || self == "_" }
}
