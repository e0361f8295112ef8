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

/// A reference-counted pool, so the reader and each sheet parser share one copy.
final class SharedStrings {
    var pool = StringPool()
    /// A small direct-mapped cache of materialised strings: school names and subjects repeat
    /// on every row and are then shared, while one-off strings only pass through.
    private var cache = [(Int, String)](repeating: (-1, ""), count: 4096)

    deinit { pool.deallocate() }

    /// Number of strings.
    var count: Int { pool.count }

    /// The string at `index` (which must be below `count`).
    subscript(_ index: Int) -> String {
        let slot = index & 4095
        if cache[slot].0 == index { return cache[slot].1 }
        let s = pool[index]
        cache[slot] = (index, s)
        return s
    }
}
