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

    public internal(set) var id: Int64
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

    /// What the store knows of several files' bytes, in one read: their journal entries, and which
    /// of them it holds as submissions (a file imported by hand before it reached the inbox).
    public func lookup(_ hashes: [String]) throws -> (entries: [String: [JournalEntry]], recorded: Set<String>) {
        guard !hashes.isEmpty else { return ([:], []) }
        return try journalRead { db in
            var entries: [String: [JournalEntry]] = [:], recorded: Set<String> = []
            // SQLite's default limit on host parameters is far above a group's size; chunks keep it so for any.
            for start in stride(from: 0, to: hashes.count, by: 500) {
                let chunk = Array(hashes[start..<min(start + 500, hashes.count)])
                let marks = chunk.map { _ in "?" }.joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT * FROM batch_file WHERE sha256 IN (\(marks)) ORDER BY id", arguments: StatementArguments(chunk)) {
                    let e = Self.entry(row)
                    entries[e.sha256, default: []].append(e)
                }
                recorded.formUnion(try String.fetchAll(db, sql: "SELECT sha256 FROM submission WHERE sha256 IN (\(marks))", arguments: StatementArguments(chunk)))
            }
            return (entries, recorded)
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
        try record([e])[0]
    }

    /// Records several entries in one transaction (one flush for a group of files).
    public func record(_ entries: [JournalEntry]) throws -> [JournalEntry] {
        guard !entries.isEmpty else { return [] }
        return try journalWrite { db in try entries.map { try Self.record($0, in: db) } }
    }

    private static func record(_ e: JournalEntry, in db: Database) throws -> JournalEntry {
        let values: [DatabaseValueConvertible?] = [e.sha256, e.name, e.source, e.firstSeen, e.steps.joined(separator: ","), e.outcome, e.reason,
                                                   e.school, e.form, e.period, e.outputs.joined(separator: "\n"), e.archived, e.finishedAt]
        guard e.id == 0 else {
            try db.cachedStatement(sql: """
                UPDATE batch_file SET sha256 = ?, name = ?, source = ?, first_seen = ?, steps = ?, outcome = ?, reason = ?, school = ?, form = ?,
                period = ?, outputs = ?, archived = ?, finished_at = ? WHERE id = ?
                """).execute(arguments: StatementArguments(values + [e.id]))
            return e
        }
        try db.cachedStatement(sql: """
            INSERT INTO batch_file (sha256, name, source, first_seen, steps, outcome, reason, school, form, period, outputs, archived, finished_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: StatementArguments(values))
        var out = e
        out.id = db.lastInsertedRowID
        return out
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
