/// Bounds on the XML svod agrees to parse.
public struct XMLLimits: Sendable, Equatable {
    /// Deepest element nesting accepted; spreadsheet parts rarely pass 15.
    public var maxDepth: Int

    /// Generous for every real office file, fatal for nesting bombs.
    public static let `default` = XMLLimits(maxDepth: 200)

    /// Limits chosen field by field.
    public init(maxDepth: Int) { self.maxDepth = maxDepth }
}
