import Foundation
import SvodIndicators
import SvodIO
import SvodLocale
import SvodPipeline
import SvodSchema
import SvodStore
import SvodWorkbook

/// `svod indicators`: the programme's computed indicators (risk zones first) from the store or from files of several years.
struct IndicatorsCommand: Command {
    static let spec = CommandSpec(
        name: "indicators",
        summary: .init(ru: "Вычислить показатели программы: школы зоны риска (3.2).", en: "Compute the programme's indicators: risk-zone schools (3.2)."),
        discussion: .init(
            ru: "--period — учебный год, за который считаются показатели: рубрика руководителя — по его данным, школы зоны "
                + "риска — на следующий год (критерии смотрят этот год и предыдущие: ВПР 4 класса, ЕГЭ, ОГЭ — три года, "
                + "ВПР 5–6 классов — два). Данные — из хранилища (--store) или из файлов нескольких лет (проверяются по пути; "
                + "файлы с ошибками не входят и перечислены). Критерии записаны в схеме (indicators/risk-zones.yaml): порог, "
                + "окно, как читается «и/или». Школа без файла за нужный год — «нет данных», а не «нет риска». "
                + "Книга: «Зоны риска» (показатели 1 и 2, по критериям), «Зоны риска — школы», «Зоны риска — строки» (каждая "
                + "строка с её числами и долей формулой).\n"
                + "Код выхода: 0 — посчитано, 1 — часть файлов не вошла, 2 — неверный вызов или вход не прочитан.",
            en: "--period is the academic year the indicators are of: the director rubric from its data, the risk-zone schools "
                + "for the year after it (the criteria look at this year and the ones before: VPR grade 4, EGE, OGE: three years; "
                + "VPR grades 5–6: two). The data comes from the store (--store) or from files of several years "
                + "(checked on the way; files with errors are left out and listed). The criteria are written in the schema "
                + "(indicators/risk-zones.yaml): threshold, window, how «и/или» reads. A school without a file for a year it "
                + "needs is «нет данных», not clear. The workbook: «Зоны риска» (indicators 1 and 2, per criterion), "
                + "«Зоны риска — школы», «Зоны риска — строки» (every row with its numbers and its share as a formula).\n"
                + "Exit status: 0 computed, 1 some files were left out, 2 a wrong call or an input not read."),
        arguments: [ArgumentSpec("files", .init(ru: "ФАЙЛ|ПАПКА", en: "FILE|FOLDER"), .zeroOrMore,
                                 .init(ru: "Файлы школ за несколько лет или папки с ними (без них — из хранилища).",
                                       en: "The schools' files of several years, or folders of them (without them: the store)."))],
        options: [
            .value("output", short: "o", .init(ru: "ФАЙЛ", en: "FILE"), .init(ru: "Куда записать: .xlsx, .ods или .json.", en: "Where to write: .xlsx, .ods or .json.")),
            .choice("format", ShowFormat.self, .init(ru: "json — вывести JSON в стандартный вывод.", en: "json — print the JSON to standard output.")),
            .value("period", .init(ru: "ПЕРИОД", en: "PERIOD"), .init(ru: "Учебный год (обязателен), например 2019/2020.", en: "The academic year (required), e.g. 2019/2020.")),
            .value("as-of", .init(ru: "ДАТА", en: "DATE"), .init(ru: "Дата в свойствах книги (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ).", en: "The date in the workbook's properties (YYYY-MM-DD or DD.MM.YYYY).")),
            StoreLocation.option,
            SchemasCommand.option,
        ],
        run: perform)

    let call: IndicatorCall
    let output: TableOutput
    var period: String { call.period }
    var common: CommonOptions { call.common }

    init(_ call: ParsedCall) throws {
        self.call = try IndicatorCall(call)
        output = try TableOutput(call, what: .init(ru: "показатели пишутся", en: "indicators are written"))
    }

    func run() throws {
        let catalog = try SchemasCommand.load(call.location.directory, common.lang)
        guard let zones = catalog.riskZones else {
            throw UsageError(ru: "в схемах нет indicators/risk-zones.yaml: зоны риска не объявлены", en: "the schemas have no indicators/risk-zones.yaml: no risk zones are declared")
        }
        if catalog.forms.allSatisfy({ $0.period.ordinal(period) == nil }) {
            throw UsageError(ru: "--period: «\(period)» — не учебный год (ожидается, например, 2019/2020)", en: "--period: '\(period)' is not an academic year (e.g. 2019/2020)")
        }
        let result = try call.run(catalog, output: output.path ?? "-") { try write($0, zones: zones, catalog: catalog) }
        summarise(result)
        if !result.leftOut.isEmpty { throw ExitCode(1) }
    }

    private func write(_ r: IndicatorRun.Result, zones: RiskZones, catalog: SchemaCatalog) throws {
        let json = IndicatorJSON(catalog: catalog).render(period: period, risk: r.riskZones, zones: zones, rubric: r.rubric, shares: r.shares)
        if output.toStdout {
            let out = OutputBuffer()
            out.write(json)
            out.flush()
        }
        guard let path = output.path else { return }
        if output.isJSON {
            let file = try AtomicFile(target: path)
            try Array(json.utf8).withUnsafeBytes { try file.write($0) }
            try file.commit()
        } else {
            try IndicatorWorkbook(catalog: catalog).write(risk: r.riskZones, zones: zones, rubric: r.rubric, shares: r.shares, to: path, created: output.asOf)
        }
    }

    /// Indicators 1 and 2 and each input left out, on stderr when the JSON goes to stdout.
    private func summarise(_ r: IndicatorRun.Result) {
        let ru = common.lang == .ru
        var text = ""
        if let z = r.riskZones {
            func share(_ s: ShareOfSchools) -> String {
                let p = s.percent.map { Decimals.text($0) } ?? "—"
                return ru ? "\(s.count) из \(s.of) (\(p) %), нет данных: \(s.unknown)" : "\(s.count) of \(s.of) (\(p) %), no data: \(s.unknown)"
            }
            text += (ru ? "Школы зоны риска на \(z.period): " : "Risk-zone schools for \(z.period): ") + share(z.inZone) + "\n"
            text += (ru ? "С положительной динамикой: " : "With positive dynamics: ") + share(z.improving) + "\n"
        }
        if let rubric = r.rubric, !rubric.schools.isEmpty {
            let complete = rubric.schools.filter { $0.missing == 0 }.count
            text += ru ? "Рубрика руководителя, \(rubric.period): школ \(rubric.schools.count), с полными данными \(complete)\n"
                : "Director rubric, \(rubric.period): \(rubric.schools.count) schools, \(complete) with complete data\n"
        }
        if let shares = r.shares {
            text += ru ? "Долей и количеств ОО: \(shares.results.count)\n" : "Shares and numbers of schools: \(shares.results.count)\n"
        }
        for l in r.leftOut { text += "\(l.file) — " + (ru ? "не вошёл: " : "left out: ") + l.reason(common.lang) + "\n" }
        if output.toStdout { FileHandle.standardError.write(Data(text.utf8)) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
    }
}
