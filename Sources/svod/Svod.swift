import Foundation
import SvodIO
import SvodLocale

/// The `svod` command: reads, checks and consolidates school spreadsheets.
@main
enum Svod {
    static let version = "0.1.0"

    static let spec = CommandSpec(
        name: "svod",
        summary: .init(ru: "сводка: чтение, проверка и свод таблиц школ для МСОКО.",
                       en: "reads, checks and consolidates school spreadsheets for МСОКО."),
        subcommands: [InspectCommand.spec, ConvertCommand.spec, SchemasCommand.spec, ValidateCommand.spec, TemplateCommand.spec,
                      SchoolsCommand.spec, ImportCommand.spec, StatusCommand.spec, HistoryCommand.spec, ConsolidateCommand.spec, IndicatorsCommand.spec, CardCommand.spec, ReportCommand.spec, RecheckCommand.spec, BatchCommand.spec])

    /// Runs the command; wrong calls exit with 2, like unreadable files, so scripts need one check.
    static func main() {
        // Ctrl-C or a kill leaves no half-written output behind (`svod batch` asks for a graceful stop instead).
        Interruption.install()
        let arguments = Array(CommandLine.arguments.dropFirst())
        let language = CommandLineParser.language(of: arguments)
        do {
            switch try CommandLineParser(root: spec).parse(arguments) {
            case .version:
                FileHandle.standardOutput.write(Data((version + "\n").utf8))
            case let .help(command, path, language):
                FileHandle.standardOutput.write(Data(HelpText.render(command, path: path, language: language, version: version).utf8))
            case let .run(command, call):
                try command.run?(call)
            }
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch let usage as UsageError {
            printError(usage.message(language), language)
            exit(2)
        } catch {
            printError((error as? LocalizedFailure)?.message(language) ?? "\(error)", language)
            exit(2)
        }
    }
}

/// A command: declared by its spec, built from what the parser read, checked, then run.
protocol Command {
    static var spec: CommandSpec { get }
    init(_ call: ParsedCall) throws
    /// Checks of the arguments that need no work (formats by extension, paths); throws `UsageError`.
    func validate() throws
    func run() throws
}

extension Command {
    func validate() throws {}

    /// What the spec's `run` does.
    static func perform(_ call: ParsedCall) throws {
        let command = try Self(call)
        try command.validate()
        try command.run()
    }
}

/// Options every command shares.
struct CommonOptions {
    /// `--lang`.
    var lang: Language

    init(_ call: ParsedCall) { lang = call.language }
}

/// `svod: ошибка: …` (`svod: error: …`) on standard error.
func printError(_ text: String, _ language: Language) {
    let prefix = language == .ru ? "svod: ошибка" : "svod: error"
    FileHandle.standardError.write(Data("\(prefix): \(text)\n".utf8))
}

/// Prints a refusal on one line to standard error.
func report(_ error: Error, file: String, language: Language) {
    let text: String
    if let f = error as? LocalizedFailure {
        text = f.message(language)
    } else {
        text = "\(error)"
    }
    let prefix = language == .ru ? "svod: ошибка" : "svod: error"
    FileHandle.standardError.write(Data("\(prefix): \(file): \(text)\n".utf8))
}

/// A notice on standard error: `svod: предупреждение: …` (`svod: warning: …`).
func warn(_ text: LocalizedText, _ language: Language) {
    let prefix = language == .ru ? "svod: предупреждение" : "svod: warning"
    FileHandle.standardError.write(Data("\(prefix): \(text(language))\n".utf8))
}

/// A name in «ёлочки», unless it already holds them: «5», not ««5»»; МБДОУ «Детский сад № 5» as it is.
func guillemets(_ s: String) -> String {
    s.contains("«") || s.contains("»") ? s : "«\(s)»"
}
