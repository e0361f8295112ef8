import SvodLocale
import SvodWorkbook

/// Counts instead of cells: rows, non-empty cells, used range and merges of each sheet.
/// Reads every cell all the same, so it also times a full read without output cost.
final class SummaryInspectPrinter: InspectPrinter {
    private let out: OutputBuffer
    private let file: String
    private let language: Language

    init(out: OutputBuffer, file: String, language: Language) {
        self.out = out
        self.file = file
        self.language = language
    }

    func begin(_ reader: WorkbookReader) {
        out.write("\(file): \(reader.format.rawValue.uppercased())\n")
    }

    func sheet(index: Int, info: SheetInfo, rows: SheetRowReader) throws {
        var rowCount = 0, cellCount = 0, lastRow = -1, lastColumn = -1
        while let row = try rows.nextRow() {
            rowCount += row.repeatCount
            cellCount += row.cells.count * row.repeatCount
            lastRow = row.index + row.repeatCount - 1
            if let c = row.cells.last?.column { lastColumn = max(lastColumn, c) }
        }
        let used = lastRow >= 0 ? "A1:" + CellReference(row: lastRow, column: lastColumn).a1 : "—"
        let merges = rows.merges.count
        if language == .ru {
            out.write("«\(info.name)»: строк \(rowCount), непустых ячеек \(cellCount), диапазон \(used), объединений \(merges)\n")
        } else {
            out.write("'\(info.name)': \(rowCount) rows, \(cellCount) non-empty cells, range \(used), \(merges) merges\n")
        }
    }

    func end(_ reader: WorkbookReader) {}

    func fail(_ error: Error) {}
}
