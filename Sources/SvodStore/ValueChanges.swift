/// What a re-submission changed against the file it replaced, value by value: the same sheet,
/// row key and field compared, whatever cell it moved to.
public struct ValueChange: Equatable, Sendable {
    public let sheet: String
    public let cell: String
    public let rowKey: String?
    public let field: String
    /// nil when the value is new.
    public let before: String?
    /// nil when the value is gone.
    public let after: String?

    /// A change.
    public init(sheet: String, cell: String, rowKey: String?, field: String, before: String?, after: String?) {
        self.sheet = sheet
        self.cell = cell
        self.rowKey = rowKey
        self.field = field
        self.before = before
        self.after = after
    }

    /// The changes from `old` to `new`, in `new`'s order, then the values that are gone.
    public static func between(_ old: [StoredValue], _ new: [StoredValue]) -> [ValueChange] {
        struct Slot: Hashable { let sheet: String; let key: String; let field: String }
        func slot(_ v: StoredValue) -> Slot { Slot(sheet: v.sheetID, key: v.key, field: v.field) }
        var before: [Slot: StoredValue] = [:]
        for v in old { before[slot(v)] = v }
        var out: [ValueChange] = []
        var seen = Set<Slot>()
        for v in new {
            let s = slot(v)
            seen.insert(s)
            let was = before[s]
            if was?.value == v.value && was?.kind == v.kind { continue }
            out.append(ValueChange(sheet: v.sheet, cell: v.cell, rowKey: v.rowKey, field: v.field, before: was?.value, after: v.value))
        }
        for v in old where !seen.contains(slot(v)) {
            out.append(ValueChange(sheet: v.sheet, cell: v.cell, rowKey: v.rowKey, field: v.field, before: v.value, after: nil))
        }
        return out
    }
}
