import Foundation

/// One school's file used in a consolidation (or a lower consolidation used in a higher one).
public struct SourceFile: Equatable, Sendable {
    /// The registry code of the school; for a district's consolidation, each of its schools has its own entry.
    public var school: String
    public var fileName: String
    public var sha256: String
    /// ISO 8601, UTC; nil for a lower consolidation's school (the district's file says when).
    public var arrivedAt: String?
    /// Warnings the school did not explain, and those it did.
    public var warnings: Int
    public var warningsExplained: Int
    /// The consolidation file it came through, for a consolidation of consolidations.
    public var via: String?

    /// A source.
    public init(school: String, fileName: String, sha256: String, arrivedAt: String?, warnings: Int, warningsExplained: Int, via: String? = nil) {
        self.school = school
        self.fileName = fileName
        self.sha256 = sha256
        self.arrivedAt = arrivedAt
        self.warnings = warnings
        self.warningsExplained = warningsExplained
        self.via = via
    }
}

/// A form consolidated over the schools: which sent it, which did not, and the city rows.
public struct FormConsolidation: Equatable, Sendable {
    public var id: String
    public var version: Int
    /// Schools whose files are in, by registry code (registry order once finished).
    public var submitted: [String] = []
    /// Schools that should have sent it and did not.
    public var missing: [String] = []
    /// The sheets, in the form's order (the title sheet is not consolidated).
    public var sheets: [CitySheet]
    /// The files used.
    public var sources: [SourceFile] = []

    /// An empty consolidation of a form with these sheets.
    public init(id: String, version: Int, sheets: [String]) {
        self.id = id
        self.version = version
        self.sheets = sheets.map(CitySheet.init)
    }

    /// The sheet with this id.
    public func sheet(_ id: String) -> CitySheet? { sheets.first { $0.id == id } }

    /// Adds a lower consolidation of the same form (a district's): its rows, totals, schools and files.
    public mutating func merge(_ o: FormConsolidation) {
        for other in o.sheets {
            guard let i = sheets.firstIndex(where: { $0.id == other.id }) else { continue }
            for (key, row) in other.rows { sheets[i].rows[key, default: CityRow(key: row.key)].merge(row) }
            sheets[i].total.merge(other.total)
        }
        submitted += o.submitted
        sources += o.sources
    }
}
