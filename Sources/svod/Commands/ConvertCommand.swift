import ArgumentParser
import Foundation
import SvodIO
import SvodLocale
import SvodSpreadsheet
import SvodWorkbook

/// `svod convert`: rewrites a spreadsheet as XLSX, ODS, CSV or JSON.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Преобразовать таблицу в XLSX, ODS, CSV или JSON / convert a spreadsheet to XLSX, ODS, CSV or JSON.",
        discussion: """
        Входной CSV: UTF-8 или Windows-1251, разделитель угадывается; числа, даты (гггг-мм-дд, дд.мм.гггг) и \
        TRUE/FALSE получают типы, коды с ведущими нулями остаются текстом. Входной JSON — в формате inspect. \
        Формат результата — по расширению OUT или --to. Значения, типы, даты, объединения, имена, порядок и \
        видимость листов, формулы с вычисленными значениями сохраняются между XLSX и ODS. CSV — один лист \
        (--sheet, иначе первый). Файл OUT появляется только целиком: при ошибке прежний OUT не тронут. \
        Код выхода 0 — готово, 2 — входной файл не читается или результат не записать.
        """)

    @Argument(help: "Входной файл XLSX, XLSM, ODS, FODS, CSV или JSON / the input file.")
    var input: String

    @Argument(help: "Файл результата / the output file.")
    var output: String

    @Option(name: .long, help: "xlsx, ods, csv или json, если не по расширению / output format.")
    var to: ConvertFormat?

    @Option(name: .long, help: "Только этот лист / only this sheet.")
    var sheet: String?

    @Option(name: .long, help: "Разделитель CSV: , ; или tab (для входного CSV — угадывается) / CSV delimiter (guessed for CSV input).")
    var delimiter: String?

    @Flag(name: .long, help: "Десятичная запятая в CSV / decimal comma in CSV.")
    var decimalComma = false

    @Flag(name: .long, help: "CSV для русского Excel: ; , дд.мм.гггг и BOM / CSV for Russian Excel.")
    var excelRu = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard delimiter.map({ ["," , ";", "tab", "\t"].contains($0) }) ?? true else {
            throw ValidationError(common.lang == .ru ? "разделитель: , ; или tab" : "delimiter must be , ; or tab")
        }
        guard to != nil || ConvertFormat(path: output) != nil else {
            throw ValidationError(common.lang == .ru
                ? "не понять формат «\(output)»: укажите расширение .xlsx, .ods, .csv, .json или --to"
                : "cannot tell the format of '\(output)': use .xlsx, .ods, .csv, .json or --to")
        }
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
                    tell(copied)
                } catch {
                    writer.cancel()
                    throw error
                }
            case .csv, .json:
                let file = try AtomicFile(target: output)
                let out = OutputBuffer { try file.write($0) }
                try printText(reader, format: format, into: out)
                out.flush()
                if let failure = out.failure { throw failure }
                try file.commit()
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

    private func printText(_ reader: WorkbookReader, format: ConvertFormat, into out: OutputBuffer) throws {
        var style = excelRu ? CSVStyle.excelRussian : CSVStyle()
        if let delimiter { style.delimiter = delimiter == "tab" ? "\t" : delimiter.first! }
        if decimalComma { style.decimalComma = true }
        let printer: InspectPrinter = format == .csv ? CSVInspectPrinter(out: out, style: style)
            : JSONInspectPrinter(out: out, file: input)
        printer.begin(reader)
        var printed = false
        try reader.readSheets { _, info, rows in
            if let sheet, info.name != sheet { return }
            if format == .csv && (printed || info.kind != .worksheet) { return }
            printed = true
            try printer.sheet(index: 0, info: info, rows: rows)
        }
        printer.end(reader)
    }

    /// Notes on standard error about what the copy changed; nothing when it changed nothing.
    private func tell(_ r: CopyReport) {
        let ru = common.lang == .ru
        var lines: [String] = []
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
        let prefix = ru ? "svod: внимание" : "svod: warning"
        for l in lines { FileHandle.standardError.write(Data("\(prefix): \(output): \(l)\n".utf8)) }
    }
}

/// Output formats of `convert`.
enum ConvertFormat: String, ExpressibleByArgument, CaseIterable {
    case xlsx, ods, csv, json

    init?(path: String) {
        guard let ext = path.split(separator: ".").last?.lowercased(), let f = ConvertFormat(rawValue: ext) else { return nil }
        self = f
    }
}
