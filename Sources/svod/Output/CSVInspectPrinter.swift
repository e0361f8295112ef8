import Foundation
import SvodWorkbook

/// How a CSV file is spelled: RFC 4180 by default; `;`, decimal comma, dd.mm.yyyy dates and a
/// byte-order mark for Russian Excel, which otherwise opens UTF-8 as cp1251 and splits on `;`.
struct CSVStyle {
    var delimiter: Character = ","
    var decimalComma = false
    var russianDates = false
    var byteOrderMark = false

    /// What Russian Excel opens with a double click.
    static let excelRussian = CSVStyle(delimiter: ";", decimalComma: true, russianDates: true, byteOrderMark: true)
}

/// One sheet as CSV: a line per row from the first, blank lines for empty rows.
final class CSVInspectPrinter: InspectPrinter {
    private let out: OutputBuffer
    private let style: CSVStyle

    init(out: OutputBuffer, style: CSVStyle = CSVStyle()) {
        self.out = out
        self.style = style
    }

    func begin(_ reader: WorkbookReader) {
        if style.byteOrderMark { out.write("\u{FEFF}") }
    }

    func sheet(index: Int, info: SheetInfo, rows: SheetRowReader) throws {
        var nextRow = 0
        let separator = String(style.delimiter)
        while let row = try rows.nextRow() {
            if row.index > nextRow { out.write(String(repeating: "\r\n", count: row.index - nextRow)) }
            var line = ""
            var col = 0
            for cell in row.cells {
                if cell.column > col { line += String(repeating: separator, count: cell.column - col) }
                line += field(text(cell.value))
                col = cell.column
            }
            for _ in 0..<row.repeatCount { out.write(line + "\r\n") }
            nextRow = row.index + row.repeatCount
        }
    }

    func end(_ reader: WorkbookReader) {}

    func fail(_ error: Error) {}

    private func text(_ v: CellValue) -> String {
        switch v {
        case .number(let d) where style.decimalComma:
            return CellText.number(d).replacingOccurrences(of: ".", with: ",")
        case .date(let d) where style.russianDates:
            let (y, m, day) = d.date
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            let date = "\(two(day)).\(two(m)).\(y)"
            return d.hasTime ? date + " " + CivilDateTime.clock(d.seconds) : date
        default:
            return CellText.plain(v)
        }
    }

    private func field(_ s: String) -> String {
        guard s.contains(where: { $0 == style.delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
