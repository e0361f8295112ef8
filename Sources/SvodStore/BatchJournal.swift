import Foundation
import GRDB

/// One input of a batch run as the journal keeps it: what it is, which steps are durably done,
/// what came of it and where its original went.
public struct JournalEntry: Equatable, Sendable {
    /// A new entry, not yet recorded (id 0 until `SQLiteStore.record` gives it one).
    public init(sha256: String, name: String, source: String, firstSeen: String, outcome: String? = nil, reason: String? = nil) {
        self.init(id: 0, sha256: sha256, name: name, source: source, firstSeen: firstSeen, steps: [], outcome: outcome, reason: reason,
                  school: nil, form: nil, period: nil, outputs: [], archived: nil, finishedAt: nil)
    }

    init(id: Int64, sha256: String, name: String, source: String, firstSeen: String, steps: [String], outcome: String?, reason: String?,
         school: String?, form: String?, period: String?, outputs: [String], archived: String?, finishedAt: String?) {
        self.id = id; self.sha256 = sha256; self.name = name; self.source = source; self.firstSeen = firstSeen; self.steps = steps
        self.outcome = outcome; self.reason = reason; self.school = school; self.form = form; self.period = period; self.outputs = outputs
        self.archived = archived; self.finishedAt = finishedAt
    }

    public let id: Int64
    public let sha256: String
    /// The file's name in the inbox.
    public let name: String
    /// Its path in the inbox when it was taken.
    public let source: String
    public let firstSeen: String
    /// Steps durably done, in order (`checked`, `reports`, `converted`, `imported`, `moved`).
    public var steps: [String]
    /// `accepted`, `rejected` or `duplicate` once decided.
    public var outcome: String?
    public var reason: String?
    public var school: String?
    public var form: String?
    public var period: String?
    /// Files written for it (reports, annotated copy, conversion).
    public var outputs: [String]
    /// Where the original is (to be) moved; set before the move, so a run killed after the rename finds it.
    public var archived: String?
    public var finishedAt: String?
}

/// The batch runs' journal, in the store's own database: one row per input taken from the inbox,
/// updated step by step, each update its own transaction.
extension SQLiteStore {
    static func registerJournal(_ m: inout DatabaseMigrator) {
        m.registerMigration("v2-batch-journal") { db in
            try db.execute(sql: """
                CREATE TABLE batch_file (
                    id INTEGER PRIMARY KEY,
                    sha256 TEXT NOT NULL, name TEXT NOT NULL, source TEXT NOT NULL, first_seen TEXT NOT NULL,
                    steps TEXT NOT NULL DEFAULT '', outcome TEXT CHECK (outcome IN ('accepted', 'rejected', 'duplicate')),
                    reason TEXT, school TEXT, form TEXT, period TEXT,
                    outputs TEXT NOT NULL DEFAULT '', archived TEXT, finished_at TEXT);
                CREATE INDEX batch_file_sha ON batch_file(sha256);
                CREATE INDEX batch_file_open ON batch_file(finished_at) WHERE finished_at IS NULL;
                """)
        }
    }

    /// The unfinished entry of this input (these bytes at this path), if a run was interrupted while it handled it.
    public func openEntry(sha256: String, source: String) throws -> JournalEntry? {
        try journalRead { db in
            try Row.fetchOne(db, sql: "SELECT * FROM batch_file WHERE sha256 = ? AND source = ? AND finished_at IS NULL ORDER BY id LIMIT 1",
                             arguments: [sha256, source]).map(Self.entry)
        }
    }

    /// The entry these bytes were first taken in (not itself a duplicate), finished or not.
    public func firstEntry(sha256: String) throws -> JournalEntry? {
        try journalRead { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM batch_file WHERE sha256 = ? AND (outcome IS NULL OR outcome <> 'duplicate') ORDER BY id LIMIT 1
                """, arguments: [sha256]).map(Self.entry)
        }
    }

    /// Every entry a run left unfinished.
    public func openEntries() throws -> [JournalEntry] {
        try journalRead { db in try Row.fetchAll(db, sql: "SELECT * FROM batch_file WHERE finished_at IS NULL ORDER BY id").map(Self.entry) }
    }

    /// Every entry, in the order the inputs were taken.
    public func journal() throws -> [JournalEntry] {
        try journalRead { db in try Row.fetchAll(db, sql: "SELECT * FROM batch_file ORDER BY id").map(Self.entry) }
    }

    /// Records an entry as it now is — a new one (id 0) inserted, a known one updated — in one
    /// statement: a duplicate is marked as it is first written, so no interruption can leave it
    /// looking like a first arrival. Returns the entry with its id.
    @discardableResult
    public func record(_ e: JournalEntry) throws -> JournalEntry {
        try journalWrite { db in
            let values: [DatabaseValueConvertible?] = [e.sha256, e.name, e.source, e.firstSeen, e.steps.joined(separator: ","), e.outcome, e.reason,
                                                       e.school, e.form, e.period, e.outputs.joined(separator: "\n"), e.archived, e.finishedAt]
            var out = e
            if e.id == 0 {
                try db.cachedStatement(sql: """
                    INSERT INTO batch_file (sha256, name, source, first_seen, steps, outcome, reason, school, form, period, outputs, archived, finished_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: StatementArguments(values))
                out = JournalEntry(id: db.lastInsertedRowID, sha256: e.sha256, name: e.name, source: e.source, firstSeen: e.firstSeen, steps: e.steps,
                                   outcome: e.outcome, reason: e.reason, school: e.school, form: e.form, period: e.period, outputs: e.outputs,
                                   archived: e.archived, finishedAt: e.finishedAt)
            } else {
                try db.cachedStatement(sql: """
                    UPDATE batch_file SET sha256 = ?, name = ?, source = ?, first_seen = ?, steps = ?, outcome = ?, reason = ?, school = ?, form = ?,
                    period = ?, outputs = ?, archived = ?, finished_at = ? WHERE id = ?
                    """).execute(arguments: StatementArguments(values + [e.id]))
            }
            return out
        }
    }

    /// Writes a known entry's state (`record` of an entry with its id).
    public func update(_ e: JournalEntry) throws {
        try record(e)
    }

    private static func entry(_ row: Row) -> JournalEntry {
        let steps: String = row["steps"], outputs: String = row["outputs"]
        return JournalEntry(id: row["id"], sha256: row["sha256"], name: row["name"], source: row["source"], firstSeen: row["first_seen"],
                            steps: steps.isEmpty ? [] : steps.components(separatedBy: ","), outcome: row["outcome"], reason: row["reason"],
                            school: row["school"], form: row["form"], period: row["period"],
                            outputs: outputs.isEmpty ? [] : outputs.components(separatedBy: "\n"), archived: row["archived"], finishedAt: row["finished_at"])
    }

    private func journalRead<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try db.read(body) } catch { throw StoreFailure(error, path: db.path) }
    }

    private func journalWrite<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try db.write(body) } catch { throw StoreFailure(error, path: db.path) }
    }
}
