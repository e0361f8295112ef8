import Foundation
import SvodLocale
import SvodSpreadsheet
import SvodWorkbook

/// `svod inspect`: prints what svod reads from a spreadsheet.
struct InspectCommand: Command {
    static let spec = CommandSpec(
        name: "inspect",
        summary: .init(ru: "Показать содержимое таблицы так, как его читает svod.",
                       en: "Print what svod reads from a spreadsheet."),
        discussion: .init(
            ru: "Формат json совпадает с форматом ожидаемых результатов корпуса (file, sheets, disputed, error). "
                + "Код выхода: 0 — файл прочитан, 2 — файл не читается или отвергнут (причина — в stderr одной строкой), "
                + "или вызов неверен.",
            en: "The json format is the shape of the corpus's expected results (file, sheets, disputed, error). "
                + "Exit status: 0 when the file was read, 2 when it was refused or could not be read (the reason on "
                + "standard error, one line), or for a wrong call."),
        arguments: [ArgumentSpec("file", .init(ru: "ФАЙЛ", en: "FILE"), .one,
                                 .init(ru: "Файл XLSX, XLSM, ODS или FODS.", en: "The XLSX, XLSM, ODS or FODS file."))],
        options: [
            .value("sheet", .init(ru: "ИМЯ", en: "NAME"), .init(ru: "Только лист с этим именем.", en: "Only the sheet with this name.")),
            .choice("format", InspectFormat.self, default: .text,
                    .init(ru: "text — для людей, json — в формате корпуса, csv — один лист, summary — только счётчики.",
                          en: "text for people, json in the corpus shape, csv for one sheet, summary for counts only.")),
        ],
        run: perform)

    let file: String
    let sheet: String?
    let format: InspectFormat
    let common: CommonOptions

    init(_ call: ParsedCall) {
        file = call.argument("file")!
        sheet = call.value("sheet")
        format = call.choice("format", InspectFormat.self)!
        common = CommonOptions(call)
    }

    func run() throws {
        let out = OutputBuffer()
        let printer: InspectPrinter
        switch format {
        case .json: printer = JSONInspectPrinter(out: out, file: file, language: common.lang)
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
enum InspectFormat: String, CaseIterable {
    case text, json, csv, summary
}

/// One output format of `inspect`, fed sheet by sheet as the reader streams.
protocol InspectPrinter {
    func begin(_ reader: WorkbookReader)
    func sheet(index: Int, info: SheetInfo, rows: SheetRowReader) throws
    func end(_ reader: WorkbookReader)
    func fail(_ error: Error)
}
