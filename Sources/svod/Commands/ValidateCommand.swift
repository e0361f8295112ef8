import Foundation
import SvodIO
import SvodLocale
import SvodReports
import SvodSchema
import SvodSpreadsheet
import SvodValidation
import SvodWorkbook

/// `svod validate`: checks filled forms against their schemas.
struct ValidateCommand: Command {
    static let spec = CommandSpec(
        name: "validate",
        summary: .init(ru: "Проверить заполненные формы по их схемам.", en: "Check filled forms against their schemas."),
        discussion: .init(
            ru: "Папка означает все файлы XLSX и ODS в ней. Форма определяется по свойствам бланка svod, по листам и "
                + "заголовкам столбцов, либо задаётся --form.\n"
                + "Код выхода: 0 — ошибок нет, 1 — есть ошибки (с --strict также непоясненные предупреждения), "
                + "2 — файл не читается или вызов неверен.",
            en: "A folder stands for every XLSX and ODS file in it. The form is recognised by the properties of svod's "
                + "templates, by the sheets and column headers, or given with --form.\n"
                + "Exit status: 0 with no errors, 1 with errors (with --strict also unexplained warnings), "
                + "2 for an unreadable file or a wrong call."),
        arguments: [ArgumentSpec("files", .init(ru: "ФАЙЛ|ПАПКА", en: "FILE|FOLDER"), .oneOrMore,
                                 .init(ru: "Заполненные формы XLSX или ODS, или папки с ними.", en: "The filled forms (XLSX, ODS), or folders of them."))],
        options: [
            .value("form", .init(ru: "ФОРМА", en: "FORM"), .init(ru: "Код формы (svod schemas list).", en: "The form's id (svod schemas list).")),
            .choice("format", ReportFormat.self, default: .text,
                    .init(ru: "Отчёт: text — для людей, json — для программ, html — одна страница для печати.",
                          en: "Report: text for people, json for programs, html as one printable page.")),
            .value("annotate", .init(ru: "OUT", en: "OUT"),
                   .init(ru: "Копия файла (.xlsx или .ods) с отмеченными ячейками и листом «Замечания»; для нескольких файлов — папка.",
                         en: "An annotated copy (.xlsx or .ods) with the cells at fault marked and a sheet «Замечания»; a folder for several files.")),
            .value("previous", .init(ru: "ФАЙЛ", en: "FILE"), .init(ru: "Та же форма за прошлый период.", en: "The same form for the previous period.")),
            .flag("strict", .init(ru: "Непоясненные предупреждения тоже считать ошибкой.", en: "Unexplained warnings fail too.")),
            SchemasCommand.option,
        ],
        run: perform)

    let arguments: [String]
    let form: String?
    let format: ReportFormat
    let annotate: String?
    let previous: String?
    let strict: Bool
    let location: SchemasCommand.Location
    let common: CommonOptions

    init(_ call: ParsedCall) throws {
        arguments = call.all("files")
        form = call.value("form")
        format = call.choice("format", ReportFormat.self)!
        annotate = call.value("annotate")
        previous = call.value("previous")
        strict = call.flag("strict")
        location = try SchemasCommand.Location(call)
        common = CommonOptions(call)
    }

    /// Paths checked before any file is read: the previous period's file must be there, and the
    /// annotated copy must have a folder to go to and, for one file, the extension of its format.
    func validate() throws {
        if let previous { try PathCheck.readableFile(previous, option: "--previous") }
        if let annotate {
            if InputFiles.expand(arguments).count > 1 {
                try PathCheck.creatableFolder(annotate, option: "--annotate")
            } else {
                try PathCheck.spreadsheetOutput(annotate, option: "--annotate")
            }
        }
    }

    func run() throws {
        let inputs = InputFiles.expand(arguments)
        let files = inputs.map(\.path)
        guard !files.isEmpty else {
            let text = common.lang == .ru ? "svod: ошибка: \(arguments.joined(separator: ", ")): нет файлов XLSX или ODS\n"
                : "svod: error: \(arguments.joined(separator: ", ")): no XLSX or ODS files\n"
            FileHandle.standardError.write(Data(text.utf8))
            throw ExitCode(2)
        }
        let catalog = try SchemasCommand.load(location.directory, common.lang)
        let validator = Validator(catalog: catalog)
        let out = OutputBuffer()
        var worst: Int32 = 0
        var jsonParts: [String] = []
        var htmlReports: [ValidationReport] = []
        var tally = (valid: 0, failed: 0, refused: 0)
        let colour = isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        for (file, input) in zip(files, inputs) {
            do {
                let reader = try Spreadsheet.open(path: file)
                let schema: FormSchema
                if let id = form {
                    guard let f = catalog.form(id) else {
                        throw SchemaLookupError(id: id, known: catalog.forms.map(\.id).joined(separator: ", "))
                    }
                    schema = f
                } else {
                    guard let f = try FormDetector.detect(reader, in: catalog) else { throw UnknownFormError() }
                    schema = f
                }
                let previousReader = try previous.map { try Spreadsheet.open(path: $0) }
                // The digest is computed on another core while the file is checked.
                let digest = Digest(file)
                var report = try validator.validate(reader, form: schema, file: file, sha256: "", previous: previousReader)
                report.sha256 = try digest.value()
                switch format {
                case .text: out.write(TextReport.render(report, language: common.lang, colour: colour))
                case .json: jsonParts.append(JSONReport.render(report, language: common.lang))
                case .html: htmlReports.append(report)
                }
                if let annotate { try writeAnnotated(reader, report, file: input, to: annotate, several: files.count > 1) }
                let failed = !report.isValid || (strict && report.count(.warning, explained: false) > 0)
                if failed { worst = max(worst, 1); tally.failed += 1 } else { tally.valid += 1 }
            } catch {
                out.flush()
                report(error, file: file, language: common.lang)
                worst = 2
                tally.refused += 1
                // A program reading the JSON gets every file it asked about, refused ones included.
                if format == .json {
                    let kind = (error as? LocalizedFailure)?.kind.rawValue ?? FailureKind.unreadable.rawValue
                    let detail = (error as? LocalizedFailure)?.message(common.lang) ?? "\(error)"
                    jsonParts.append("{\"file\": \(CellText.quoted(file)), \"error\": \"\(kind)\", \"detail\": \(CellText.quoted(detail))}")
                }
            }
        }
        // One object for one file named on the command line; an array for several, or for a folder
        // (whatever it holds), so a script knows the shape from its own call.
        let single = arguments.count == 1 && inputs.count == 1 && inputs[0].path == arguments[0]
        if format == .json { out.write(single && jsonParts.count == 1 ? jsonParts[0] + "\n" : "[" + jsonParts.joined(separator: ",\n") + "]\n") }
        if format == .text && files.count > 1 {
            out.write(common.lang == .ru
                ? "\nПроверено файлов: \(files.count); прошли проверку: \(tally.valid); с ошибками: \(tally.failed); не прочитаны: \(tally.refused)\n"
                : "\nFiles checked: \(files.count); passed: \(tally.valid); with errors: \(tally.failed); unreadable: \(tally.refused)\n")
        }
        if format == .html { out.write(HTMLReport.render(htmlReports, language: common.lang)) }
        out.flush()
        if worst != 0 { throw ExitCode(worst) }
    }
}

extension ValidateCommand {
    /// One file: `annotate` is the copy's path (its extension picks the format, else the
    /// input's). Several: `annotate` is a folder where each copy keeps its input's place below
    /// the folder it came from, so two schools' `vpr.xlsx` do not overwrite each other. A copy
    /// never replaces the school's own file.
    func writeAnnotated(_ reader: WorkbookReader, _ report: ValidationReport, file: InputFiles.Input, to annotate: String,
                        several: Bool) throws {
        var target = annotate
        if several {
            let ext = reader.format == .ods || reader.format == .fods ? "ods" : "xlsx"
            let relative = (file.relative as NSString).deletingPathExtension + "." + ext
            target = (annotate as NSString).appendingPathComponent(relative)
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        if URL(fileURLWithPath: target).standardizedFileURL.resolvingSymlinksInPath()
            == URL(fileURLWithPath: file.path).standardizedFileURL.resolvingSymlinksInPath() {
            throw AnnotateOverInput(path: target)
        }
        let format = SpreadsheetOutput.format(forPath: target) ?? (reader.format == .xlsx ? .xlsx : .ods)
        let outcome = try AnnotatedWorkbook.write(source: reader, report: report, to: target, format: format, language: common.lang)
        for (from, to) in outcome.renamedSheets {
            warn(.init(ru: "\(target): лист «\(from)» переименован в «\(to)»", en: "\(target): sheet '\(from)' renamed '\(to)'"), common.lang)
        }
    }
}

/// `--annotate` would write over the file being checked.
struct AnnotateOverInput: LocalizedFailure {
    let path: String
    var kind: FailureKind { .unreadable }
    var message: LocalizedText {
        .init(ru: "копия с замечаниями легла бы на сам проверяемый файл «\(path)»: укажите для --annotate другую папку",
              en: "the annotated copy would overwrite the file being checked, '\(path)': give --annotate another folder")
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

/// Report formats of `validate`.
enum ReportFormat: String, CaseIterable {
    case text, json, html
}

/// No form matches the file.
struct UnknownFormError: LocalizedFailure {
    var kind: FailureKind { .unreadable }
    var message: LocalizedText {
        .init(ru: "не удалось определить форму по листам и заголовкам; укажите --form (список: svod schemas list)",
              en: "cannot tell the form from the sheets and headers; give --form (see svod schemas list)")
    }
}
