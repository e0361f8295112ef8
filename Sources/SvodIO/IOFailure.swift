import SvodLocale

/// A file-system operation failed: creating, writing, renaming a file.
public struct IOFailure: LocalizedFailure, CustomStringConvertible {
    /// The one-line message in both languages.
    public let message: LocalizedText
    public var kind: FailureKind { .unreadable }

    /// A failure with its message.
    public init(_ message: LocalizedText) { self.message = message }

    /// A failure of `operation` on `path`, with the system's reason from `errno` in both languages.
    public static func errno(_ ru: String, _ en: String, path: String? = nil) -> IOFailure {
        let why = SystemReason.current
        let at = path.map { " «\($0)»" } ?? ""
        let atEn = path.map { " '\($0)'" } ?? ""
        return IOFailure(.init(ru: "\(ru)\(at): \(why.ru)", en: "\(en)\(atEn): \(why.en)"))
    }

    public var description: String { message.en }
}
