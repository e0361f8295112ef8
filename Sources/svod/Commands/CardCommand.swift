import Foundation
import SvodIndicators
import SvodIO
import SvodLocale
import SvodPipeline
import SvodSchema
import SvodWorkbook

/// `svod card`: one school's card (or every school's) — risk zones, rubric, shares of schools and the programme's measures.
struct CardCommand: Command {
    static let spec = CommandSpec(
        name: "card",
        summary: .init(ru: "Карта школы: показатели, зона риска, рубрика руководителя, адресные рекомендации.",
                       en: "A school's card: indicators, risk zone, director rubric, recommendations."),
        discussion: .init(
            ru: "Страница HTML на русском, без скриптов и внешних ресурсов, для печати на A4: зона риска с долями по годам и причинами, "
                + "баллы рубрики по строкам рядом со средним по городу, доли ОО, в которых школа учтена, и меры программы, которые "
                + "к ней относятся (Schemas/indicators/recommendations.yaml). То же — книгой .xlsx или .ods (формат по расширению -o): "
                + "листы «Карта школы», «Зона риска», «Рубрика», «Доли ОО», «Рекомендации», числа — числами. --all пишет карту каждой "
                + "школы в папку -o (card-КОД.html, или .xlsx/.ods с --format).\n"
                + "Код выхода: 0 — записано, 1 — часть файлов не вошла, 2 — неверный вызов или вход не прочитан.",
            en: "A Russian HTML page, without scripts or external resources, printable on A4: the risk zone with shares by year and "
                + "the reasons, the rubric's points by line beside the city's mean, the shares of schools the school is counted in, and "
                + "the programme's measures that apply to it (Schemas/indicators/recommendations.yaml). The same as an .xlsx or .ods "
                + "workbook (the format by -o's extension): sheets «Карта школы», «Зона риска», «Рубрика», «Доли ОО», «Рекомендации», "
                + "numbers as numbers. --all writes every school's card into the folder -o (card-CODE.html, or .xlsx/.ods with --format).\n"
                + "Exit status: 0 written, 1 some files were left out, 2 a wrong call or an input not read."),
        arguments: [ArgumentSpec("files", .init(ru: "ФАЙЛ|ПАПКА", en: "FILE|FOLDER"), .zeroOrMore,
                                 .init(ru: "Файлы школ за несколько лет или папки с ними (без них — из хранилища).",
                                       en: "The schools' files of several years, or folders of them (without them: the store)."))],
        options: [
            .value("school", .init(ru: "КОД", en: "CODE"), .init(ru: "Школа (код из реестра).", en: "The school (its registry code).")),
            .flag("all", .init(ru: "Карты всех школ (в папку -o).", en: "Every school's card (into the folder -o).")),
            .value("output", short: "o", .init(ru: "ФАЙЛ|ПАПКА", en: "FILE|FOLDER"),
                   .init(ru: "Куда записать: .html, .xlsx или .ods (или папка с --all).", en: "Where to write: .html, .xlsx or .ods (or a folder with --all).")),
            .choice("format", CardFormat.self, .init(ru: "Формат карт для --all (без него — html).", en: "The cards' format for --all (html without it).")),
            .value("period", .init(ru: "ПЕРИОД", en: "PERIOD"), .init(ru: "Учебный год (обязателен), например 2019/2020.", en: "The academic year (required), e.g. 2019/2020.")),
            .value("as-of", .init(ru: "ДАТА", en: "DATE"), .init(ru: "Дата в свойствах книги .xlsx/.ods (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ).", en: "The date in an .xlsx/.ods card's properties (YYYY-MM-DD or DD.MM.YYYY).")),
            StoreLocation.option,
            SchemasCommand.option,
        ],
        run: perform)

    let call: IndicatorCall
    let school: String?
    let all: Bool
    let output: String
    let format: CardFormat
    let created: CivilDateTime

    init(_ call: ParsedCall) throws {
        self.call = try IndicatorCall(call)
        created = try TableOutput.asOf(call)
        school = call.value("school")
        all = call.flag("all")
        guard let output = call.value("output") else {
            throw UsageError(ru: "укажите -o ФАЙЛ (.html, .xlsx, .ods) или папку с --all", en: "give -o FILE (.html, .xlsx, .ods) or a folder with --all")
        }
        self.output = output
        if (school == nil) == !all {
            throw UsageError(ru: "укажите --school КОД или --all", en: "give --school CODE or --all")
        }
        let asked = call.choice("format", CardFormat.self)
        format = try all ? asked ?? .html : Self.format(of: output, asked: asked)
    }

    /// The format `-o` names by its extension; `--format` beside it must agree.
    private static func format(of output: String, asked: CardFormat?) throws -> CardFormat {
        guard let named = CardFormat(rawValue: (output as NSString).pathExtension.lowercased()) else {
            throw UsageError(ru: "-o: «\(output)» — карта пишется в .html, .xlsx или .ods", en: "-o: '\(output)' — a card is written to .html, .xlsx or .ods")
        }
        if let asked, asked != named {
            throw UsageError(ru: "--format \(asked.rawValue), а -o «\(output)» — .\(named.rawValue): укажите одно", en: "--format \(asked.rawValue), but -o '\(output)' is .\(named.rawValue): give one")
        }
        return named
    }

    func run() throws {
        let catalog = try SchemasCommand.load(call.location.directory, call.common.lang)
        if let school, catalog.organisation(code: school) == nil {
            throw UsageError(ru: "--school: в реестре нет школы «\(school)»", en: "--school: the registry has no school '\(school)'")
        }
        let result = try call.run(catalog, output: output) { try write($0, catalog: catalog) }
        try call.finish(result)
    }

    private func write(_ r: IndicatorRun.Result, catalog: SchemaCatalog) throws {
        let card = SchoolCard(catalog: catalog, period: call.period, risk: r.riskZones, rubric: r.rubric, shares: r.shares)
        let targets: [(String, String)]
        if all {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            targets = card.schools.map { ($0, (output as NSString).appendingPathComponent("card-\($0).\(format.rawValue)")) }
        } else {
            targets = [(school!, output)]
        }
        for (code, path) in targets {
            switch format {
            case .xlsx: try card.write(code, to: path, format: .xlsx, created: created)
            case .ods: try card.write(code, to: path, format: .ods, created: created)
            case .html:
                let file = try AtomicFile(target: path)
                try Array(card.html(code).utf8).withUnsafeBytes { try file.write($0) }
                try file.commit()
            }
            FileHandle.standardOutput.write(Data("\(path)\n".utf8))
        }
    }
}

/// What `svod card` writes.
enum CardFormat: String, CaseIterable {
    case html, xlsx, ods
}
