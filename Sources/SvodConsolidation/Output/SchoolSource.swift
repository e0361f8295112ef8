import SvodSchema
import SvodStore

/// Where a writer gets the schools' own rows from, one school at a time (memory stays flat in
/// the number of schools): a school's code and its records.
public protocol SchoolSource {
    /// Calls `body` for each school's submission of `form`, in registry order.
    func forEachSchool(of form: FormSchema, _ body: (StoredSubmission, SchoolRecords) throws -> Void) throws
}

/// The schools' rows from the store, as the consolidator chose them.
public struct StoreSchoolSource: SchoolSource {
    public let consolidator: Consolidator
    public let period: String

    /// Rows of the submissions `consolidator` uses for `period`.
    public init(consolidator: Consolidator, period: String) {
        self.consolidator = consolidator
        self.period = period
    }

    public func forEachSchool(of form: FormSchema, _ body: (StoredSubmission, SchoolRecords) throws -> Void) throws {
        let codes = CodeLookup(catalog: consolidator.catalog)
        for s in try consolidator.current(form, period: period) {
            try body(s, SchoolRecords(try consolidator.store.values(of: s.id), form: form, isCode: codes.contains))
        }
    }
}
