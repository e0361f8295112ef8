import ArgumentParser
import Foundation
import SvodIO
import SvodLocale
import SvodReports
import SvodSchema
import SvodSpreadsheet
import SvodValidation
import SvodWorkbook

/// `svod validate`: checks filled forms against their schemas.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Проверить заполненные формы / check filled forms against their schemas.",
        discussion: """
        Форма определяется по листам и заголовкам столбцов, либо задаётся --form. \
        Код выхода: 0 — ошибок нет, 1 — есть ошибки (с --strict также непоясненные предупреждения), \
        2 — файл не читается или вызов неверен.
        """)

    @Argument(help: "Файлы XLSX, ODS / the filled forms.") var files: [String]
    @Option(name: .long, help: "Код формы (svod schemas list) / form id.") var form: String?
    @Option(name: .long, help: "text или json / output format.") var format: ReportFormat = .text
    @Option(name: .long, help: "Та же форма за прошлый период / the previous period's file.") var previous: String?
    @Flag(name: .long, help: "Непоясненные предупреждения тоже считать ошибкой / unexplained warnings fail too.") var strict = false
    @OptionGroup var location: SchemasCommand.Location
    @OptionGroup var common: CommonOptions

    func run() throws {
        let catalog = try SchemasCommand.load(location.directory, common.lang)
        let validator = Validator(catalog: catalog)
        let out = OutputBuffer()
        var worst: Int32 = 0
        var jsonParts: [String] = []
        let colour = isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        for file in files {
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
                let report = try validator.validate(reader, form: schema, file: file, sha256: try SHA256.file(file),
                                                    previous: previousReader)
                switch format {
                case .text: out.write(TextReport.render(report, language: common.lang, colour: colour))
                case .json: jsonParts.append(JSONReport.render(report, language: common.lang))
                }
                let failed = !report.isValid || (strict && report.count(.warning, explained: false) > 0)
                if failed { worst = max(worst, 1) }
            } catch {
                out.flush()
                report(error, file: file, language: common.lang)
                worst = 2
            }
        }
        if format == .json { out.write(files.count == 1 && jsonParts.count == 1 ? jsonParts[0] + "\n" : "[" + jsonParts.joined(separator: ",\n") + "]\n") }
        out.flush()
        if worst != 0 { throw ExitCode(worst) }
    }
}

/// Report formats of `validate`.
enum ReportFormat: String, ExpressibleByArgument {
    case text, json
}

/// No form matches the file.
struct UnknownFormError: LocalizedFailure {
    var kind: FailureKind { .unreadable }
    var message: LocalizedText {
        .init(ru: "не удалось определить форму по листам и заголовкам; укажите --form (список: svod schemas list)",
              en: "cannot tell the form from the sheets and headers; give --form (see svod schemas list)")
    }
}
