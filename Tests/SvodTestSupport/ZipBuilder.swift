import Foundation

/// Writes zip archives byte by byte, including the broken and hostile ones no library
/// would produce: duplicate names, `..` paths, lying sizes, truncation, bombs.
public struct ZipBuilder {
    /// One entry to write.
    public struct Entry {
        public var name: String
        public var data: [UInt8]
        /// Stored (0) or deflated (8); deflated data must already be compressed.
        public var method: UInt16
        /// What the headers claim the inflated size is; nil for the truth.
        public var declaredSize: UInt32?
        /// The CRC written; nil to compute it over `data` (stored) or leave 0.
        public var crc: UInt32?
        /// General-purpose flags (bit 0 marks zip encryption).
        public var flags: UInt16

        public init(name: String, data: [UInt8], method: UInt16 = 0, declaredSize: UInt32? = nil,
                    crc: UInt32? = nil, flags: UInt16 = 0) {
            self.name = name
            self.data = data
            self.method = method
            self.declaredSize = declaredSize
            self.crc = crc
            self.flags = flags
        }
    }

    public var entries: [Entry] = []

    public init() {}

    /// Adds a stored entry with text content.
    public mutating func add(_ name: String, _ text: String) {
        entries.append(Entry(name: name, data: Array(text.utf8)))
    }

    /// Adds any entry.
    public mutating func add(_ entry: Entry) { entries.append(entry) }

    /// The archive's bytes.
    public func build() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for e in entries {
            let offset = UInt32(out.count)
            let name = Array(e.name.utf8)
            let crc = e.crc ?? (e.method == 0 ? CRC32.checksum(e.data) : 0)
            let size = e.declaredSize ?? UInt32(e.method == 0 ? e.data.count : 0)
            // Local header.
            out += le32(0x0403_4B50) + le16(20) + le16(e.flags) + le16(e.method) + le16(0) + le16(0x21)
            out += le32(crc) + le32(UInt32(e.data.count)) + le32(size) + le16(UInt16(name.count)) + le16(0)
            out += name + e.data
            // Central directory record.
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(e.flags) + le16(e.method) + le16(0) + le16(0x21)
            central += le32(crc) + le32(UInt32(e.data.count)) + le32(size) + le16(UInt16(name.count))
            central += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let cdOffset = UInt32(out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(cdOffset) + le16(0)
        return out
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
}

/// CRC-32 (IEEE), as zip uses.
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The checksum of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

/// Raw deflate streams that inflate to long runs: the payload of a zip bomb.
public enum DeflateBomb {
    /// A fixed-Huffman deflate stream that inflates to `prefix` followed by `count` copies of
    /// the prefix's last byte (about 160:1); `prefix` must be ASCII below 0x90.
    public static func stream(prefix: [UInt8], repeating count: Int) -> [UInt8] {
        var w = BitWriter()
        w.bits(1, 1)  // BFINAL
        w.bits(1, 2)  // BTYPE = fixed Huffman
        for b in prefix { w.huffman(UInt32(0x30) + UInt32(b), 8) }  // literals 0–143: 8-bit codes
        var left = count
        while left >= 258 {
            w.huffman(0b1100_0101, 8)  // length symbol 285 = 258 bytes
            w.huffman(0, 5)            // distance code 0 = distance 1
            left -= 258
        }
        for _ in 0..<left { w.huffman(UInt32(0x30) + UInt32(prefix.last!), 8) }
        w.huffman(0, 7)  // end of block (symbol 256)
        return w.finish()
    }

    private struct BitWriter {
        var out: [UInt8] = []
        var acc: UInt32 = 0
        var n: UInt32 = 0

        mutating func bits(_ value: UInt32, _ count: UInt32) {
            acc |= value << n
            n += count
            while n >= 8 { out.append(UInt8(acc & 0xFF)); acc >>= 8; n -= 8 }
        }

        /// Huffman codes go most significant bit first.
        mutating func huffman(_ code: UInt32, _ count: UInt32) {
            var reversed: UInt32 = 0
            for i in 0..<count where code & (1 << i) != 0 { reversed |= 1 << (count - 1 - i) }
            bits(reversed, count)
        }

        mutating func finish() -> [UInt8] {
            if n > 0 { out.append(UInt8(acc & 0xFF)) }
            return out
        }
    }
}
