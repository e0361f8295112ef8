import Foundation

/// The result of evaluating an expression, or a value bound to a name.
public enum ExpressionValue: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// A number, exact.
    case number(Decimal)
    /// Text, compared case-sensitively.
    case text(String)
    /// A logical value.
    case bool(Bool)
    /// No value: an empty cell, an absent row, an unknown name. The caller decides what it means.
    case missing

    /// Which of the four kinds this value is, for type-error messages.
    public var kind: ExpressionValueKind {
        switch self {
        case .number: .number
        case .text: .text
        case .bool: .bool
        case .missing: .missing
        }
    }

    /// The value as `&` concatenates it (`.`-decimal numbers, TRUE/FALSE); missing, which `&` never joins, prints "—".
    public var description: String {
        switch self {
        case .number(let d): d.description
        case .text(let s): s
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .missing: "—"
        }
    }
}

/// The kind of an `ExpressionValue`, named in both languages for messages.
public enum ExpressionValueKind: String, Sendable, CaseIterable {
    /// A number.
    case number
    /// Text.
    case text
    /// A logical value.
    case bool
    /// No value.
    case missing

    /// Russian name of the kind, in the nominative case.
    public var ru: String {
        switch self {
        case .number: "число"
        case .text: "текст"
        case .bool: "логическое значение"
        case .missing: "пустое значение"
        }
    }

    /// English name of the kind.
    public var en: String {
        switch self {
        case .number: "a number"
        case .text: "text"
        case .bool: "a logical value"
        case .missing: "a missing value"
        }
    }
}
