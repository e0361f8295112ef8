/// The parse errors, worded once in both languages.
extension ExpressionError {
    static var empty: ExpressionError {
        ExpressionError(ru: "пустое выражение", en: "empty expression", column: 1)
    }

    static func unexpectedCharacter(_ c: Character, column: Int) -> ExpressionError {
        ExpressionError(ru: "недопустимый символ «\(c)» в позиции \(column)",
                        en: "unexpected character '\(c)' at column \(column)", column: column)
    }

    static func unterminatedText(column: Int) -> ExpressionError {
        ExpressionError(ru: "не закрыта кавычка, открытая в позиции \(column)",
                        en: "unterminated text starting at column \(column)", column: column)
    }

    static func numberTooLong(column: Int) -> ExpressionError {
        ExpressionError(
            ru: "число в позиции \(column) слишком длинное: не больше 38 значащих цифр, 100 цифр до точки и 60 после",
            en: "number at column \(column) too long: at most 38 significant digits, 100 before the point and 60 after",
            column: column)
    }

    static func expectedNameAfterDot(column: Int) -> ExpressionError {
        ExpressionError(ru: "после точки ожидалось имя поля в позиции \(column)",
                        en: "expected a field name after '.' at column \(column)", column: column)
    }

    static func expectedOperand(_ found: Token) -> ExpressionError {
        ExpressionError(ru: "ожидалось число, имя или «(» в позиции \(found.column), а встретилось \(found.ru)",
                        en: "expected a number, a name or '(' at column \(found.column), found \(found.en)",
                        column: found.column)
    }

    static func expectedClosingParenthesis(_ found: Token) -> ExpressionError { expectedClosing(")", found) }

    static func expectedClosingBracket(_ found: Token) -> ExpressionError { expectedClosing("]", found) }

    private static func expectedClosing(_ mark: Character, _ found: Token) -> ExpressionError {
        ExpressionError(ru: "ожидалась «\(mark)» в позиции \(found.column), а встретилось \(found.ru)",
                        en: "expected '\(mark)' at column \(found.column), found \(found.en)", column: found.column)
    }

    static func unexpected(_ found: Token) -> ExpressionError {
        ExpressionError(ru: "лишний фрагмент \(found.ru) в позиции \(found.column): не хватает оператора?",
                        en: "unexpected \(found.en) at column \(found.column): missing operator?", column: found.column)
    }

    static func chainedComparison(column: Int) -> ExpressionError {
        ExpressionError(ru: "второе сравнение подряд в позиции \(column): соедините сравнения через AND",
                        en: "chained comparison at column \(column): join comparisons with AND", column: column)
    }

    static func unknownFunction(_ name: String, column: Int) -> ExpressionError {
        let known = ExpressionFunction.catalogue
        return ExpressionError(ru: "неизвестная функция «\(name)» в позиции \(column); известны: \(known)",
                               en: "unknown function '\(name)' at column \(column); known: \(known)", column: column)
    }

    static func wrongArgumentCount(_ function: ExpressionFunction, given: Int, column: Int) -> ExpressionError {
        let arity = function.arity
        let expected = switch arity.max {
        case nil: (ru: "не меньше \(arity.min)", en: "at least \(arity.min)")
        case arity.min: (ru: "\(arity.min)", en: "\(arity.min)")
        case let max?: (ru: "от \(arity.min) до \(max)", en: "\(arity.min) to \(max)")
        }
        return ExpressionError(
            ru: "функции \(function.rawValue) в позиции \(column) нужно аргументов: \(expected.ru), передано \(given)",
            en: "\(function.rawValue) at column \(column) takes \(expected.en) argument(s), given \(given)",
            column: column)
    }

    static func keyNeedsSheet(_ name: String, column: Int) -> ExpressionError {
        ExpressionError(ru: "ключ строки «[…]» в позиции \(column) пишется после листа и поля: «лист.поле[\"код\"]», например procedures.held[\"vpr\"], а не после «\(name)»",
                        en: "a row key '[…]' at column \(column) follows a sheet and a field: 'sheet.field[\"code\"]', e.g. procedures.held[\"vpr\"], not '\(name)'",
                        column: column)
    }

    static func keyItem(_ found: Token) -> ExpressionError {
        ExpressionError(ru: "в ключе строки в позиции \(found.column) ожидались код или название в кавычках либо число, а встретилось \(found.ru)",
                        en: "a row key at column \(found.column) takes codes or names in quotes, or numbers; found \(found.en)", column: found.column)
    }

    static func formNeedsID(_ found: Token) -> ExpressionError {
        ExpressionError(ru: "в form(…) в позиции \(found.column) ожидался код формы в кавычках, например form(\"staff\"), а встретилось \(found.ru)",
                        en: "form(…) at column \(found.column) takes a form id in quotes, e.g. form(\"staff\"); found \(found.en)", column: found.column)
    }

    static func formNeedsField(_ found: Token) -> ExpressionError {
        ExpressionError(ru: "после form(\"…\") в позиции \(found.column) ожидались лист и поле другой формы: form(\"staff\").staff.n, а встретилось \(found.ru)",
                        en: "form(\"…\") at column \(found.column) must be followed by a sheet and a field of that form: form(\"staff\").staff.n; found \(found.en)",
                        column: found.column)
    }

    static func tooDeep(column: Int) -> ExpressionError {
        ExpressionError(ru: "слишком глубокая вложенность в позиции \(column)",
                        en: "expression nested too deeply at column \(column)", column: column)
    }
}

private extension Token {
    /// How the token is named inside a Russian message.
    var ru: String { kind == .end ? "конец выражения" : "«\(source)»" }
    /// How the token is named inside an English message.
    var en: String { kind == .end ? "end of expression" : "'\(source)'" }
}
