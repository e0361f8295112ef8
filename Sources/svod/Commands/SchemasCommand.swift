import Foundation
import SvodLocale
import SvodPipeline
import SvodSchema
import SvodWorkbook

/// `svod schemas`: the forms svod knows, their layout, and checks of schema files.
enum SchemasCommand {
    static let spec = CommandSpec(
        name: "schemas",
        summary: .init(ru: "Схемы форм: список, описание, проверка.", en: "Form schemas: list, show, check."),
        subcommands: [List.spec, Show.spec, Check.spec])

    /// `--schemas DIR`, as every command reading the catalogue declares it.
    static let option = OptionSpec.value(
        "schemas", .init(ru: "ПАПКА", en: "DIR"),
        .init(ru: "Папка схем. Без неё — $SVOD_SCHEMAS, затем схемы рядом с программой (PREFIX/share/svod/Schemas "
                + "или Schemas/ исходников), затем ./Schemas.",
              en: "The schema folder. Without it: $SVOD_SCHEMAS, then the schemas beside the program (PREFIX/share/svod/Schemas "
                + "or the checkout's Schemas/), then ./Schemas."))

    /// Where schemas are: see `SchemaLocation`. Resolved when the command is built, so a
    /// missing catalogue is one line before any work.
    struct Location {
        let directory: String

        init(_ call: ParsedCall) throws { directory = try SchemaLocation.resolve(explicit: call.value("schemas")) }
    }

    static func load(_ directory: String, _ language: Language) throws -> SchemaCatalog {
        let catalog = SchemaCatalog(directory: directory)
        if !catalog.issues.isEmpty {
            for issue in catalog.issues { FileHandle.standardError.write(Data((issue.line(language) + "\n").utf8)) }
            throw ExitCode(2)
        }
        return catalog
    }

    struct List: Command {
        static let spec = CommandSpec(
            name: "list", summary: .init(ru: "Перечислить формы: код, версия, название, срок.", en: "List the forms: id, version, title, due."),
            options: [SchemasCommand.option], run: perform)
        let location: Location
        let common: CommonOptions

        init(_ call: ParsedCall) throws {
            location = try Location(call)
            common = CommonOptions(call)
        }

        func run() throws {
            let catalog = try SchemasCommand.load(location.directory, common.lang)
            let out = OutputBuffer()
            for f in catalog.forms {
                out.write("\(f.id)\tv\(f.version)\t\(f.title(common.lang))\t\(f.periodicity(common.lang))\n")
            }
            out.flush()
        }
    }

    struct Show: Command {
        static let spec = CommandSpec(
            name: "show", summary: .init(ru: "Описание формы: листы, поля, правила.", en: "A form's layout: sheets, fields, rules."),
            arguments: [ArgumentSpec("id", .init(ru: "ФОРМА", en: "FORM"), .one,
                                     .init(ru: "Код формы (svod schemas list).", en: "The form's id (svod schemas list)."))],
            options: [.choice("format", ShowFormat.self, default: .text, .init(ru: "Формат вывода.", en: "Output format.")),
                      SchemasCommand.option],
            run: perform)
        let id: String
        let format: ShowFormat
        let location: Location
        let common: CommonOptions

        init(_ call: ParsedCall) throws {
            id = call.argument("id")!
            format = call.choice("format", ShowFormat.self)!
            location = try Location(call)
            common = CommonOptions(call)
        }

        func run() throws {
            let catalog = try SchemasCommand.load(location.directory, common.lang)
            guard let form = catalog.form(id) else {
                report(UnknownForm(id: id, known: catalog.forms.map(\.id)), file: location.directory, language: common.lang)
                throw ExitCode(2)
            }
            let out = OutputBuffer()
            out.write(format == .json ? FormLayoutJSON.render(form) : FormLayoutText.render(form, common.lang))
            out.flush()
        }
    }

    struct Check: Command {
        static let spec = CommandSpec(
            name: "check",
            summary: .init(ru: "Проверить файлы схем: ошибки с файлом и строкой.", en: "Check schema files: mistakes with their file and line."),
            discussion: .init(ru: "Код выхода: 0 — ошибок нет, 1 — есть ошибки, 2 — папки схем нет или вызов неверен.",
                              en: "Exit status: 0 with no mistakes, 1 with mistakes, 2 when there is no schema folder or for a wrong call."),
            arguments: [ArgumentSpec("directory", .init(ru: "ПАПКА", en: "DIR"), .optional,
                                     .init(ru: "Папка схем (иначе как у --schemas).", en: "The schema folder (else as for --schemas)."))],
            options: [SchemasCommand.option], run: perform)
        let directory: String
        let common: CommonOptions

        init(_ call: ParsedCall) throws {
            if let given = call.argument("directory") {
                guard SchemaLocation.hasForms(given) else {
                    throw SchemaFolderNotFound(path: given, exists: FileManager.default.fileExists(atPath: given), source: nil)
                }
                directory = given
            } else {
                directory = try Location(call).directory
            }
            common = CommonOptions(call)
        }

        func run() throws {
            let catalog = SchemaCatalog(directory: directory)
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
enum ShowFormat: String, CaseIterable {
    case text, json
}

