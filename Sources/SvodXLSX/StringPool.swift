import Foundation
import SvodIO

/// The shared-string table stored as packed UTF-8 in fixed blocks, not as Swift strings.
///
/// As `[String]`, per-string headers and allocator rounding add a third to the text; blocks
/// never reallocate, so growth never copies. Past `memoryBudget`, full blocks move to an
/// anonymous temporary file and come back through a small block cache when asked for:
/// a sheet whose every row has its own text would otherwise make memory grow with rows.
/// Writers number strings in order of first use, so reads walk the file forwards.
struct StringPool {
    private static let blockSize = 1 << 20
    /// Text kept in memory before blocks spill to the temporary file.
    private let memoryBudget: Int
    /// Resident blocks; nil once spilled.
    private var blocks: [UnsafeMutableBufferPointer<UInt8>?] = []
    /// Where each spilled block starts in the file, and how many bytes it holds.
    private var spilled: [Int: (offset: Int, count: Int)] = [:]
    private var spillFile: TemporaryFile?
    private var spillEnd = 0
    private var resident = 0
    private var used = 0
    /// (block, start, length) per string.
    private var entries: [(UInt32, UInt32, UInt32)] = []
    /// Recently read spilled blocks, most recent last.
    private var cache: [(block: Int, bytes: UnsafeMutableBufferPointer<UInt8>)] = []

    init(memoryBudget: Int = 8 << 20) { self.memoryBudget = memoryBudget }

    /// Number of strings.
    var count: Int { entries.count }

    mutating func reserve(_ n: Int) { entries.reserveCapacity(min(n, 1 << 24)) }

    /// Appends a string given as UTF-8 bytes.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        let n = bytes.count
        if blocks.isEmpty || used + n > blocks[blocks.count - 1]!.count {
            if resident >= memoryBudget, !blocks.isEmpty { try spill(blocks.count - 1) }
            let block = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(Self.blockSize, n))
            blocks.append(block)
            resident += block.count
            used = 0
        }
        let block = blocks[blocks.count - 1]!
        if n > 0 { _ = UnsafeMutableBufferPointer(rebasing: block[used..<(used + n)]).initialize(from: bytes) }
        entries.append((UInt32(blocks.count - 1), UInt32(used), UInt32(n)))
        used += n
    }

    /// Writes a full block to the temporary file and frees it.
    private mutating func spill(_ index: Int) throws {
        guard let block = blocks[index] else { return }
        if spillFile == nil { spillFile = try TemporaryFile() }
        let count = index == blocks.count - 1 ? used : block.count
        try spillFile!.write(UnsafeBufferPointer(rebasing: block[0..<count]), at: spillEnd)
        spilled[index] = (spillEnd, count)
        spillEnd += count
        block.deallocate()
        blocks[index] = nil
        resident -= block.count
    }

    /// The string at `index`.
    mutating func string(at index: Int) throws -> String {
        let (b, start, n) = entries[index]
        let block = try bytes(ofBlock: Int(b))
        return String(decoding: UnsafeBufferPointer(rebasing: block[Int(start)..<Int(start + n)]), as: UTF8.self)
    }

    private mutating func bytes(ofBlock index: Int) throws -> UnsafeMutableBufferPointer<UInt8> {
        if let block = blocks[index] { return block }
        if let hit = cache.firstIndex(where: { $0.block == index }) { return cache[hit].bytes }
        let (offset, count) = spilled[index]!
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(count, 1))
        do {
            try spillFile!.read(into: UnsafeMutableBufferPointer(rebasing: buffer[0..<count]), at: offset)
        } catch {
            buffer.deallocate()
            throw error
        }
        if cache.count == 4 { cache.removeFirst().bytes.deallocate() }
        cache.append((index, buffer))
        return buffer
    }

    /// Frees the blocks and closes the file; the pool is a value owned by one table, which
    /// calls this once.
    mutating func deallocate() {
        blocks.forEach { $0?.deallocate() }
        cache.forEach { $0.bytes.deallocate() }
        blocks = []
        cache = []
        entries = []
        spillFile = nil
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
    /// Readers blocked in a wait: two sheets may read at once, so a count, not a flag.
    private var waiting = 0
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

    /// Loader side: publishes strings given as one buffer and the end offset of each; false
    /// once readers no longer want the table. One lock per batch keeps the loader from
    /// contending with the sheet reader on every string.
    func append(batch bytes: [UInt8], ends: [Int]) throws -> Bool {
        condition.lock()
        defer { condition.unlock() }
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            for end in ends {
                try pool.append(UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        available = pool.count
        if waiting > 0 { condition.broadcast() }
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

    /// Reader side: waits for the loader to end and returns its error, if it failed: a table
    /// that turns out damaged after the last string a sheet used still fails that sheet.
    func completionError() -> Error? {
        condition.lock()
        defer { condition.unlock() }
        waiting += 1
        while !finished { condition.wait() }
        waiting -= 1
        return failure is CancellationError ? nil : failure
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
        waiting += 1
        while index >= available && !finished { condition.wait() }
        waiting -= 1
        if index < available { return try pool.string(at: index) }
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
    // Keys apart from values: checking a slot then touches no reference count.
    private var keys = [Int](repeating: -1, count: 4096)
    private var values = [String](repeating: "", count: 4096)

    mutating func string(at index: Int, in table: SharedStrings) throws -> String? {
        let slot = index & 4095
        if keys[slot] == index { return values[slot] }
        guard let s = try table.string(at: index) else { return nil }
        keys[slot] = index
        values[slot] = s
        return s
    }
}
