/// The language of user-facing text: Russian by default, English on request.
public enum Language: String, Sendable, CaseIterable {
    case ru, en
}

/// A piece of user-facing text in both languages.
public struct LocalizedText: Sendable, Equatable, CustomStringConvertible {
    public let ru: String
    public let en: String

    /// Text given in Russian and English.
    public init(ru: String, en: String) {
        self.ru = ru
        self.en = en
    }

    /// The text in the given language.
    public func callAsFunction(_ language: Language) -> String {
        language == .ru ? ru : en
    }

    public var description: String { ru }
}

/// An error that can explain itself to a person in either language, on one line.
public protocol LocalizedFailure: Error {
    /// The one-line message.
    var message: LocalizedText { get }
    /// The class of refusal.
    var kind: FailureKind { get }
}

/// How a refusal is classified for programs: the three kinds the conformance corpus uses.
public enum FailureKind: String, Sendable {
    /// The file is password-protected.
    case encrypted
    /// A resource limit was hit (sizes, ratios, cell counts, depth).
    case limit
    /// Anything else: not a spreadsheet, damaged, malformed, unsupported.
    case unreadable
}
