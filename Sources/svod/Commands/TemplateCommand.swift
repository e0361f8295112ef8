import ArgumentParser
import Foundation
import SvodLocale
import SvodSchema
import SvodSpreadsheet
import SvodTemplates
import SvodWorkbook

/// `svod template`: a blank form for a school to fill, or the whole set of them.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Бланк формы для заполнения / a blank form for a school to fill.",
        discussion: """
        --form ID -o OUT.xlsx|OUT.ods — бланк одной формы (формат по расширению); --all -o ПАПКА — все формы, \
        которые сдаёт школа (--school), или все формы каталога, по файлу на форму (--format xlsx или ods). \
        В бланке: титул с инструкцией, заполненные школа (код из реестра) и период, защищённые подписи, \
        раскрывающиеся списки и проверки диапазонов, формулы вычисляемых полей, лист «Пояснения» и свойства \
        svod.form и svod.version, по которым svod validate узнаёт форму. Файл появляется только целиком. \
        Код выхода 0 — готово, 2 — неверный вызов, неизвестные форма, школа или период, запись не удалась.
        """)

    @Option(name: .long, help: "Код формы (svod schemas list) / form id.") var form: String?
    @Flag(name: .long, help: "Все формы школы, по файлу на форму / every form, one file each.") var all = false
    @Option(name: .long, help: "Код школы из реестра / the school's registry code.") var school: String?
    @Option(name: .long, help: "Отчётный период, например 2024/2025 / reporting period.") var period: String?
    @Option(name: .shortAndLong, help: "Файл (--form) или папка (--all) / output file or folder.") var output: String
    @Option(name: .long, help: "xlsx или ods для --all / file format for --all.") var format: TemplateFormat = .xlsx
    @OptionGroup var location: SchemasCommand.Location
    @OptionGroup var common: CommonOptions

    func validate() throws {
        let ru = common.lang == .ru
        guard (form != nil) != all else {
            throw ValidationError(ru ? "укажите либо --form ID, либо --all" : "give either --form ID or --all")
        }
        if form != nil, SpreadsheetOutput.format(forPath: output) == nil {
            throw ValidationError(TemplateError.unknownFormat(output).message(common.lang))
        }
    }

    func run() throws {
        let catalog = try SchemasCommand.load(location.directory, common.lang)
        var target = output
        do {
            let organisation = try school.map { try catalog.school($0) }
            if let id = form {
                guard let schema = catalog.form(id) else {
                    throw SchemaLookupError(id: id, known: catalog.forms.map(\.id).joined(separator: ", "))
                }
                if let organisation, !schema.isSubmitted(by: organisation) {
                    throw TemplateError.notASubmitter(school: organisation.code, kind: organisation.kind, form: schema.id)
                }
                if let period { try schema.checkPeriod(period) }
                let request = TemplateRequest(school: organisation, period: period)
                try TemplateBuilder(form: schema, catalog: catalog).write(request, to: output, format: SpreadsheetOutput.format(forPath: output)!)
                return
            }
            let forms = catalog.forms.filter { f in organisation.map { f.isSubmitted(by: $0) } ?? true }
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for schema in forms {
                // A period of one kind (an academic year) does not fit forms of another (quarterly): those get none.
                var fits = period
                if let period {
                    do { try schema.checkPeriod(period) } catch {
                        fits = nil
                        let line = (common.lang == .ru ? "svod: внимание: форма \(schema.id): " : "svod: warning: form \(schema.id): ")
                            + ((error as? LocalizedFailure)?.message(common.lang) ?? "\(error)")
                            + (common.lang == .ru ? "; период не заполнен\n" : "; period left blank\n")
                        FileHandle.standardError.write(Data(line.utf8))
                    }
                }
                let name = ([schema.id, organisation?.code, fits?.replacingOccurrences(of: "/", with: "-")].compactMap { $0 })
                    .joined(separator: "-") + "." + format.rawValue
                target = (output as NSString).appendingPathComponent(name)
                try TemplateBuilder(form: schema, catalog: catalog)
                    .write(TemplateRequest(school: organisation, period: fits), to: target, format: format == .xlsx ? .xlsx : .ods)
                FileHandle.standardOutput.write(Data((target + "\n").utf8))
            }
        } catch {
            report(error, file: target, language: common.lang)
            throw ExitCode(2)
        }
    }
}

/// File formats of `template --all`.
enum TemplateFormat: String, ExpressibleByArgument {
    case xlsx, ods
}
