import Foundation
import SvodConsolidation
import SvodIO
import SvodLocale
import SvodPipeline
import SvodSchema
import SvodStore
import SvodWorkbook

/// `svod consolidate`: the city's (or a district's) workbook or JSON from the store or from files.
struct ConsolidateCommand: Command {
    static let spec = CommandSpec(
        name: "consolidate",
        summary: .init(ru: "Свести файлы школ в городскую книгу или JSON.", en: "Consolidate the schools' files into the city's workbook or JSON."),
        discussion: .init(
            ru: "Из хранилища (--store и --period) или прямо из файлов (проверяются по пути; файлы с ошибками в свод не входят "
                + "и перечислены на листе «Источники»). Свод района (JSON или книга svod) — тоже вход: свод районных сводов "
                + "даёт те же городские числа. Как сводится каждое поле, написано в схеме (aggregate): количества суммируются, "
                + "доли и средние по правилам пересчитываются по городским суммам. Книга: по листу на лист формы (строки школ, "
                + "затем городские строки формулами с готовыми значениями), «Источники», «Контроль свода». Одинаковые входы дают "
                + "побайтно одинаковый файл; дата в файле — --as-of (иначе 2000-01-01).\n"
                + "Код выхода: 0 — свод сходится, 1 — есть замечания «Контроля свода», 2 — неверный вызов или вход не прочитан.",
            en: "From the store (--store and --period) or straight from files (checked on the way; files with errors are left "
                + "out and listed on «Источники»). A district's consolidation (JSON or a svod workbook) is an input too: "
                + "consolidating the districts' consolidations gives the same city numbers. How each field consolidates is "
                + "written in the schema (aggregate): counts sum, shares and means that rules compute are recomputed from the "
                + "city's sums. The workbook: a sheet per form sheet (the schools' rows, then the city rows as formulas with "
                + "their values), «Источники», «Контроль свода». The same inputs give a byte-identical file; the date in it "
                + "is --as-of (else 2000-01-01).\n"
                + "Exit status: 0 the consolidation adds up, 1 «Контроль свода» lists findings, 2 a wrong call or an input not read."),
        arguments: [ArgumentSpec("files", .init(ru: "ФАЙЛ|ПАПКА", en: "FILE|FOLDER"), .zeroOrMore,
                                 .init(ru: "Файлы школ, своды районов или папки с ними (без них — из хранилища).",
                                       en: "The schools' files, district consolidations, or folders of them (without them: the store)."))],
        options: [
            .value("output", short: "o", .init(ru: "ФАЙЛ", en: "FILE"),
                   .init(ru: "Куда записать: .xlsx, .ods или .json.", en: "Where to write: .xlsx, .ods or .json.")),
            .choice("format", ShowFormat.self, .init(ru: "json — вывести JSON в стандартный вывод.", en: "json — print the JSON to standard output.")),
            .value("period", .init(ru: "ПЕРИОД", en: "PERIOD"),
                   .init(ru: "Период (обязателен с хранилищем; для файлов по умолчанию — последний учебный год среди них).",
                         en: "The period (required with the store; for files by default the latest academic year among them).")),
            .value("form", .init(ru: "ФОРМА", en: "FORM"), .init(ru: "Только эти формы (через запятую).", en: "Only these forms (comma-separated).")),
            .value("district", .init(ru: "РАЙОН", en: "DISTRICT"),
                   .init(ru: "Свод одного района (код или название из справочника districts).", en: "One district's consolidation (a code or name of the list districts).")),
            .flag("schools", .init(ru: "Добавить в JSON строки школ.", en: "Add the schools' rows to the JSON.")),
            .value("published", .init(ru: "ФАЙЛ|ПАПКА", en: "FILE|FOLDER"),
                   .init(ru: "Опубликованные городские таблицы (файлы формы с городскими числами): их собственные ошибки и расхождения со сводом — в «Контроль свода».",
                         en: "Published city tables (form files holding the city's figures): their own faults and their differences from the consolidation go to «Контроль свода».")),
            .value("as-of", .init(ru: "ДАТА", en: "DATE"),
                   .init(ru: "Дата свода в свойствах файла (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ).", en: "The consolidation's date in the file's properties (YYYY-MM-DD or DD.MM.YYYY).")),
            StoreLocation.option,
            SchemasCommand.option,
        ],
        run: perform)

    let arguments: [String]
    let output: TableOutput
    let period: String?
    let forms: [String]
    let district: String?
    let withSchools: Bool
    let published: String?
    let store: String
    let location: SchemasCommand.Location
    let common: CommonOptions

    init(_ call: ParsedCall) throws {
        arguments = call.all("files")
        output = try TableOutput(call, what: .init(ru: "свод пишется", en: "a consolidation is written"))
        period = call.value("period")
        forms = FormList.parse(call)
        district = call.value("district")
        withSchools = call.flag("schools")
        published = call.value("published")
        store = StoreLocation.path(call)
        location = try SchemasCommand.Location(call)
        common = CommonOptions(call)
        try checkCall(call)
    }

    private func checkCall(_ call: ParsedCall) throws {
        if arguments.isEmpty && period == nil {
            throw UsageError(ru: "свод из хранилища: укажите --period (или дайте файлы)", en: "a consolidation from the store needs --period (or give files)")
        }
    }

    func run() throws {
        let catalog = try SchemasCommand.load(location.directory, common.lang)
        try FormList.check(forms, in: catalog)
        var run = ConsolidationRun(catalog: catalog, district: try districtCode(catalog))
        run.forms = forms
        var result: ConsolidationRun.Result
        do {
            result = try StoreOrFiles.run(arguments, store: store, scratchName: "consolidate",
                                          fromStore: { try run.fromStore($0, period: period!) },
                                          fromFiles: { try run.fromFiles($0, period: period, scratch: $1) }) { result in
                if let published {
                    let inputs = Inputs.expand([published])
                    guard !inputs.isEmpty else { throw UsageError(ru: "--published: «\(published)» — нет файлов", en: "--published: '\(published)' holds no files") }
                    run.compare(published: inputs, with: &result)
                }
                try write(result, catalog: catalog)
            }
        } catch let e as UsageError {
            throw e
        } catch {
            report(error, file: output.path ?? "-", language: common.lang)
            throw ExitCode(2)
        }
        summarise(result)
        if !result.consolidation.checks.isEmpty { throw ExitCode(1) }
    }

    private func districtCode(_ catalog: SchemaCatalog) throws -> String? {
        guard let district else { return nil }
        let items = catalog.list("districts")?.items ?? []
        let key = district.lowercased()
        guard let item = items.first(where: { $0.code == district || $0.name.lowercased() == key || $0.aliases.contains { $0.lowercased() == key } }) else {
            throw UsageError(ru: "--district: нет района «\(district)»; есть: \(items.map(\.code).joined(separator: ", "))",
                             en: "--district: there is no district '\(district)'; known: \(items.map(\.code).joined(separator: ", "))")
        }
        return item.code
    }

    private func write(_ r: ConsolidationRun.Result, catalog: SchemaCatalog) throws {
        let writer = ConsolidationOutput(catalog: catalog, withSchools: withSchools)
        if output.toStdout {
            let out = OutputBuffer()
            try writer.json(r) { out.write($0) }
            out.flush()
        }
        guard let path = output.path else { return }
        try writer.write(r, to: path, created: output.asOf)
    }

    /// One line per form and per input left out, on stderr when the JSON goes to stdout.
    private func summarise(_ r: ConsolidationRun.Result) {
        let ru = common.lang == .ru
        var text = ""
        for f in r.consolidation.forms {
            text += ru ? "\(f.id): сдали \(f.submitted.count), нет \(f.missing.count)\n" : "\(f.id): \(f.submitted.count) submitted, \(f.missing.count) missing\n"
        }
        for l in r.leftOut { text += "\(l.file) — " + (ru ? "не вошёл в свод: " : "left out: ") + l.reason(common.lang) + "\n" }
        for c in r.consolidation.checks {
            let place = [c.form, c.sheet, c.row, c.field].compactMap { $0 }.joined(separator: " / ")
            text += (ru ? "Контроль свода: " : "Consolidation check: ") + "\(place): \(c.message(common.lang))\n"
        }
        text += ru ? "Период: \(r.consolidation.period); замечаний контроля свода: \(r.consolidation.checks.count); не вошли в свод: \(r.leftOut.count)\n"
                   : "Period: \(r.consolidation.period); consolidation findings: \(r.consolidation.checks.count); inputs left out: \(r.leftOut.count)\n"
        if output.toStdout {
            FileHandle.standardError.write(Data(text.utf8))
        } else {
            let out = OutputBuffer()
            out.write(text)
            out.flush()
        }
    }
}
