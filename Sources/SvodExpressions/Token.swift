import Foundation

/// One lexical unit of rule text, with where it starts for error messages.
struct Token: Equatable {
    enum Kind: Equatable {
        case number(Decimal)
        case text(String)
        case name(String)
        case keyword(Keyword)
        case symbol(Symbol)
        case leftParenthesis
        case rightParenthesis
        /// `[` and `]` around a table row's key: `procedures.held["vpr"]`.
        case leftBracket
        case rightBracket
        /// `.sheet.field` right after `)`: what `form("staff")` reads of the other form.
        case member(String)
        /// `,` or, as Russian Excel writes it, `;`.
        case separator
        case end
    }

    let kind: Kind
    /// 1-based column of the first character.
    let column: Int
    /// The token as written, quoted back in messages.
    let source: String
}

/// Reserved words, matched case-insensitively in English and Russian.
enum Keyword: Equatable {
    case and, or, not, `true`, `false`

    init?(_ word: String) {
        switch word.uppercased() {
        case "AND", "И": self = .and
        case "OR", "ИЛИ": self = .or
        case "NOT", "НЕ": self = .not
        case "TRUE", "ИСТИНА": self = .true
        case "FALSE", "ЛОЖЬ": self = .false
        default: return nil
        }
    }
}

/// Operator characters.
enum Symbol: Equatable {
    case plus, minus, star, slash, caret, ampersand
    case comparison(ComparisonOperator)
}
