import ArgumentParser
import Foundation
import SvodLocale

/// The `svod` command: reads, checks and consolidates school spreadsheets.
@main
struct Svod: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "svod",
        abstract: "Сводка: чтение, проверка и свод таблиц школ для МСОКО / reads, checks and consolidates school spreadsheets.",
        version: "0.1.0",
        subcommands: [InspectCommand.self, ConvertCommand.self, SchemasCommand.self, ValidateCommand.self, TemplateCommand.self])

    /// Runs the command; usage errors exit with 2, like unreadable files, so scripts need one check.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Язык сообщений: ru или en / message language.")
    var lang: Language = .ru
}

extension Language: ExpressibleByArgument {}

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
