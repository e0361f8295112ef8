import SvodLocale
import SvodSchema

/// What became of one input a command was given: checked, with its report, or not checked,
/// with the reason. Every input appears in every report as one of these.
public struct FileVerdict: Sendable {
    /// The path as given or found.
    public let file: String
    /// The report, when the file was read and checked.
    public var report: ValidationReport?
    /// Why it was not checked, when it was not.
    public var refusal: Refusal?
    /// The school named on «Титул», from the registry.
    public var school: Organisation?
    /// The form it was checked against.
    public var formTitle: LocalizedText?

    /// A checked file.
    public init(file: String, report: ValidationReport, school: Organisation?, formTitle: LocalizedText?) {
        self.file = file
        self.report = report
        self.school = school
        self.formTitle = formTitle
    }

    /// A file not checked.
    public init(file: String, refusal: Refusal) {
        self.file = file
        self.refusal = refusal
    }

    /// Checked and failed: errors, or (`strict`) unexplained warnings. A file not checked has not failed; it was refused.
    public func failed(strict: Bool) -> Bool {
        guard let report else { return false }
        return !report.isValid || (strict && report.count(.warning, explained: false) > 0)
    }
}

/// Why a file was not checked: its class for programs and a one-line reason for people.
public struct Refusal: Sendable, Error, LocalizedFailure {
    public let kind: FailureKind
    public let message: LocalizedText

    /// A refusal.
    public init(kind: FailureKind, message: LocalizedText) {
        self.kind = kind
        self.message = message
    }

    /// Any error as a refusal: a `LocalizedFailure` keeps its words, anything else is «unreadable».
    public init(_ error: Error) {
        if let f = error as? LocalizedFailure {
            kind = f.kind
            message = f.message
        } else {
            kind = .unreadable
            message = .init(ru: "файл не прочитан: \(error)", en: "the file could not be read: \(error)")
        }
    }
}
