import Foundation
import SvodIO
import SvodLocale
import SvodSpreadsheet
import SvodWorkbook

/// `svod convert`: rewrites a spreadsheet as XLSX, ODS, CSV or JSON.
struct ConvertCommand: Command {
    static let spec = CommandSpec(
        name: "convert",
        summary: .init(ru: "Преобразовать таблицу в XLSX, ODS, CSV или JSON.", en: "Convert a spreadsheet to XLSX, ODS, CSV or JSON."),
        discussion: .init(
            ru: "Входной CSV: UTF-8 или Windows-1251, разделитель угадывается; числа, даты (гггг-мм-дд, дд.мм.гггг) и "
                + "TRUE/FALSE получают типы, коды с ведущими нулями остаются текстом. Входной JSON — в формате inspect. "
                + "Формат результата — по расширению OUT или --to. Между XLSX и ODS сохраняются значения, типы, даты, "
                + "формулы с вычисленными значениями, объединения, имена, порядок и видимость листов, а также оформление: "
                + "форматы чисел, шрифты, заливки, рамки, выравнивание, ширины и высоты, закрепление, защита и открытые "
                + "ячейки, проверки данных, условное форматирование, примечания, параметры печати, цвета ярлыков, свойства "
                + "документа; чего перенести нельзя, svod называет в stderr. CSV — один лист "
                + "(--sheet, иначе первый). Файл OUT появляется только целиком: при ошибке прежний OUT не тронут.\n"
                + "Код выхода: 0 — готово, 2 — входной файл не читается, результат не записать или вызов неверен.",
            en: "CSV input: UTF-8 or Windows-1251, the delimiter guessed; numbers, dates (yyyy-mm-dd, dd.mm.yyyy) and "
                + "TRUE/FALSE get their types, codes with leading zeros stay text. JSON input is in the inspect shape. "
                + "The output format is OUT's extension or --to. Between XLSX and ODS, values, types, dates, formulas with "
                + "their cached values, merges, sheet names, order and visibility carry over, and so does the look: number "
                + "formats, fonts, fills, borders, alignment, widths and heights, frozen panes, protection and open cells, "
                + "data validations, conditional formats, comments, page setup, tab colours, document properties; what "
                + "cannot go across is named on stderr. CSV is one sheet "
                + "(--sheet, else the first). OUT appears only whole: on an error the previous OUT is untouched.\n"
                + "Exit status: 0 when done, 2 when the input cannot be read, the output cannot be written, or for a wrong call."),
        arguments: [
            ArgumentSpec("input", .init(ru: "ВХОД", en: "IN"), .one,
                         .init(ru: "Входной файл XLSX, XLSM, ODS, FODS, CSV или JSON.", en: "The input file: XLSX, XLSM, ODS, FODS, CSV or JSON.")),
            ArgumentSpec("output", .init(ru: "OUT", en: "OUT"), .one, .init(ru: "Файл результата.", en: "The output file.")),
        ],
        options: [
            .choice("to", ConvertFormat.self, .init(ru: "Формат результата, если не по расширению OUT.", en: "Output format, if not OUT's extension.")),
            .value("sheet", .init(ru: "ИМЯ", en: "NAME"), .init(ru: "Только этот лист.", en: "Only this sheet.")),
            .value("delimiter", .init(ru: ",|;|tab", en: ",|;|tab"),
                   .init(ru: "Разделитель CSV (для входного CSV — угадывается).", en: "CSV delimiter (guessed for CSV input).")),
            .flag("decimal-comma", .init(ru: "Десятичная запятая в CSV.", en: "Decimal comma in CSV.")),
            .flag("excel-ru", .init(ru: "CSV для русского Excel: «;», десятичная запятая, дд.мм.гггг и BOM.",
                                    en: "CSV for Russian Excel: ';', decimal comma, dd.mm.yyyy and a BOM.")),
        ],
        run: perform)

    let input: String
    let output: String
    let to: ConvertFormat?
    let sheet: String?
    let delimiter: String?
    let decimalComma: Bool
    let excelRu: Bool
    let common: CommonOptions

    init(_ call: ParsedCall) {
        input = call.argument("input")!
        output = call.argument("output")!
        to = call.choice("to", ConvertFormat.self)
        sheet = call.value("sheet")
        delimiter = call.value("delimiter")
        decimalComma = call.flag("decimal-comma")
        excelRu = call.flag("excel-ru")
        common = CommonOptions(call)
    }

    func validate() throws {
        if let delimiter, ![",", ";", "tab", "\t"].contains(delimiter) {
            throw UsageError.badChoice("--delimiter", delimiter, [",", ";", "tab"])
        }
        guard to != nil || ConvertFormat(path: output) != nil else {
            throw UsageError(ru: "по имени «\(output)» не определить формат результата: укажите расширение .xlsx, .ods, .csv или .json либо --to",
                             en: "cannot tell the output format from the name '\(output)': use the extension .xlsx, .ods, .csv or .json, or --to")
        }
        try PathCheck.outputFile(output, option: nil)
    }

    func run() throws {
        let format = to ?? ConvertFormat(path: output)!
        do {
            let reader = try openInput()
            if let sheet, try reader.sheetIndex(named: sheet) == nil {
                throw ReadError(.missingPart, .init(ru: "в файле нет листа «\(sheet)»", en: "the file has no sheet '\(sheet)'"))
            }
            switch format {
            case .xlsx, .ods:
                let options = WriteOptions(illegalCharacters: .replace)
                let writer = try SpreadsheetOutput.create(path: output, format: format == .xlsx ? .xlsx : .ods, options: options)
                do {
                    let copied = try WorkbookCopy.copy(from: reader, to: writer, sheet: sheet)
                    try writer.finish()
                    tell(copied, formatted: reader is WorkbookFormatting || reader.format == .csv || reader.format == .json)
                } catch {
                    writer.cancel()
                    throw error
                }
            case .csv, .json:
                let file = try AtomicFile(target: output)
                let out = OutputBuffer { try file.write($0) }
                let written = try printText(reader, format: format, into: out)
                out.flush()
                if let failure = out.failure { throw failure }
                try file.commit()
                if format == .csv, sheet == nil, let written { try tellSheetsLeftOut(reader, written: written) }
            }
        } catch {
            report(error, file: input, language: common.lang)
            throw ExitCode(2)
        }
    }

    /// Spreadsheets are recognised by their bytes; CSV and JSON, being plain text, by their extension.
    private func openInput() throws -> WorkbookReader {
        switch URL(fileURLWithPath: input).pathExtension.lowercased() {
        case "csv", "tsv", "txt":
            let given: Character? = delimiter.map { $0 == "tab" ? "\t" : $0.first! } ?? (excelRu ? ";" : nil)
            return try CSVReader(path: input, delimiter: given, decimalComma: decimalComma || excelRu)
        case "json":
            return try JSONWorkbookReader(path: input)
        default:
            return try Spreadsheet.open(path: input)
        }
    }

    /// Writes CSV or JSON; returns the name of the sheet a CSV holds.
    private func printText(_ reader: WorkbookReader, format: ConvertFormat, into out: OutputBuffer) throws -> String? {
        var style = excelRu ? CSVStyle.excelRussian : CSVStyle()
        if let delimiter { style.delimiter = delimiter == "tab" ? "\t" : delimiter.first! }
        if decimalComma { style.decimalComma = true }
        let printer: InspectPrinter = format == .csv ? CSVInspectPrinter(out: out, style: style)
            : JSONInspectPrinter(out: out, file: input, language: common.lang)
        printer.begin(reader)
        var printed: String?
        try reader.readSheets { _, info, rows in
            if let sheet, info.name != sheet { return }
            if format == .csv && (printed != nil || info.kind != .worksheet) { return }
            printed = info.name
            try printer.sheet(index: 0, info: info, rows: rows)
        }
        printer.end(reader)
        return printed
    }

    /// A CSV holds one sheet: which one was written, and which were not, when the input has more.
    private func tellSheetsLeftOut(_ reader: WorkbookReader, written: String) throws {
        let others = try reader.sheets.filter { $0.kind == .worksheet && $0.name != written }.map(\.name)
        guard !others.isEmpty else { return }
        let ru = others.map { "«\($0)»" }.joined(separator: ", ")
        let en = others.map { "'\($0)'" }.joined(separator: ", ")
        let notWritten = others.count == 1 ? "не записан" : "не записаны"
        warn(.init(ru: "\(output): CSV хранит один лист: записан «\(written)», \(notWritten) \(ru); чтобы записать другой, укажите --sheet ИМЯ",
                   en: "\(output): CSV holds one sheet: '\(written)' was written, not \(en); for another, give --sheet NAME"),
             common.lang)
    }

    /// Notes on standard error about what the copy changed or left behind; nothing when it changed nothing.
    private func tell(_ r: CopyReport, formatted: Bool) {
        let ru = common.lang == .ru
        var lines: [String] = []
        if !formatted {
            lines.append(ru ? "оформление (форматы чисел, шрифты, заливки, рамки, ширины, высоты, закрепление, защита) из этого формата не переносится — только значения"
                         : "the look (number formats, fonts, fills, borders, widths, heights, panes, protection) is not carried from this format: values only")
        }
        var bySheet: [(String, [LocalizedText])] = []
        for (sheet, what) in r.dropped {
            if let i = bySheet.firstIndex(where: { $0.0 == sheet }) { bySheet[i].1.append(what) } else { bySheet.append((sheet, [what])) }
        }
        for (sheet, items) in bySheet {
            lines.append(ru ? "лист «\(sheet)»: не перенесено: " + items.map(\.ru).joined(separator: ", ")
                         : "sheet '\(sheet)': not carried over: " + items.map(\.en).joined(separator: ", "))
        }
        for (from, to) in r.renamedSheets {
            lines.append(ru ? "лист «\(from)» переименован в «\(to)» (правила имён Excel)" : "sheet '\(from)' renamed '\(to)' (Excel's naming rules)")
        }
        for s in r.skippedSheets { lines.append(ru ? "лист диаграммы «\(s)» пропущен" : "chart sheet '\(s)' skipped") }
        if !r.untranslatedFormulas.isEmpty {
            let cells = r.untranslatedFormulas.prefix(5).map { "\($0.sheet)!\($0.cell.a1)" }.joined(separator: ", ")
            lines.append(ru ? "формулы без перевода (оставлены значения): \(r.untranslatedFormulas.count): \(cells)"
                         : "formulas not translated (values kept): \(r.untranslatedFormulas.count): \(cells)")
        }
        for n in r.droppedNames { lines.append(ru ? "имя «\(n)» не перенесено" : "name '\(n)' not carried over") }
        if r.replacedCharacters > 0 {
            lines.append(ru ? "управляющих символов заменено на U+FFFD: \(r.replacedCharacters)"
                         : "control characters replaced by U+FFFD: \(r.replacedCharacters)")
        }
        let prefix = ru ? "svod: предупреждение" : "svod: warning"
        for l in lines { FileHandle.standardError.write(Data("\(prefix): \(output): \(l)\n".utf8)) }
    }
}

/// Output formats of `convert`.
enum ConvertFormat: String, CaseIterable {
    case xlsx, ods, csv, json

    init?(path: String) {
        guard let f = ConvertFormat(rawValue: (path as NSString).pathExtension.lowercased()) else { return nil }
        self = f
    }
}
