import Foundation
@testable import SvodIndicators
import SvodWorkbook
import Testing

/// Row heights for wrapped text: characters over the column's width, explicit line breaks, unwrapped cells ignored.
@Suite struct FittedRowsTests {
    let wrapped: Set<StyleID> = [StyleID(index: 1)]
    let widths: [Int: Double] = [0: 12, 1: 22]

    private func row(_ cells: [(Int, String, Int?)]) -> OutputRow {
        OutputRow(index: 0, cells: cells.map { OutputCell(column: $0.0, value: .text($0.1), style: $0.2.map { StyleID(index: $0) }) })
    }

    @Test func longTextTakesAsManyLinesAsItsColumnNeeds() {
        // 10 usable characters in column 0: 25 characters are 3 lines; 20 exactly are 2.
        #expect(FittedRows.lines(row([(0, String(repeating: "ж", count: 25), 1)]), wrapped: wrapped, widths: widths) == 3)
        #expect(FittedRows.lines(row([(0, String(repeating: "ж", count: 20), 1)]), wrapped: wrapped, widths: widths) == 2)
        #expect(FittedRows.lines(row([(0, "коротко", 1)]), wrapped: wrapped, widths: widths) == 1)
    }

    @Test func lineBreaksCountAndTheTallestCellWins() {
        let r = row([(0, "а\nб\nв", 1), (1, String(repeating: "ж", count: 41), 1)])
        #expect(FittedRows.lines(r, wrapped: wrapped, widths: widths) == 3)
    }

    @Test func unwrappedCellsAndNumbersKeepOneLine() {
        #expect(FittedRows.lines(row([(0, String(repeating: "ж", count: 200), nil), (1, String(repeating: "ж", count: 200), 2)]), wrapped: wrapped, widths: widths) == 1)
        let number = OutputRow(index: 0, cells: [OutputCell(column: 0, value: .number(1234567890), style: StyleID(index: 1))])
        #expect(FittedRows.lines(number, wrapped: wrapped, widths: widths) == 1)
    }

    @Test func aRowNeverGrowsPastTheTallestTheFormatsTake() {
        #expect(FittedRows.height(row([(0, "коротко", 1)]), wrapped: wrapped, widths: widths) == nil)
        #expect(FittedRows.height(row([(0, String(repeating: "ж", count: 25), 1)]), wrapped: wrapped, widths: widths) == 45)
        // a thousand codes in one cell: 409 points, not 3 735
        #expect(FittedRows.height(row([(0, String(repeating: "b00001, ", count: 1000), 1)]), wrapped: wrapped, widths: widths) == 409)
    }
}
