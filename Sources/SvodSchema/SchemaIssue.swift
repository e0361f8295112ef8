import SvodLocale

/// A mistake in a schema file, with where it is.
public struct SchemaIssue: Sendable, CustomStringConvertible {
    /// Where.
    public var location: SourceLocation
    /// What is wrong and what is expected.
    public var message: LocalizedText

    /// An issue.
    public init(_ location: SourceLocation, ru: String, en: String) {
        self.location = location
        message = LocalizedText(ru: ru, en: en)
    }

    /// `file:line:column: message` in the language asked.
    public func line(_ language: Language) -> String { "\(location): \(message(language))" }

    public var description: String { line(.en) }
}

/// Schema files could not be loaded; the issues say where and why.
public struct SchemaError: LocalizedFailure {
    /// Every issue found.
    public let issues: [SchemaIssue]
    public var kind: FailureKind { .unreadable }
    public var message: LocalizedText {
        let first = issues.first
        let more = issues.count > 1 ? (ru: " (и ещё \(issues.count - 1))", en: " (and \(issues.count - 1) more)") : (ru: "", en: "")
        return .init(ru: "ошибка в схеме: \(first?.line(.ru) ?? "")\(more.ru)", en: "schema error: \(first?.line(.en) ?? "")\(more.en)")
    }

    /// An error carrying these issues.
    public init(_ issues: [SchemaIssue]) { self.issues = issues }
}
