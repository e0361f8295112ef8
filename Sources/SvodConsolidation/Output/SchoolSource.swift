import SvodSchema
import SvodStore

/// Where a writer gets the schools' own rows from, one school at a time (memory stays flat in
/// the number of schools): a school's code and its records.
public protocol SchoolSource {
    /// Calls `body` for each school's submission of `form`, in registry order, with its records
    /// of one sheet (by id) or, for nil, of every sheet.
    func forEachSchool(of form: FormSchema, sheet: String?, _ body: (StoredSubmission, SchoolRecords) throws -> Void) throws
}

/// The schools' rows from the store: exactly the submissions the consolidation used,
/// so that an import committing meanwhile cannot make the rows disagree with the city's totals.
public struct StoreSchoolSource: SchoolSource {
    public let consolidator: Consolidator
    /// Form id → the store's id of each submission used.
    let used: [String: Set<Int64>]

    /// Rows of the submissions `consolidation` was made from.
    public init(consolidator: Consolidator, consolidation: Consolidation) {
        self.consolidator = consolidator
        used = Dictionary(consolidation.forms.map { ($0.id, Set($0.sources.compactMap(\.submission))) }, uniquingKeysWith: { a, _ in a })
    }

    public func forEachSchool(of form: FormSchema, sheet: String?, _ body: (StoredSubmission, SchoolRecords) throws -> Void) throws {
        let codes = CodeLookup(catalog: consolidator.catalog)
        let ids = used[form.id] ?? []
        let rank = consolidator.registryRank
        let chosen = try consolidator.store.submissions(period: nil, form: form.id).filter { ids.contains($0.id) }
            .sorted { (rank[$0.school ?? ""] ?? .max, $0.id) < (rank[$1.school ?? ""] ?? .max, $1.id) }
        for s in chosen {
            // A sheet's pass reads that sheet's values only: a form of k sheets is read twice, not k + 1 times.
            try body(s, SchoolRecords(try consolidator.store.values(of: s.id, sheet: sheet), form: form, isCode: codes.contains))
        }
    }
}
