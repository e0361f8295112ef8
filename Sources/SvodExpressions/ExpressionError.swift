/// A problem found while reading the text of a rule expression.
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Russian message, ready to show to a school employee.
    public let ru: String
    /// English message for logs and developers.
    public let en: String
    /// 1-based column (in characters) where the problem was found.
    public let column: Int

    /// Creates an error; messages should already mention the column.
    public init(ru: String, en: String, column: Int) {
        self.ru = ru
        self.en = en
        self.column = column
    }

    /// The English message.
    public var description: String { en }
}
