/// A value a rule reads outside its own row: a table's row by its key (`procedures.held["vpr"]`),
/// or another form of the same school and period (`form("staff").staff.n["teachers"]`).
public struct ValueReference: Hashable, Sendable, CustomStringConvertible {
    /// The other form's id, `form("staff")`; nil for the rule's own form.
    public var form: String?
    /// The sheet's id.
    public var sheet: String
    /// The field's code.
    public var field: String
    /// The row's key items in the order of the sheet's key fields (texts are list codes or any
    /// name of the item); nil for a form sheet's field or a table's column.
    public var key: [ExpressionValue]?

    /// A reference.
    public init(form: String? = nil, sheet: String, field: String, key: [ExpressionValue]? = nil) {
        self.form = form
        self.sheet = sheet
        self.field = field
        self.key = key
    }

    /// `sheet.field` as rules name a field of their own form.
    public var dottedName: String { "\(sheet).\(field)" }

    /// Canonical text, as the rule would write it: `form("staff").staff.n["teachers"]`.
    public var description: String {
        var text = form.map { "form(\(Self.quoted($0))).\(dottedName)" } ?? dottedName
        if let key {
            text += "[" + key.map { item in
                if case .text(let t) = item { return Self.quoted(t) }
                return item.description
            }.joined(separator: ", ") + "]"
        }
        return text
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
