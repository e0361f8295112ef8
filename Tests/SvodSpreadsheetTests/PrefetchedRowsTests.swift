import Foundation
import SvodSpreadsheet
import SvodWorkbook
import Testing

/// Rows read ahead on another thread come out the same, in order, errors and all.
@Suite struct PrefetchedRowsTests {
    final class Counting: SheetRowReader {
        var next = 0
        let total: Int
        let failAt: Int?
        init(_ total: Int, failAt: Int? = nil) { self.total = total; self.failAt = failAt }
        func nextRow() throws -> Row? {
            if let failAt, next == failAt { throw ReadError(.malformed, .init(ru: "сбой", en: "broken")) }
            guard next < total else { return nil }
            defer { next += 1 }
            return Row(index: next, cells: [Cell(column: 0, value: .number(Double(next)))])
        }
        var merges: [CellRange] { [CellRange("A1:B2")!] }
    }

    @Test(arguments: [0, 1, 255, 256, 257, 1023, 1024, 1025, 10_000], [0, 1024])
    func everyRowInOrder(_ n: Int, warmup: Int) throws {
        let rows = PrefetchedRows(Counting(n), warmup: warmup)
        var seen = 0
        while let row = try rows.nextRow() {
            #expect(row.index == seen && row.cells.first?.value == .number(Double(seen)))
            seen += 1
        }
        #expect(seen == n)
        #expect(rows.merges == [CellRange("A1:B2")!])
    }

    @Test func anErrorArrivesAfterTheRowsBeforeIt() throws {
        let rows = PrefetchedRows(Counting(1000, failAt: 700), warmup: 100)
        var seen = 0
        #expect(throws: ReadError.self) { while try rows.nextRow() != nil { seen += 1 } }
        #expect(seen == 700)
    }

    @Test func droppingTheReaderEarlyStopsItsThread() throws {
        for _ in 0..<50 {
            let rows = PrefetchedRows(Counting(1_000_000), warmup: 0, batchSize: 16, batches: 2)
            _ = try rows.nextRow()
        }
        // Nothing to assert beyond not hanging: the threads stop at a full queue once cancelled.
    }
}
