import SvodLocale

/// Why an XML part was refused.
public enum XMLError: LocalizedFailure, Equatable {
    /// The document is not well-formed XML; line and libxml2's description.
    case malformed(line: Int, detail: String)
    /// The document declares a DOCTYPE: refused, because DTDs are how entity bombs and
    /// external-entity reads get in, and no office format needs one.
    case doctype
    /// Elements nest deeper than the limit.
    case tooDeep(limit: Int)
    /// One tag (its attributes) is longer than the limit, in bytes.
    case tagTooLong(limit: Int)

    public var kind: FailureKind {
        if case .tooDeep = self { return .limit }
        if case .tagTooLong = self { return .limit }
        return .unreadable
    }

    public var message: LocalizedText {
        switch self {
        case .malformed(let line, let detail):
            return .init(ru: "повреждённый XML (строка \(line)): \(detail)",
                         en: "malformed XML (line \(line)): \(detail)")
        case .doctype:
            return .init(ru: "XML содержит объявление DOCTYPE, такие файлы не принимаются (риск подстановки сущностей)",
                         en: "the XML declares a DOCTYPE, which is refused (entity expansion risk)")
        case .tooDeep(let limit):
            return .init(ru: "вложенность XML глубже \(limit) уровней", en: "XML nests deeper than \(limit) levels")
        case .tagTooLong(let limit):
            return .init(ru: "тег XML длиннее \(limit) байт", en: "an XML tag is longer than \(limit) bytes")
        }
    }
}
