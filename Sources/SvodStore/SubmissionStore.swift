import Foundation
import SvodLocale
import SvodValidation

/// The department's store of what schools sent, behind one narrow interface: the import offers
/// files, the status and the consolidation read them. SQLite (`SQLiteStore`) is the one backend
/// today; a PostgreSQL one for a regional portal would implement this protocol.
public protocol SubmissionStore: AnyObject {
    /// Records one offered file, in one transaction: accepted (superseding the school's earlier
    /// file of the form and period), refused, or already there (the same bytes, recorded once).
    func offer(_ offer: Offer) throws -> OfferOutcome
    /// Records several offered files in one transaction (one flush to disk for the batch); each
    /// is wholly in or not at all, as if offered one by one in this order.
    func offer(_ offers: [Offer]) throws -> [OfferOutcome]
    /// Whether these bytes were offered before (accepted or refused).
    func isRecorded(_ sha256: String) throws -> Bool
    /// The submissions of a period (every form, or one), newest first within a school and form.
    func submissions(period: String?, form: String?) throws -> [StoredSubmission]
    /// One school's submissions, oldest first.
    func history(school: String, form: String?, period: String?) throws -> [StoredSubmission]
    /// The values kept for an accepted submission, of one sheet (by id) or of all.
    func values(of submission: Int64, sheet: String?) throws -> [StoredValue]
    /// The values of the school's current accepted submission of `form` for `period` (the one no
    /// later file superseded), or nil when there is none: what cross-form rules compare with.
    /// `fields` (`sheet.field`), when given, are the only ones wanted.
    func currentValues(school: String, form: String, period: String, fields: Set<String>?) throws -> [StoredValue]?
    /// The findings kept for a submission.
    func findings(of submission: Int64) throws -> [StoredFinding]
    /// SQLite's `PRAGMA integrity_check` (or the backend's equivalent): empty when clean.
    func integrityProblems() throws -> [String]
    /// Where the original bytes of `sha256` are kept, if they are.
    func originalFile(_ sha256: String) -> String?
}

/// A file offered to the store, with what checking it found.
public struct Offer {
    /// The file's name as the school sent it.
    public var fileName: String
    /// Where its bytes are now (copied into the store's folder of originals).
    public var path: String
    public var sha256: String
    public var size: Int64
    public var arrivedAt: Date
    /// The check's verdict: a report (accepted or refused by its errors) or the reason it was not read.
    public var verdict: FileVerdict
    /// Every value read, kept only when the file is accepted.
    public var values: [ReadValue]
    /// Refused although it has no errors (another period than the import's, say): the reason.
    public var refusedBecause: LocalizedText?

    /// An offer.
    public init(fileName: String, path: String, sha256: String, size: Int64, arrivedAt: Date, verdict: FileVerdict,
                values: [ReadValue], refusedBecause: LocalizedText? = nil) {
        self.fileName = fileName
        self.path = path
        self.sha256 = sha256
        self.size = size
        self.arrivedAt = arrivedAt
        self.verdict = verdict
        self.values = values
        self.refusedBecause = refusedBecause
    }

    /// Whether the store takes it as the school's submission.
    public var isAccepted: Bool { refusedBecause == nil && verdict.report?.isValid == true }
}

/// What the store did with an offer.
public enum OfferOutcome: Equatable {
    /// Kept as the school's submission; `superseded` is the one it replaced.
    case accepted(id: Int64, superseded: Int64?)
    /// Kept as refused (errors, or not readable), not counted as submitted.
    case refused(id: Int64)
    /// The same bytes were offered before: nothing new recorded.
    case alreadyRecorded(id: Int64, outcome: String, arrivedAt: String)
}

/// A submission as the store keeps it.
public struct StoredSubmission: Equatable, Sendable {
    public let id: Int64
    public let fileName: String
    public let sha256: String
    public let size: Int64
    /// ISO 8601, UTC.
    public let arrivedAt: String
    public let school: String?
    public let form: String?
    public let formVersion: Int?
    public let period: String?
    /// `accepted`, `refused` or `unreadable`.
    public let outcome: String
    public let errors: Int
    public let warnings: Int
    public let warningsExplained: Int
    /// The submission that replaced this one, if any.
    public let supersededBy: Int64?
    /// Why it was refused, in both languages, when it was.
    public let reason: LocalizedText?
}

/// One kept value.
public struct StoredValue: Equatable, Sendable {
    public let sheetID: String
    public let sheet: String
    public let rowKey: String?
    /// The row's key by field, as list codes, as JSON text (`{"class":"4","subject":"rus"}`).
    public let key: String
    public let field: String
    public let cell: String
    /// `number` (exact decimal text), `text`, `bool` (`1`/`0`) or `date` (ISO 8601).
    public let kind: String
    public let value: String
}

/// One kept finding.
public struct StoredFinding: Equatable, Sendable {
    public let severity: String
    public let rule: String
    public let place: String?
    public let rowKey: String?
    public let message: LocalizedText
    public let explanation: String?
}

extension SubmissionStore {
    /// All the values kept for an accepted submission.
    public func values(of submission: Int64) throws -> [StoredValue] { try values(of: submission, sheet: nil) }
}
