import ArgumentParser
import Foundation
import SvodLocale
import SvodSpreadsheet
import SvodWorkbook

/// `svod inspect`: prints what svod reads from a spreadsheet.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Показать содержимое таблицы так, как его читает svod / print what svod reads from a spreadsheet.",
        discussion: """
        Формат json совпадает с форматом ожидаемых результатов корпуса (file, error, sheets, disputed). \
        Код выхода 0 — файл прочитан, 2 — файл не читается или отвергнут (сообщение в stderr).
        """)

    @Argument(help: "Файл XLSX, XLSM, ODS или FODS / the spreadsheet file.")
    var file: String

    @Option(name: .long, help: "Только лист с этим именем / only the sheet with this name.")
    var sheet: String?

    @Option(name: .long, help: "text, json, csv (один лист) или summary (только счётчики) / output format.")
    var format: InspectFormat = .text

    @OptionGroup var common: CommonOptions

    func run() throws {
        let out = OutputBuffer()
        let printer: InspectPrinter
        switch format {
        case .json: printer = JSONInspectPrinter(out: out, file: file)
        case .text: printer = TextInspectPrinter(out: out, file: file, language: common.lang)
        case .csv: printer = CSVInspectPrinter(out: out)
        case .summary: printer = SummaryInspectPrinter(out: out, file: file, language: common.lang)
        }
        do {
            let reader = try Spreadsheet.open(path: file)
            printer.begin(reader)
            var found = false
            var printedOne = false
            try reader.readSheets { index, info, rows in
                if let wanted = sheet, info.name != wanted { return }
                if format == .csv && (printedOne || info.kind != .worksheet) { return }
                found = true
                printedOne = true
                try printer.sheet(index: index, info: info, rows: rows)
            }
            if let wanted = sheet, !found {
                throw ReadError(.missingPart, .init(ru: "в файле нет листа «\(wanted)»", en: "the file has no sheet '\(wanted)'"))
            }
            printer.end(reader)
            out.flush()
        } catch {
            printer.fail(error)
            out.flush()
            report(error, file: file, language: common.lang)
            throw ExitCode(2)
        }
    }
}

/// Output formats of `inspect`.
enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, summary
}

/// One output format of `inspect`, fed sheet by sheet as the reader streams.
protocol InspectPrinter {
    func begin(_ reader: WorkbookReader)
    func sheet(index: Int, info: SheetInfo, rows: SheetRowReader) throws
    func end(_ reader: WorkbookReader)
    func fail(_ error: Error)
}
