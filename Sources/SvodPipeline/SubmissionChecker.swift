import Foundation
import SvodIO
import SvodLocale
import SvodSchema
import SvodSpreadsheet
import SvodValidation
import SvodWorkbook

/// The check every driver runs on a file — `svod validate`, the import, the batch run: open it
/// by its bytes, recognise its form (or take the one given), read last period's file, validate,
/// hash, and name the school. Each input ends as one `FileVerdict`.
public struct SubmissionChecker {
    /// The catalogue checked against.
    public let catalog: SchemaCatalog
    private let validator: Validator
    private let detector: FormDetector

    /// A checker over a catalogue.
    public init(catalog: SchemaCatalog) {
        self.catalog = catalog
        validator = Validator(catalog: catalog)
        detector = FormDetector(catalog: catalog)
    }

    /// Checks one file; `form` forces the form, `previous` is last period's file of the same school.
    /// `opened` sees the reader and report of a checked file (to write an annotated copy) before it is closed.
    /// `values` receives every value read (the import keeps them); `crossForm` supplies the school's
    /// other forms for the rules comparing with them. `sha256`: the file's digest, when the caller has it already.
    public func check(_ path: String, form: String? = nil, previous: String? = nil, values: ReadValueSink? = nil,
                      crossForm: CrossFormSource? = nil, sha256: String? = nil,
                      opened: ((WorkbookReader, ValidationReport) throws -> Void)? = nil) -> FileVerdict {
        switch check(path, form: form, previous: previous, values: values, crossForm: crossForm, sha256: sha256, waits: nil, opened: opened) {
        case .verdict(let v): return v
        case .waiting: preconditionFailure("nothing waits without a `waits` test")
        }
    }

    /// What became of a file in a run of rounds: its verdict, or its form, which waits for a later round.
    public enum Checked {
        /// Checked.
        case verdict(FileVerdict)
        /// Recognised as this form and left for a later round.
        case waiting(FormSchema)
    }

    /// Like `check`, except that a file whose form `waits` holds back is left once its form is
    /// known (`.waiting`); checked in a later round with `recognised`, its form is not sought again.
    public func check(_ path: String, form: String? = nil, recognised: FormSchema? = nil, previous: String? = nil,
                      values: ReadValueSink? = nil, crossForm: CrossFormSource? = nil, sha256: String? = nil, waits: ((FormSchema) -> Bool)?,
                      opened: ((WorkbookReader, ValidationReport) throws -> Void)? = nil) -> Checked {
        do {
            let reader = try Spreadsheet.open(path: path)
            let schema = try recognised ?? self.form(of: reader, given: form)
            if waits?(schema) == true { return .waiting(schema) }
            let previousReader = try previous.map { try Spreadsheet.open(path: $0) }
            // The digest is computed on another core while the file is checked.
            let digest = sha256 == nil ? Digest(path) : nil
            var report = try validator.validate(reader, form: schema, file: path, sha256: "", previous: previousReader, formGiven: form != nil,
                                                values: values, crossForm: crossForm)
            report.sha256 = try sha256 ?? digest!.value()
            try opened?(reader, report)
            let school = report.school.flatMap { code in catalog.organisation(code: code) }
            return .verdict(FileVerdict(file: path, report: report, school: school, formTitle: schema.title))
        } catch {
            return .verdict(FileVerdict(file: path, refusal: Refusal(error)))
        }
    }

    /// What the catalogue's rules read of other forms.
    public var crossForm: CrossFormRules { validator.crossForm }

    private func form(of reader: WorkbookReader, given id: String?) throws -> FormSchema {
        if let id {
            guard let f = catalog.form(id) else { throw UnknownForm(id: id, known: catalog.forms.map(\.id)) }
            return f
        }
        guard let f = try detector.detect(reader) else { throw UnrecognisedForm() }
        return f
    }
}

/// No form with the id asked for (`--form`, `schemas show`, `template --form`).
public struct UnknownForm: LocalizedFailure {
    public let id: String
    public let known: [String]
    /// The refusal for `id`, listing the forms there are.
    public init(id: String, known: [String]) {
        self.id = id
        self.known = known
    }
    public var kind: FailureKind { .unreadable }
    public var message: LocalizedText {
        .init(ru: "нет формы «\(id)»; есть: \(known.joined(separator: ", "))",
              en: "there is no form '\(id)'; known: \(known.joined(separator: ", "))")
    }
}

/// No form matches the file.
public struct UnrecognisedForm: LocalizedFailure {
    public var kind: FailureKind { .unreadable }
    public var message: LocalizedText {
        .init(ru: "не удалось определить форму по листам и заголовкам; укажите --form (список: svod schemas list)",
              en: "cannot tell the form from the sheets and headers; give --form (see svod schemas list)")
    }
}

/// A file's SHA-256, computed on a background queue.
final class Digest: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<String, Error> = .success("")

    init(_ path: String) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result { try SHA256.file(path) }
            self.done.signal()
        }
    }

    /// Waits for the digest.
    func value() throws -> String {
        done.wait()
        return try result.get()
    }
}
