import Foundation
import SvodLocale
import SvodWorkbook

/// A listing for people: sheet by sheet, one cell a line, with formulas and merges.
final class TextInspectPrinter: InspectPrinter {
    private let out: OutputBuffer
    private let file: String
    private let language: Language

    init(out: OutputBuffer, file: String, language: Language) {
        self.out = out
        self.file = file
        self.language = language
    }

    private func t(_ ru: String, _ en: String) -> String { language == .ru ? ru : en }

    func begin(_ reader: WorkbookReader) {
        let system = reader.dateSystem == .from1904 ? "1904" : "1900"
        out.write("\(file): \(reader.format.rawValue.uppercased())")
        if reader.format == .xlsx { out.write(t(", даты от \(system) г.", ", \(system) date system")) }
        out.write("\n")
    }

    func sheet(index: Int, info: SheetInfo, rows: SheetRowReader) throws {
        let visibility: String
        switch info.visibility {
        case .visible: visibility = ""
        case .hidden: visibility = t(", скрытый", ", hidden")
        case .veryHidden: visibility = t(", очень скрытый", ", very hidden")
        }
        let kind = info.kind == .chart ? t(", диаграмма", ", chart") : info.kind == .other ? t(", служебный", ", other") : ""
        out.write("\n" + t("Лист", "Sheet") + " \(index + 1) «\(info.name)»\(visibility)\(kind)\n")
        var count = 0
        while let row = try rows.nextRow() {
            let rowLabel = row.repeatCount > 1 ? "\(row.index + 1)–\(row.index + row.repeatCount)" : "\(row.index + 1)"
            for cell in row.cells {
                count += row.repeatCount
                out.write("  \(CellReference.columnName(cell.column))\(rowLabel)  \(typeLabel(cell.value))  ")
                if case .text(let s) = cell.value { out.write(CellText.quoted(s)) } else { out.write(CellText.plain(cell.value)) }
                if let f = cell.formula { out.write("  = \(f)") }
                out.write("\n")
            }
        }
        if count == 0 { out.write(t("  (пусто)\n", "  (empty)\n")) }
        let merges = rows.merges
        if !merges.isEmpty {
            out.write(t("  объединённые ячейки: ", "  merged cells: ") + merges.map(\.a1).joined(separator: ", ") + "\n")
        }
    }

    /// The value's type in the reader's language ("число", "дата"…).
    private func typeLabel(_ v: CellValue) -> String {
        guard language == .ru else { return CellText.typeName(v) }
        switch v {
        case .empty: return "пусто"
        case .number: return "число"
        case .text: return "текст"
        case .bool: return "логическое"
        case .date(let d): return d.hasTime ? "дата-время" : "дата"
        case .time: return "время"
        case .duration: return "длительность"
        case .error: return "ошибка"
        }
    }

    func end(_ reader: WorkbookReader) {
        guard let names = try? reader.definedNames, !names.isEmpty else { return }
        out.write("\n" + t("Именованные диапазоны", "Defined names") + ":\n")
        for n in names { out.write("  \(n.name) = \(n.refersTo)\n") }
    }

    func fail(_ error: Error) {}
}
