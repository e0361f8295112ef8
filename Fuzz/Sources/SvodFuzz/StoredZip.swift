/// A minimal writer of stored (uncompressed) zip archives, so that fuzzed XML reaches the
/// XML parsers byte for byte instead of hiding behind deflate. Adapted from
/// Tests/SvodTestSupport/ZipBuilder.swift (stored entries only, correct CRCs and sizes).
struct StoredZip {
    private var out: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    mutating func add(_ name: String, _ data: [UInt8]) {
        let offset = UInt32(truncatingIfNeeded: out.count)
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        let size = UInt32(truncatingIfNeeded: data.count)
        out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
        out += le32(crc) + le32(size) + le32(size) + le16(UInt16(nameBytes.count)) + le16(0)
        out += nameBytes
        out += data
        central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
        central += le32(crc) + le32(size) + le32(size) + le16(UInt16(nameBytes.count))
        central += le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + nameBytes
        count += 1
    }

    func build() -> [UInt8] {
        var result = out
        let cdOffset = UInt32(truncatingIfNeeded: out.count)
        result += central
        result += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(count)) + le16(UInt16(count))
        result += le32(UInt32(truncatingIfNeeded: central.count)) + le32(cdOffset) + le16(0)
        return result
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] {
        [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
    }
}

/// CRC-32 (IEEE), as zip uses.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
