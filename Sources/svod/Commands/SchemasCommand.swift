import ArgumentParser
import Foundation
import SvodLocale
import SvodSchema
import SvodWorkbook

/// `svod schemas`: the forms svod knows, their layout, and checks of schema files.
struct SchemasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemas",
        abstract: "Схемы форм: список, описание, проверка / form schemas: list, show, check.",
        subcommands: [List.self, Show.self, Check.self])

    /// Where schemas are: `--schemas`, else `$SVOD_SCHEMAS`, else `Schemas/` in the current folder.
    struct Location: ParsableArguments {
        @Option(name: .long, help: "Папка схем (по умолчанию Schemas или $SVOD_SCHEMAS) / schema folder.")
        var schemas: String?

        var directory: String { schemas ?? ProcessInfo.processInfo.environment["SVOD_SCHEMAS"] ?? "Schemas" }
    }

    static func load(_ directory: String, _ language: Language) throws -> SchemaCatalog {
        let catalog = SchemaCatalog(directory: directory)
        if !catalog.issues.isEmpty {
            for issue in catalog.issues { FileHandle.standardError.write(Data((issue.line(language) + "\n").utf8)) }
            throw ExitCode(2)
        }
        return catalog
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Перечислить формы / list the forms.")
        @OptionGroup var location: Location
        @OptionGroup var common: CommonOptions

        func run() throws {
            let catalog = try SchemasCommand.load(location.directory, common.lang)
            let out = OutputBuffer()
            for f in catalog.forms {
                out.write("\(f.id)\tv\(f.version)\t\(f.title(common.lang))\t\(f.periodicity(common.lang))\n")
            }
            out.flush()
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Описание формы: листы, поля, правила / a form's layout.")
        @Argument(help: "Код формы / form id.") var id: String
        @Option(name: .long, help: "text или json / output format.") var format: ShowFormat = .text
        @OptionGroup var location: Location
        @OptionGroup var common: CommonOptions

        func run() throws {
            let catalog = try SchemasCommand.load(location.directory, common.lang)
            guard let form = catalog.form(id) else {
                let known = catalog.forms.map(\.id).joined(separator: ", ")
                report(SchemaLookupError(id: id, known: known), file: location.directory, language: common.lang)
                throw ExitCode(2)
            }
            let out = OutputBuffer()
            out.write(format == .json ? FormLayoutJSON.render(form) : FormLayoutText.render(form, common.lang))
            out.flush()
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Проверить файлы схем / check schema files.")
        @Argument(help: "Папка схем / schema folder.") var directory: String?
        @OptionGroup var location: Location
        @OptionGroup var common: CommonOptions

        func run() throws {
            let dir = directory ?? location.directory
            let catalog = SchemaCatalog(directory: dir)
            for issue in catalog.issues { FileHandle.standardError.write(Data((issue.line(common.lang) + "\n").utf8)) }
            let ru = common.lang == .ru
            let summary = ru ? "форм: \(catalog.forms.count), справочников: \(catalog.lists.count), ошибок: \(catalog.issues.count)\n"
                : "forms: \(catalog.forms.count), code lists: \(catalog.lists.count), mistakes: \(catalog.issues.count)\n"
            FileHandle.standardOutput.write(Data(summary.utf8))
            if !catalog.issues.isEmpty { throw ExitCode(1) }
        }
    }
}

/// Output formats of `schemas show`.
enum ShowFormat: String, ExpressibleByArgument {
    case text, json
}

/// No form with the id asked for.
struct SchemaLookupError: LocalizedFailure {
    let id: String
    let known: String
    var kind: FailureKind { .unreadable }
    var message: LocalizedText {
        .init(ru: "нет формы «\(id)»; есть: \(known)", en: "there is no form '\(id)'; known: \(known)")
    }
}
