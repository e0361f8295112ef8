import Foundation
import SvodIndicators
import SvodIO
import SvodLocale
import SvodPipeline
import SvodSchema

/// `svod report`: the department's analytical summary of a year as one printable HTML page.
struct ReportCommand: Command {
    static let spec = CommandSpec(
        name: "report",
        summary: .init(ru: "Аналитическая справка за год: главные числа и диаграммы (HTML).", en: "The year's analytical summary: key numbers and charts (HTML)."),
        discussion: .init(
            ru: "Одна страница HTML на русском, без скриптов и внешних ресурсов, для печати на A4: главные числа, диаграммы SVG "
                + "с таблицей тех же чисел под каждой — качество ВПР по предметам за три года, школы зоны риска по критериям, "
                + "распределение баллов рубрики руководителя, доли ОО, профильные классы по профилям (форма career за этот год, "
                + "а без её файлов — за ближайший следующий, подпись называет год), дополнительное образование по направленностям "
                + "и охват без повторного счёта за три года.\n"
                + "Код выхода: 0 — записано, 1 — часть файлов не вошла, 2 — неверный вызов или вход не прочитан.",
            en: "One Russian HTML page, without scripts or external resources, printable on A4: the key numbers, SVG charts each "
                + "with a table of the same numbers — ВПР quality by subject over three years, risk-zone schools by criterion, the "
                + "distribution of director rubric totals, shares of schools, profile classes by profile (the career form of the year, "
                + "or without its files of the nearest later year, named in the caption), additional education by direction and its "
                + "coverage counting each pupil once over three years.\n"
                + "Exit status: 0 written, 1 some files were left out, 2 a wrong call or an input not read."),
        arguments: [ArgumentSpec("files", .init(ru: "ФАЙЛ|ПАПКА", en: "FILE|FOLDER"), .zeroOrMore,
                                 .init(ru: "Файлы школ за несколько лет или папки с ними (без них — из хранилища).",
                                       en: "The schools' files of several years, or folders of them (without them: the store)."))],
        options: [
            .value("output", short: "o", .init(ru: "ФАЙЛ", en: "FILE"), .init(ru: "Куда записать: .html.", en: "Where to write: .html.")),
            .value("period", .init(ru: "ПЕРИОД", en: "PERIOD"), .init(ru: "Учебный год (обязателен), например 2019/2020.", en: "The academic year (required), e.g. 2019/2020.")),
            StoreLocation.option,
            SchemasCommand.option,
        ],
        run: perform)

    let call: IndicatorCall
    let output: String

    init(_ call: ParsedCall) throws {
        self.call = try IndicatorCall(call)
        guard let output = call.value("output") else { throw UsageError(ru: "укажите -o ФАЙЛ.html", en: "give -o FILE.html") }
        guard output.lowercased().hasSuffix(".html") else {
            throw UsageError(ru: "-o: «\(output)» — справка пишется в .html", en: "-o: '\(output)' — the report is written to .html")
        }
        self.output = output
    }

    func run() throws {
        let catalog = try SchemasCommand.load(call.location.directory, call.common.lang)
        let result = try call.run(catalog, output: output) { r in
            let page = AnalyticalReport(catalog: catalog, period: call.period, risk: r.riskZones, rubric: r.rubric, shares: r.shares, vpr: r.vpr,
                                        profiles: r.profiles, additionalEducation: r.additionalEducation).html()
            let file = try AtomicFile(target: output)
            try Array(page.utf8).withUnsafeBytes { try file.write($0) }
            try file.commit()
        }
        try call.finish(result)
    }
}
