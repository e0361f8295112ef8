import Foundation
import SvodSchema
import SvodStore
import SvodWorkbook

/// Who sent what for a period, form by form, school by school in registry order: the school's
/// current accepted file, else its last refused one, else nothing — measured from the store, not
/// from anybody's «сдано».
public struct SubmissionStatus {
    /// One school's standing for one form.
    public struct Entry {
        public enum State: String { case accepted, refused, missing }
        public let school: Organisation
        public let state: State
        /// The file that decides the state (the current accepted one, or the last refused).
        public let submission: StoredSubmission?
        /// Earlier accepted files it superseded.
        public let superseded: Int
        /// Sent after the form's deadline (accepted or refused), or still missing past it; nil
        /// when the form or the period gives no deadline.
        public var late: Bool?
    }

    /// Per form of the catalogue (or those asked for): its entries and its due date for the period.
    public let forms: [(form: FormSchema, due: CivilDateTime?, entries: [Entry])]

    /// The status of `period` in `store`, lateness judged on `asOf` (a missing file is late once its deadline has passed).
    public init(store: SubmissionStore, catalog: SchemaCatalog, period: String, forms wanted: [String] = [], asOf: CivilDateTime) throws {
        var out: [(FormSchema, CivilDateTime?, [Entry])] = []
        for form in catalog.forms where wanted.isEmpty || wanted.contains(form.id) {
            let all = try store.submissions(period: nil, form: form.id).filter { s in
                s.period.map { form.period.ordinal($0) != nil && form.period.ordinal($0) == form.period.ordinal(period) } ?? false
            }
            let bySchool = Dictionary(grouping: all) { $0.school ?? "" }
            let due = form.deadline(for: period)
            var entries = catalog.organisations.filter { form.isSubmitted(by: $0) }.map { school -> Entry in
                let mine = (bySchool[school.code] ?? []).sorted { $0.id > $1.id }
                if let current = mine.first(where: { $0.outcome == "accepted" && $0.supersededBy == nil }) {
                    return Entry(school: school, state: .accepted, submission: current,
                                 superseded: mine.filter { $0.outcome == "accepted" && $0.supersededBy != nil }.count)
                }
                if let refused = mine.first { return Entry(school: school, state: .refused, submission: refused, superseded: 0) }
                return Entry(school: school, state: .missing, submission: nil, superseded: 0)
            }
            if let due {
                for i in entries.indices {
                    if let s = entries[i].submission {
                        entries[i].late = Self.day(s.arrivedAt).map { $0 > due }
                    } else {
                        entries[i].late = asOf > due
                    }
                }
            }
            out.append((form, due, entries))
        }
        forms = out
    }
}

extension SubmissionStatus {
    /// The calendar day of an ISO 8601 timestamp (UTC).
    static func day(_ iso: String) -> CivilDateTime? {
        let parts = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return CivilDateTime(year: parts[0], month: parts[1], day: parts[2], hasTime: false)
    }
}
