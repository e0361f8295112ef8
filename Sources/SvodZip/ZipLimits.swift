/// Bounds that keep a hostile archive from exhausting time, memory or disk.
public struct ZipLimits: Sendable, Equatable {
    /// Most entries an archive may list.
    public var maxEntries: Int
    /// Most bytes one entry may inflate to, whatever its header declares.
    public var maxEntrySize: Int64
    /// Most bytes all entries read from one archive may inflate to together.
    public var maxTotalSize: Int64
    /// Highest inflated-to-compressed ratio accepted once an entry passes `ratioGrace` bytes.
    public var maxRatio: Int64
    /// Inflated bytes below which the ratio is not judged: tiny entries compress absurdly well.
    public var ratioGrace: Int64

    /// Limits sized for school spreadsheets with room for million-row LibreOffice sheets.
    public static let `default` = ZipLimits(
        maxEntries: 10_000, maxEntrySize: 2 << 30, maxTotalSize: 4 << 30,
        maxRatio: 100, ratioGrace: 32 << 20)

    /// Limits chosen field by field.
    public init(maxEntries: Int, maxEntrySize: Int64, maxTotalSize: Int64, maxRatio: Int64, ratioGrace: Int64) {
        self.maxEntries = maxEntries
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
        self.maxRatio = maxRatio
        self.ratioGrace = ratioGrace
    }
}
