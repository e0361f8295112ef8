import CLibZip
import Foundation

/// Streams one entry's inflated bytes chunk by chunk, never holding the whole entry.
///
/// With prefetch, a second thread inflates the next chunks while the caller parses the
/// current one: on two cores inflation and XML parsing then overlap instead of adding up.
/// The thread holds only the inflater and the ring of buffers, never the reader, so a reader
/// dropped without `close()` still stops its thread from `deinit`.
public final class ZipEntryReader: @unchecked Sendable {
    private let inflater: Inflater
    private var buffer: UnsafeMutableRawBufferPointer
    private var finished = false
    private var prefetcher: Prefetcher?
    private var closed = false

    init(archive: ZipArchive, file: OpaquePointer, budget: EntryBudget, chunkSize: Int, prefetch: Bool) {
        inflater = Inflater(archive: archive, file: file, budget: budget)
        let size = max(chunkSize, 4096)
        buffer = .allocate(byteCount: prefetch ? 0 : size, alignment: 16)
        if prefetch {
            let p = Prefetcher(slots: 3, chunkSize: size)
            prefetcher = p
            let work = UnsafeSendable((inflater, p))
            let thread = Thread { Inflater.produce(work.value.0, into: work.value.1) }
            thread.name = "svod-inflate"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    deinit {
        close()
        buffer.deallocate()
    }

    /// The next chunk of inflated bytes, valid until the next call; nil at the end of the entry.
    public func nextChunk() throws -> UnsafeRawBufferPointer? {
        if closed { return nil }
        if let p = prefetcher { return try p.take() }
        if finished { return nil }
        let n = try inflater.readOnce(into: buffer)
        if n == 0 { finished = true; return nil }
        return UnsafeRawBufferPointer(rebasing: buffer[0..<n])
    }

    /// Stops reading early and releases the entry; safe to call more than once.
    public func close() {
        if closed { return }
        closed = true
        prefetcher?.cancelAndWait()
        inflater.close()
    }
}

/// The libzip side of one entry: inflating under the archive's lock, counting every byte.
private final class Inflater: @unchecked Sendable {
    private let archive: ZipArchive  // keeps the zip handle alive while the entry is read
    private let file: OpaquePointer
    private var budget: EntryBudget
    private var closed = false

    init(archive: ZipArchive, file: OpaquePointer, budget: EntryBudget) {
        self.archive = archive
        self.file = file
        self.budget = budget
    }

    /// Inflates once into `dest`; 0 means the entry ended and its size and checksum held.
    func readOnce(into dest: UnsafeMutableRawBufferPointer) throws -> Int {
        archive.ioLock.lock()
        let n = zip_fread(file, dest.baseAddress, UInt64(dest.count))
        let code = n < 0 ? zip_error_code_zip(zip_file_get_error(file)) : 0
        let detail = n < 0 ? String(cString: zip_file_strerror(file)) : ""
        archive.ioLock.unlock()
        if n < 0 {
            if code == ZIP_ER_CRC || code == ZIP_ER_INCONS || code == ZIP_ER_EOF || code == ZIP_ER_ZLIB {
                throw ZipError.corruptEntry(budget.entry.name)
            }
            throw ZipError.damaged(detail)
        }
        if n == 0 {
            try budget.finish()
            return 0
        }
        try budget.add(Int(n))
        return Int(n)
    }

    /// Called once no thread reads any more.
    func close() {
        if closed { return }
        closed = true
        archive.ioLock.lock()
        zip_fclose(file)
        archive.ioLock.unlock()
    }

    /// Runs on the producer thread: fills slots until the entry ends, fails or is cancelled.
    static func produce(_ inflater: Inflater, into p: Prefetcher) {
        while let slot = p.acquireEmpty() {
            do {
                let n = try inflater.readOnce(into: slot)
                p.publish(count: n, error: nil)
                if n == 0 { break }
            } catch {
                p.publish(count: 0, error: error)
                break
            }
        }
        p.producerDone()
    }
}

/// A Sendable box for handing a value to the producer thread that owns it for a while.
private struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// A ring of fixed buffers between one producer and one consumer.
private final class Prefetcher: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [UnsafeMutableRawBufferPointer]
    private var counts: [Int]
    private var errors: [Error?]
    private var filled = 0      // slots published and not yet consumed
    private var head = 0        // next slot the consumer takes
    private var tail = 0        // next slot the producer fills
    private var holding = false // the consumer still reads the slot before `head`
    private var cancelled = false
    private var running = true
    private var ended = false

    init(slots n: Int, chunkSize: Int) {
        slots = (0..<n).map { _ in .allocate(byteCount: chunkSize, alignment: 16) }
        counts = Array(repeating: 0, count: n)
        errors = Array(repeating: nil, count: n)
    }

    deinit { slots.forEach { $0.deallocate() } }

    func acquireEmpty() -> UnsafeMutableRawBufferPointer? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && filled + (holding ? 1 : 0) >= slots.count { condition.wait() }
        return cancelled ? nil : slots[tail]
    }

    func publish(count: Int, error: Error?) {
        condition.lock()
        counts[tail] = count
        errors[tail] = error
        tail = (tail + 1) % slots.count
        filled += 1
        condition.signal()
        condition.unlock()
    }

    func producerDone() {
        condition.lock()
        running = false
        condition.broadcast()
        condition.unlock()
    }

    func take() throws -> UnsafeRawBufferPointer? {
        condition.lock()
        defer { condition.unlock() }
        if holding { holding = false; condition.signal() }
        if ended { return nil }
        while filled == 0 && running { condition.wait() }
        if filled == 0 { ended = true; return nil }
        let i = head
        head = (head + 1) % slots.count
        filled -= 1
        if let e = errors[i] { ended = true; throw e }
        if counts[i] == 0 { ended = true; return nil }
        holding = true
        return UnsafeRawBufferPointer(rebasing: slots[i][0..<counts[i]])
    }

    func cancelAndWait() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }
}
