import Foundation
import SvodWorkbook

/// Reads a sheet's rows on a thread of its own, a few batches ahead of the consumer.
///
/// Parsing a sheet keeps one core busy; a consumer that does real work per row (validation)
/// then runs on the other instead of after it. At most `batches` × `batchSize` rows wait in
/// memory, so a streaming read stays flat. Dropping the reader stops the thread after the row
/// it is reading. A source that already parses on a thread of its own is read directly: a
/// second hop would add handoffs, and rows built on one core and freed on another.
public final class PrefetchedRows: SheetRowReader {
    private let pipe: Pipe
    private let source: SheetRowReader
    private var current: [Row] = []
    private var position = 0
    /// Rows still to read on the caller's thread before starting the reading thread: a small
    /// form (most submissions) is over before a thread would pay for itself.
    private var warmup: Int
    private var started = false
    /// Reading the source on the caller's thread, because it parses ahead by itself.
    private var direct = false

    /// Reads `source` ahead once `warmup` rows have been read directly.
    public init(_ source: SheetRowReader, warmup: Int = 1024, batchSize: Int = 1024, batches: Int = 4) {
        self.source = source
        self.warmup = warmup
        pipe = Pipe(source, batchSize: batchSize, batches: batches)
    }

    deinit { if started { pipe.cancel() } }

    public func nextRow() throws -> Row? {
        if direct { return try source.nextRow() }
        if !started {
            if source.parsesAhead {
                direct = true
                return try source.nextRow()
            }
            if warmup > 0 {
                warmup -= 1
                if let row = try source.nextRow() { return row }
                pipe.finishWithoutThread()
                started = true
                return nil
            }
            started = true
            // The thread holds the pipe, not this reader: dropping the reader can stop it.
            let pipe = self.pipe
            let thread = Thread { pipe.produce() }
            thread.name = "svod-rows"
            thread.start()
        }
        if position < current.count {
            defer { position += 1 }
            return current[position]
        }
        guard let batch = try pipe.take() else { return nil }
        current = batch
        position = 1
        return batch[0]
    }

    /// Complete once `nextRow()` has returned nil.
    public var merges: [CellRange] { direct ? source.merges : pipe.merges }

    /// The queue between the reading thread and the consumer.
    private final class Pipe: @unchecked Sendable {
        private let source: SheetRowReader
        private let lock = NSCondition()
        private var queue: [[Row]] = []
        private var finished = false
        private var failure: Error?
        private var cancelled = false
        private let batchSize: Int
        private let batches: Int

        init(_ source: SheetRowReader, batchSize: Int, batches: Int) {
            self.source = source
            self.batchSize = batchSize
            self.batches = batches
        }

        var merges: [CellRange] {
            lock.lock()
            defer { lock.unlock() }
            return finished ? source.merges : []
        }

        /// The source ended during the warm-up: nothing to read ahead.
        func finishWithoutThread() {
            lock.lock()
            finished = true
            lock.unlock()
        }

        func cancel() {
            lock.lock()
            cancelled = true
            queue.removeAll()
            lock.broadcast()
            lock.unlock()
        }

        func take() throws -> [Row]? {
            lock.lock()
            defer { lock.unlock() }
            while queue.isEmpty && !finished && failure == nil { lock.wait() }
            if queue.isEmpty {
                if let failure { throw failure }
                return nil
            }
            let batch = queue.removeFirst()
            lock.broadcast()
            return batch
        }

        func produce() {
            var batch: [Row] = []
            batch.reserveCapacity(batchSize)
            do {
                while let row = try source.nextRow() {
                    batch.append(row)
                    if batch.count == batchSize {
                        guard hand(batch) else { return }
                        batch.removeAll(keepingCapacity: true)
                    }
                    if isCancelled { return }
                }
                if !batch.isEmpty { guard hand(batch) else { return } }
                batch.removeAll()
                lock.lock()
                finished = true
                lock.broadcast()
                lock.unlock()
            } catch {
                // The rows read before a failure are the consumer's too, and come before the error.
                if !batch.isEmpty { _ = hand(batch) }
                batch.removeAll()
                lock.lock()
                failure = error
                lock.broadcast()
                lock.unlock()
            }
        }

        private var isCancelled: Bool {
            lock.lock()
            defer { lock.unlock() }
            return cancelled
        }

        /// Queues a batch, waiting while the queue is full; false when cancelled.
        private func hand(_ batch: [Row]) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            while queue.count >= batches && !cancelled { lock.wait() }
            if cancelled { return false }
            queue.append(batch)
            lock.broadcast()
            return true
        }
    }
}
