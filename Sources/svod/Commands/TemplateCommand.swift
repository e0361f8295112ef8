import Foundation
import SvodLocale
import SvodPipeline
import SvodSchema
import SvodSpreadsheet
import SvodTemplates
import SvodWorkbook

/// `svod template`: a blank form for a school to fill, or the whole set of them.
struct TemplateCommand: Command {
    static let spec = CommandSpec(
        name: "template",
        summary: .init(ru: "Бланк формы для заполнения школой.", en: "A blank form for a school to fill."),
        discussion: .init(
            ru: "--form ФОРМА -o OUT.xlsx|OUT.ods — бланк одной формы (формат по расширению); --all -o ПАПКА — все формы, "
                + "которые сдаёт школа (--school), или все формы каталога, по файлу на форму (--format xlsx или ods). "
                + "В бланке: титул с инструкцией, заполненные школа (из реестра) и период, защищённые подписи, "
                + "раскрывающиеся списки и проверки диапазонов, формулы вычисляемых полей, лист «Пояснения» и свойства "
                + "svod.form и svod.version, по которым svod validate узнаёт форму. Файл появляется только целиком.\n"
                + "Код выхода: 0 — готово, 2 — неверный вызов, неизвестные форма, школа или период, запись не удалась.",
            en: "--form FORM -o OUT.xlsx|OUT.ods writes one form's blank (the format by the extension); --all -o DIR writes "
                + "every form the school (--school) submits, or every form of the catalogue, one file each (--format xlsx or ods). "
                + "The blank has a title sheet with instructions, the school (from the registry) and period filled in, "
                + "locked labels, drop-down lists and range checks, formulas for computed fields, a sheet «Пояснения» and "
                + "the properties svod.form and svod.version by which svod validate recognises the form. The file appears only whole.\n"
                + "Exit status: 0 when done, 2 for a wrong call, an unknown form, school or period, or a failed write."),
        usage: .init(ru: "(--form ФОРМА | --all) -o OUT [параметры]", en: "(--form FORM | --all) -o OUT [options]"),
        options: [
            .value("form", .init(ru: "ФОРМА", en: "FORM"), .init(ru: "Код формы (svod schemas list).", en: "The form's id (svod schemas list).")),
            .flag("all", .init(ru: "Все формы школы, по файлу на форму.", en: "Every form, one file each.")),
            .value("school", .init(ru: "ШКОЛА", en: "SCHOOL"),
                   .init(ru: "Школа из реестра: код, краткое или полное название (svod schools).",
                         en: "The school from the registry: its code, short or full name (svod schools).")),
            .value("period", .init(ru: "ПЕРИОД", en: "PERIOD"), .init(ru: "Отчётный период, например 2024/2025.", en: "The reporting period, e.g. 2024/2025.")),
            .value("output", short: "o", .init(ru: "OUT", en: "OUT"), required: true,
                   .init(ru: "Файл (--form) или папка (--all).", en: "The output file (--form) or folder (--all).")),
            .choice("format", TemplateFormat.self, default: .xlsx, .init(ru: "Формат файлов для --all.", en: "File format for --all.")),
            SchemasCommand.option,
        ],
        run: perform)

    let form: String?
    let all: Bool
    let school: String?
    let period: String?
    let output: String
    let format: TemplateFormat
    let location: SchemasCommand.Location
    let common: CommonOptions

    init(_ call: ParsedCall) throws {
        form = call.value("form")
        all = call.flag("all")
        school = call.value("school")
        period = call.value("period")
        output = call.value("output")!
        format = call.choice("format", TemplateFormat.self)!
        location = try SchemasCommand.Location(call)
        common = CommonOptions(call)
    }

    func validate() throws {
        guard (form != nil) != all else {
            throw UsageError(ru: "укажите либо --form ФОРМА, либо --all; см. svod template --help",
                             en: "give either --form FORM or --all; see svod template --help")
        }
        if form != nil {
            try PathCheck.spreadsheetOutput(output, option: "-o")
        } else {
            try PathCheck.creatableFolder(output, option: "-o")
        }
    }

    func run() throws {
        let catalog = try SchemasCommand.load(location.directory, common.lang)
        var target = output
        do {
            let organisation = try school.map { try SchoolsCommand.find($0, in: catalog) }
            if let id = form {
                guard let schema = catalog.form(id) else {
                    throw UnknownForm(id: id, known: catalog.forms.map(\.id))
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
                        let why = (error as? LocalizedFailure)?.message ?? .init(ru: "\(error)", en: "\(error)")
                        warn(.init(ru: "форма \(schema.id): \(why.ru); период не заполнен", en: "form \(schema.id): \(why.en); period left blank"),
                             common.lang)
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
enum TemplateFormat: String, CaseIterable {
    case xlsx, ods
}
