import SvodWorkbook

/// One sheet as RFC 4180 CSV: a line per row from the first, blank lines for empty rows.
final class CSVInspectPrinter: InspectPrinter {
    private let out: OutputBuffer

    init(out: OutputBuffer) { self.out = out }

    func begin(_ reader: WorkbookReader) {}

    func sheet(index: Int, info: SheetInfo, rows: SheetRowReader) throws {
        var nextRow = 0
        while let row = try rows.nextRow() {
            if row.index > nextRow { out.write(String(repeating: "\r\n", count: row.index - nextRow)) }
            var line = ""
            var col = 0
            for cell in row.cells {
                if cell.column > col { line += String(repeating: ",", count: cell.column - col) }
                line += Self.field(CellText.plain(cell.value))
                col = cell.column
            }
            for _ in 0..<row.repeatCount { out.write(line + "\r\n") }
            nextRow = row.index + row.repeatCount
        }
    }

    func end(_ reader: WorkbookReader) {}

    func fail(_ error: Error) {}

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
