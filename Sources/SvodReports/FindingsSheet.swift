import Foundation
import SvodLocale
import SvodSchema
import SvodValidation
import SvodWorkbook

/// The first sheet of an annotated workbook: every finding as a row, its place a link to the
/// cell, under a frozen, filterable header.
struct FindingsSheet {
    /// The report listed.
    let report: ValidationReport
    /// The language of the headings and messages.
    let language: Language
    /// The written name of each data sheet, by the name the findings use (renames differ).
    let targets: [String: String]

    /// №, place, severity, message, actual, expected, rule, explanation.
    static let columnCount = 8

    /// Writes the sheet, begun and ended, under `name`.
    func write(named name: String, to writer: WorkbookWriter) throws {
        let ru = language == .ru
        let lastOfRule = Dictionary(report.findings.enumerated().map { ($0.element.rule, $0.offset) }, uniquingKeysWith: max)
        let orphans = ReportWording.truncatedRules(report).filter { lastOfRule[$0.rule] == nil }
        // The filter range is declared before the rows, so the row count is worked out first.
        var bodyRows = report.findings.count + report.truncated.count
        if bodyRows == 0 { bodyRows = 1 }
        // Wide enough for «Патриотизм и добровольчество!C12» on two lines and «предупреждение (пояснено)» on two.
        let widths: [Double] = [6, 22, 16, 60, 16, 16, 24, 40]
        try writer.beginSheet(SheetSetup(
            name: name,
            columns: widths.enumerated().map { ColumnSetup($0.offset, width: $0.element) },
            frozenRows: 1,
            autoFilter: CellRange(CellReference(row: 0, column: 0), CellReference(row: bodyRows, column: Self.columnCount - 1)),
            // 200 characters across: landscape, scaled to the width, the heading on every page.
            page: PageSetup(orientation: .landscape, fitToWidth: 1, repeatRows: 0...0)))

        let header = writer.style(CellStyle(bold: true, fill: .headerFill, border: true, vertical: .center, wrap: true))
        let plain = writer.style(CellStyle(border: true, vertical: .top, wrap: true))
        let link = writer.style(CellStyle(fontColor: Color(red: 0x05, green: 0x63, blue: 0xC1), border: true, vertical: .top, wrap: true))
        let muted = writer.style(CellStyle(italic: true, fontColor: Color(red: 0x59, green: 0x59, blue: 0x59), border: true, vertical: .top, wrap: true))
        var severityStyles: [String: StyleID] = [:]
        func severityStyle(_ kind: String) -> StyleID {
            if let s = severityStyles[kind] { return s }
            let fill: Color
            switch kind {
            case "error": fill = .errorFill
            case "warning": fill = .warningFill
            case "explained": fill = Color(red: 0xE7, green: 0xE6, blue: 0xE6)
            default: fill = Color(red: 0xDD, green: 0xEB, blue: 0xF7)
            }
            let s = writer.style(CellStyle(fill: fill, border: true, vertical: .top, wrap: true))
            severityStyles[kind] = s
            return s
        }

        let titles = ru ? ["№", "Место", "Серьёзность", "Сообщение", "Фактически", "Ожидалось", "Правило", "Пояснение школы"]
                        : ["No.", "Place", "Severity", "Message", "Actual", "Expected", "Rule", "School's explanation"]
        try writer.write(OutputRow(index: 0, cells: titles.enumerated().map {
            OutputCell(column: $0.offset, value: .text($0.element), style: header)
        }))

        // Values are written as what they are — numbers, да/нет, dates — each number under a
        // format that shows it to the places the engine gave it (46.1 as «46,1» in a Russian
        // Excel, not the text '46.1'); texts stay texts.
        var valueStyles: [String: StyleID] = [:]
        func value(_ s: String?, column: Int) -> OutputCell {
            guard let s else { return OutputCell(column: column, value: .empty, style: plain) }
            let (v, format) = ReportValue(s).cell(language)
            guard let format else { return OutputCell(column: column, value: v, style: plain) }
            let style = valueStyles[format] ?? writer.style(CellStyle(border: true, vertical: .top, numberFormat: format))
            valueStyles[format] = style
            return OutputCell(column: column, value: v, style: style)
        }

        var row = 1
        func more(_ count: Int, _ rule: String, severity: Severity?) throws {
            let kind = severity.map { $0 == .error ? "error" : $0 == .warning ? "warning" : "info" } ?? "info"
            try writer.write(OutputRow(index: row, cells: [
                OutputCell(column: 2, value: .text(severity.map { ReportWording.severity($0, language) } ?? ""), style: severityStyle(kind)),
                OutputCell(column: 3, value: .text(ReportWording.more(count, rule: rule, severity: severity, language)), style: muted),
                OutputCell(column: 6, value: .text(rule), style: plain),
            ]))
            row += 1
        }
        for (index, f) in report.findings.enumerated() {
            var cells = [OutputCell(column: 0, value: .number(Double(index + 1)), style: plain)]
            cells.append(placeCell(f, link: link, plain: plain))
            cells.append(OutputCell(column: 2, value: .text(ReportWording.severity(f, language)), style: severityStyle(kind(f))))
            cells.append(OutputCell(column: 3, value: .text(ReportWording.capitalized(ReportWording.message(f, language))), style: plain))
            cells.append(value(f.actual, column: 4))
            cells.append(value(f.expected, column: 5))
            cells.append(OutputCell(column: 6, value: .text(f.rule), style: plain))
            cells.append(OutputCell(column: 7, value: text(f.explanation), style: plain))
            try writer.write(OutputRow(index: row, cells: cells))
            row += 1
            if lastOfRule[f.rule] == index, let count = report.truncated[f.rule] { try more(count, f.rule, severity: f.severity) }
        }
        for o in orphans { try more(o.count, o.rule, severity: nil) }
        if report.findings.isEmpty && report.truncated.isEmpty {
            try writer.write(OutputRow(index: row, cells: [
                OutputCell(column: 3, value: .text(ru ? "Замечаний нет" : "No findings"), style: muted),
            ]))
        }
        try writer.endSheet()
    }

    /// The place as a link both Excel and LibreOffice follow: `HYPERLINK("#'ВПР'!F12", "ВПР!F12")`
    /// with the place as the cached value, so readers that do not calculate still show it.
    private func placeCell(_ f: Finding, link: StyleID, plain: StyleID) -> OutputCell {
        guard let place = f.place else { return OutputCell(column: 1, value: .empty, style: plain) }
        guard let sheet = f.sheet, let target = targets[sheet] else { return OutputCell(column: 1, value: .text(place), style: plain) }
        let address = "#'" + target.replacingOccurrences(of: "'", with: "''") + "'!" + (f.cell ?? CellReference(row: 0, column: 0)).a1
        // Excel refuses string literals over 255 characters in a formula; such a place stays plain text.
        guard address.utf16.count <= 255, place.utf16.count <= 255 else { return OutputCell(column: 1, value: .text(place), style: plain) }
        let formula = Formula("HYPERLINK(\(Self.literal(address)),\(Self.literal(place)))")
        return OutputCell(column: 1, value: .text(place), formula: formula, style: link)
    }

    /// Absent text as an empty cell that keeps its borders, not as a cell holding "".
    private func text(_ s: String?) -> CellValue { s.map { .text($0) } ?? .empty }

    private static func literal(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    private func kind(_ f: Finding) -> String {
        switch f.severity {
        case .error: return "error"
        case .warning: return f.explanation != nil ? "explained" : "warning"
        case .info: return "info"
        }
    }
}
