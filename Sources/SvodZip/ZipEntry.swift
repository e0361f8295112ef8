/// One file inside a zip archive, as its central directory describes it.
public struct ZipEntry: Sendable, Equatable {
    /// Position in the central directory.
    public let index: Int
    /// The name with backslashes turned into slashes and any leading slash removed.
    public let name: String
    /// The size the central directory declares; a hostile archive may lie about it.
    public let declaredSize: Int64
    /// Bytes the entry occupies in the archive.
    public let compressedSize: Int64
    /// The zip compression method (0 stored, 8 deflated).
    public let method: Int
    /// Whether the entry is a directory marker.
    public var isDirectory: Bool { name.hasSuffix("/") }
}

/// Name rules shared by every archive: how entries are normalised and compared.
enum ZipName {
    /// Backslashes are separators (some Windows writers use them); a leading slash is dropped.
    static func normalize(_ raw: String) -> String {
        let s = raw.replacingBackslashes()
        return String(s.drop { $0 == "/" })
    }

    /// OPC and ODF part names compare without regard to ASCII case.
    static func key(_ name: String) -> String { asciiLowercased(name) }

    static func isSafe(_ name: String) -> Bool {
        if name.isEmpty || name.utf8.contains(0) { return false }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains(where: { $0 == ".." }) { return false }
        if let first = parts.first, first.count == 2, first.last == ":" { return false }
        return true
    }

    static func asciiLowercased(_ s: String) -> String {
        String(decoding: s.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}

extension String {
    fileprivate func replacingBackslashes() -> String {
        guard utf8.contains(0x5C) else { return self }
        return String(decoding: utf8.map { $0 == 0x5C ? 0x2F : $0 }, as: UTF8.self)
    }
}
