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
    /// A programme table's condition (`SchoolCondition.id`) → how many of the row's schools meet
    /// it: a count of schools cannot be had from the sums, so it is tallied school by school as
    /// the files are added (on a table's total, a school once: meeting it if any of its rows does).
    public var counts: [String: SchoolTally] = [:]

    /// An empty row for `key`.
    public init(key: [String: String]) { self.key = key }

    /// Adds another row with the same key.
    public mutating func merge(_ o: CityRow) {
        schools += o.schools
        for (f, t) in o.fields { fields[f, default: FieldTotal()].merge(t) }
        for (c, t) in o.counts { counts[c, default: SchoolTally()].merge(t) }
    }
}

/// How many schools meet a programme table's condition, of how many whose values could judge it.
public struct SchoolTally: Equatable, Sendable {
    /// Schools meeting the condition.
    public var schools = 0
    /// Schools whose values could be judged (a percent of zero graduates cannot).
    public var of = 0
    /// A lower consolidation without this count was added in (one written before the table
    /// asked for it): the city's number is not known, and is shown as «—» rather than too small.
    public var unknown = false

    /// A tally of `schools` meeting the condition of `of` judged.
    public init(schools: Int = 0, of: Int = 0, unknown: Bool = false) {
        self.schools = schools
        self.of = of
        self.unknown = unknown
    }

    /// Adds one school: whether it meets the condition, nil when it cannot be judged.
    public mutating func add(_ holds: Bool?) {
        guard let holds else { return }
        of += 1
        if holds { schools += 1 }
    }

    /// Adds another tally (a district's, or another file's part of the same row).
    public mutating func merge(_ o: SchoolTally) {
        schools += o.schools
        of += o.of
        unknown = unknown || o.unknown
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
