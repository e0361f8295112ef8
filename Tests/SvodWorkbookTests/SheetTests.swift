import SvodWorkbook
import Testing

/// A reader over rows given in memory, to test what is built on the protocol.
final class MemoryWorkbook: WorkbookReader {
    let format = SpreadsheetFormat.xlsx
    let dateSystem = DateSystem.from1900
    let sheets: [SheetInfo]
    let definedNames: [DefinedName] = []
    let rows: [[Row]]
    let merges: [[CellRange]]

    init(_ sheets: [(String, [Row], [CellRange])]) {
        self.sheets = sheets.map { SheetInfo(name: $0.0) }
        rows = sheets.map(\.1)
        merges = sheets.map(\.2)
    }

    final class Rows: SheetRowReader {
        var rows: [Row]
        let merges: [CellRange]
        init(_ rows: [Row], _ merges: [CellRange]) { self.rows = rows; self.merges = merges }
        func nextRow() throws -> Row? { rows.isEmpty ? nil : rows.removeFirst() }
    }

    func rows(ofSheet index: Int) throws -> SheetRowReader { Rows(rows[index], merges[index]) }

    func readSheets(_ visit: (Int, SheetInfo, SheetRowReader) throws -> Void) throws { try readSheetsByIndex(visit) }
}

@Suite struct SheetTests {
    @Test func wholeSheetViewExpandsRepeatedRows() throws {
        let book = MemoryWorkbook([("ВПР", [
            Row(index: 0, cells: [Cell(column: 0, value: .text("Класс")), Cell(column: 2, value: .number(71), formula: "SUM(D1:G1)")]),
            Row(index: 3, repeatCount: 3, cells: [Cell(column: 1, value: .number(0))]),
        ], [CellRange("A1:B1")!])])
        let sheet = try Sheet(reading: book, index: 0)
        #expect(sheet["A1"] == .text("Класс"))
        #expect(sheet["C1"] == .number(71))
        #expect(sheet.cells[CellReference("C1")!]?.formula == "SUM(D1:G1)")
        #expect(sheet["B4"] == .number(0))
        #expect(sheet["B6"] == .number(0))
        #expect(sheet["B7"] == .empty)
        #expect(sheet.lastCell == CellReference("C6"))
        #expect(sheet.merges.map(\.a1) == ["A1:B1"])
        #expect(sheet.orderedCells.map { $0.0.a1 } == ["A1", "C1", "B4", "B5", "B6"])
        #expect(try book.sheetIndex(named: "ВПР") == 0)
    }

    @Test func wholeSheetViewRefusesTooManyCells() {
        let book = MemoryWorkbook([("Т", [Row(index: 0, repeatCount: 1000, cells: [Cell(column: 0, value: .number(1))])], [])])
        #expect { _ = try Sheet(reading: book, index: 0, maxCells: 999) } throws: { ($0 as? ReadError)?.reason == .limit }
    }
}
