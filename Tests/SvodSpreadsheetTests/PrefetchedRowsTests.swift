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
        var ahead = false
        var parsesAhead: Bool { ahead }
        /// The threads `nextRow()` ran on.
        var threads = Set<ObjectIdentifier>()
    }

    /// Counting, remembering the thread of each read.
    final class Watched: SheetRowReader {
        let inner: Counting
        init(_ inner: Counting) { self.inner = inner }
        func nextRow() throws -> Row? {
            inner.threads.insert(ObjectIdentifier(Thread.current))
            return try inner.nextRow()
        }
        var merges: [CellRange] { inner.merges }
        var parsesAhead: Bool { inner.parsesAhead }
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

    @Test func aSourceParsingAheadIsReadOnTheCallersThread() throws {
        let source = Counting(5000)
        source.ahead = true
        let rows = PrefetchedRows(Watched(source), warmup: 0)
        var seen = 0
        while try rows.nextRow() != nil { seen += 1 }
        #expect(seen == 5000)
        #expect(source.threads == [ObjectIdentifier(Thread.current)])
        #expect(rows.merges == [CellRange("A1:B2")!])
        // Without the flag the same source is read on a thread of its own.
        let other = Counting(5000)
        let ahead = PrefetchedRows(Watched(other), warmup: 0)
        while try ahead.nextRow() != nil {}
        #expect(!other.threads.contains(ObjectIdentifier(Thread.current)))
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
