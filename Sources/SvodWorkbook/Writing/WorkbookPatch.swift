import SvodLocale

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

/// What a patched copy adds to a workbook (`XLSXPatch`, `ODSPatch` apply it): marks on cells
/// and a sheet put first; the rest of the file is carried over as it is.
public struct WorkbookPatch {
    /// Marks by sheet name, as the workbook names its sheets.
    public var marks: [String: [CellReference: PatchMark]] = [:]
    /// The sheet put first, and what writes it (one sheet: no comments, validations or names).
    public var firstSheet: (name: String, write: (WorkbookWriter) throws -> Void)?
    /// Who the comments are by.
    public var author = "svod"
    public var options = WriteOptions()
    /// An empty patch.
    public init() {}
}

/// The file cannot be patched (Strict OOXML, an element too big to split): the caller copies it another way.
public struct PatchUnsupported: LocalizedFailure {
    public let why: String
    /// Refused because of `why`.
    public init(why: String) { self.why = why }
    public var kind: FailureKind { .unreadable }
    public var message: LocalizedText {
        .init(ru: "книгу нельзя дополнить на месте: \(why)", en: "the workbook cannot be patched in place: \(why)")
    }
}
