import Foundation

/// The shared-string table stored as packed UTF-8 in fixed blocks, not as Swift strings.
///
/// A workbook with 200,000 distinct strings holds about 36 MB of text; as `[String]` the
/// per-string headers and allocator rounding add a third on top. Blocks never reallocate,
/// so growing the pool never copies it either. Strings are materialised when a cell asks.
struct StringPool {
    private static let blockSize = 1 << 20
    private var blocks: [UnsafeMutableBufferPointer<UInt8>] = []
    private var used = 0
    /// (block, start, length) per string.
    private var entries: [(UInt32, UInt32, UInt32)] = []
    /// Strings of 15 UTF-8 bytes or fewer are stored inline in a Swift String; keep those as is.
    private var small: [Int: String] = [:]

    /// Number of strings.
    var count: Int { entries.count }

    mutating func reserve(_ n: Int) { entries.reserveCapacity(min(n, 1 << 24)) }

    /// Appends a string given as UTF-8 bytes.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        if blocks.isEmpty || used + n > blocks[blocks.count - 1].count {
            blocks.append(.allocate(capacity: max(Self.blockSize, n)))
            used = 0
        }
        let block = blocks[blocks.count - 1]
        if n > 0 { _ = UnsafeMutableBufferPointer(rebasing: block[used..<(used + n)]).initialize(from: bytes) }
        entries.append((UInt32(blocks.count - 1), UInt32(used), UInt32(n)))
        used += n
    }

    /// The string at `index`.
    subscript(_ index: Int) -> String {
        let (b, start, n) = entries[index]
        return String(decoding: UnsafeBufferPointer(rebasing: blocks[Int(b)][Int(start)..<Int(start + n)]), as: UTF8.self)
    }

    /// Frees the blocks; the pool is a value owned by one reader, which calls this once.
    mutating func deallocate() {
        blocks.forEach { $0.deallocate() }
        blocks = []
        entries = []
    }
}

/// The workbook's shared strings, possibly still loading on another thread.
///
/// The table is parsed on a second thread while the first sheet is parsed on the caller's:
/// writers number strings in order of first use, so a sheet almost never asks for a string
/// the loader has not reached yet, and when it does, the lookup waits for it.
final class SharedStrings: @unchecked Sendable {
    private var pool = StringPool()
    private let condition = NSCondition()
    private var available = 0
    private var finished = false
    private var waiting = false
    private var failure: Error?
    private var cancelled = false

    /// A table that is complete from the start (empty, or filled before anyone reads it).
    static func complete() -> SharedStrings {
        let s = SharedStrings()
        s.finished = true
        return s
    }

    deinit { pool.deallocate() }

    /// Loader side: reserves room for the declared number of strings.
    func reserve(_ n: Int) {
        condition.lock()
        pool.reserve(n)
        condition.unlock()
    }

    /// Loader side: publishes one more string; false once readers no longer want the table.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        pool.append(bytes)
        available = pool.count
        if waiting { condition.broadcast() }
        return !cancelled
    }

    /// Loader side: the table is complete, or failed.
    func finish(_ error: Error?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Reader side: stop the loader early (the workbook was closed).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.unlock()
    }

    /// The string at `index`, waiting for the loader if it has not got there yet; nil when
    /// the table has no such string. Throws the loader's error.
    func string(at index: Int) throws -> String? {
        condition.lock()
        defer { condition.unlock() }
        while index >= available && !finished {
            waiting = true
            condition.wait()
        }
        waiting = false
        if index < available { return pool[index] }
        if let failure { throw failure }
        return nil
    }
}

/// What readers of the table hold: when the last one lets go, the loader is told to stop.
final class SharedStringsHandle: @unchecked Sendable {
    let table: SharedStrings
    init(_ table: SharedStrings) { self.table = table }
    deinit { table.cancel() }
}

/// A small direct-mapped cache in front of the shared strings: school names and subjects
/// repeat on every row and are then shared, while one-off strings only pass through.
struct SharedStringCache {
    private var slots = [(Int, String)](repeating: (-1, ""), count: 4096)

    mutating func string(at index: Int, in table: SharedStrings) throws -> String? {
        let slot = index & 4095
        if slots[slot].0 == index { return slots[slot].1 }
        guard let s = try table.string(at: index) else { return nil }
        slots[slot] = (index, s)
        return s
    }
}
