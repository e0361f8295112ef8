/// A cell to mark in a patched copy of a workbook (`XLSXPatch`, `ODSPatch`): its own style
/// with a fill (none: the style stays), and a comment.
public struct PatchMark: Sendable {
    public var fill: Color?
    public var comment: String
    /// A mark of `fill` with `comment`.
    public init(fill: Color?, comment: String) {
        self.fill = fill
        self.comment = comment
    }
}
