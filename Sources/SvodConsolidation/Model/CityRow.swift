import Foundation

/// One row of a consolidated sheet: a key (list codes by field; empty for a form sheet and for
/// a table's grand total) and the totals of its fields over the schools.
public struct CityRow: Equatable, Sendable {
    /// Field code → list code.
    public var key: [String: String]
    /// How many schools have this row.
    public var schools = 0
    /// Field code → its total.
    public var fields: [String: FieldTotal] = [:]

    /// An empty row for `key`.
    public init(key: [String: String]) { self.key = key }

    /// Adds another row with the same key.
    public mutating func merge(_ o: CityRow) {
        schools += o.schools
        for (f, t) in o.fields { fields[f, default: FieldTotal()].merge(t) }
    }
}

/// The consolidated rows of one sheet of a form.
public struct CitySheet: Equatable, Sendable {
    /// The form's sheet id.
    public var id: String
    /// Rows by key, as JSON text of the key (`{"class":"4","subject":"rus"}`), for merging.
    public var rows: [String: CityRow] = [:]
    /// The grand total of a table (every keyed row added), or the only row of a form sheet.
    public var total = CityRow(key: [:])

    /// An empty sheet.
    public init(id: String) { self.id = id }
}
