import Foundation
import GRDB
import SvodIO
import SvodLocale
import SvodValidation

/// The store in one SQLite file (GRDB), with the originals in a content-addressed folder beside
/// it (`<store>.files/ab/abcdef…`).
///
/// - WAL, so a status or consolidation reads while an import writes (and an import's own reads,
///   of the school's other forms, do not wait for the batch it is committing); `synchronous = FULL`, so a
///   committed import survives a power loss, not only a killed process (NORMAL in WAL mode may
///   lose the last transactions when the machine loses power).
/// - Every offer is one IMMEDIATE transaction: a second import process waits for the lock (busy
///   timeout) instead of failing, and a crash leaves the file wholly in or not at all.
/// - The schema is migrated from version 1 on: an old store is upgraded in place, never rebuilt.
public final class SQLiteStore: SubmissionStore {
    let db: DatabasePool
    /// The folder of originals.
    public let originals: URL

    /// A scratch store (a consolidation of files without a store) skips what only durability needs.
    private let scratch: Bool

    /// Opens (creating and migrating) the store at `path`; a `scratch` store, thrown away after
    /// one run, neither syncs to disk nor keeps the originals.
    public init(path: String, scratch: Bool = false) throws {
        self.scratch = scratch
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in try db.execute(sql: scratch ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = FULL") }
        do {
            db = try DatabasePool(path: path, configuration: config)
            try Self.migrator.migrate(db)
        } catch {
            throw StoreFailure(error, path: path)
        }
        originals = URL(fileURLWithPath: path + ".files")
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE original (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL);
                CREATE TABLE submission (
                    id INTEGER PRIMARY KEY,
                    sha256 TEXT NOT NULL UNIQUE REFERENCES original(sha256),
                    file_name TEXT NOT NULL,
                    arrived_at TEXT NOT NULL,
                    school TEXT, form TEXT, form_version INTEGER, period TEXT,
                    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'refused', 'unreadable')),
                    errors INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0,
                    warnings_explained INTEGER NOT NULL DEFAULT 0, infos INTEGER NOT NULL DEFAULT 0,
                    reason_ru TEXT, reason_en TEXT,
                    superseded_by INTEGER REFERENCES submission(id));
                CREATE INDEX submission_current ON submission(school, form, period) WHERE outcome = 'accepted';
                CREATE TABLE finding (
                    submission_id INTEGER NOT NULL REFERENCES submission(id), seq INTEGER NOT NULL,
                    severity TEXT NOT NULL, rule TEXT NOT NULL, sheet TEXT, cell TEXT, row_key TEXT, field TEXT,
                    actual TEXT, expected TEXT, difference TEXT, previous TEXT,
                    message_ru TEXT NOT NULL, message_en TEXT NOT NULL, explanation TEXT,
                    PRIMARY KEY (submission_id, seq));
                CREATE TABLE value (
                    submission_id INTEGER NOT NULL REFERENCES submission(id), seq INTEGER NOT NULL,
                    sheet_id TEXT NOT NULL, sheet TEXT NOT NULL, row_key TEXT, key TEXT NOT NULL, field TEXT NOT NULL,
                    cell TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL,
                    PRIMARY KEY (submission_id, seq));
                """)
        }
        registerJournal(&m)
        return m
    }

    public func offer(_ offer: Offer) throws -> OfferOutcome {
        try self.offer([offer])[0]
    }

    public func offer(_ offers: [Offer]) throws -> [OfferOutcome] {
        // The originals first, whole and flushed together: a crash after them leaves unreferenced
        // copies, which the same bytes offered again reuse (once their content is checked); a
        // crash before leaves nothing. Then one transaction records the batch.
        let written = try offers.compactMap(keepOriginal)
        do {
            try DurableFile.flush(written)
        } catch {
            throw StoreFailure(error, path: originals.path)
        }
        do {
            return try db.writeWithoutTransaction { db in
                var outcomes: [OfferOutcome] = []
                try db.inTransaction(.immediate) {
                    outcomes = try offers.map { try Self.record($0, in: db) }
                    return .commit
                }
                return outcomes
            }
        } catch {
            throw StoreFailure(error, path: db.path)
        }
    }

    public func isRecorded(_ sha256: String) throws -> Bool {
        do {
            return try db.read { db in try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM submission WHERE sha256 = ?"), arguments: [sha256]) ?? false }
        } catch {
            throw StoreFailure(error, path: db.path)
        }
    }

    private static func record(_ offer: Offer, in db: Database) throws -> OfferOutcome {
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, outcome, arrived_at FROM submission WHERE sha256 = ?"), arguments: [offer.sha256]) {
            return .alreadyRecorded(id: row["id"], outcome: row["outcome"], arrivedAt: row["arrived_at"])
        }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO original (sha256, size) VALUES (?, ?)").execute(arguments: [offer.sha256, offer.size])
        let r = offer.verdict.report
        let outcome = offer.isAccepted ? "accepted" : (r == nil ? "unreadable" : "refused")
        let reason = offer.refusedBecause ?? offer.verdict.refusal?.message
        try db.cachedStatement(sql: """
            INSERT INTO submission (sha256, file_name, arrived_at, school, form, form_version, period, outcome,
                                    errors, warnings, warnings_explained, infos, reason_ru, reason_en)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [offer.sha256, offer.fileName, Self.timestamp(offer.arrivedAt), r?.school, r?.formID, r?.formVersion, r?.period,
                             outcome, r?.count(.error) ?? 0, r?.count(.warning, explained: false) ?? 0,
                             r?.count(.warning, explained: true) ?? 0, r?.count(.info) ?? 0, reason?.ru, reason?.en])
        let id = db.lastInsertedRowID
        for (seq, f) in (r?.findings ?? []).enumerated() {
            try db.cachedStatement(sql: """
                INSERT INTO finding (submission_id, seq, severity, rule, sheet, cell, row_key, field, actual, expected, difference,
                                     previous, message_ru, message_en, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [id, seq, f.severity.rawValue, f.rule, f.sheet, f.cell?.a1, f.rowKey?.ru, f.field, f.actual, f.expected,
                                 f.difference, f.previous, f.message.ru, f.message.en, f.explanation])
        }
        guard outcome == "accepted", let r else { return .refused(id: id) }
        try ValueRows(db).insert(offer.values, submission: id, in: db)
        // The school's earlier file of this form and period is superseded, and stays in history.
        let earlier = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM submission WHERE outcome = 'accepted' AND superseded_by IS NULL AND id <> ?
              AND school IS ? AND form IS ? AND period IS ?
            """), arguments: [id, r.school, r.formID, r.period])
        if let earlier {
            try db.cachedStatement(sql: "UPDATE submission SET superseded_by = ? WHERE id = ?").execute(arguments: [id, earlier])
        }
        return .accepted(id: id, superseded: earlier)
    }

    /// Copies the offered file into the folder of originals unless its bytes are there already;
    /// the path written (to be flushed with the batch), or nil.
    private func keepOriginal(_ offer: Offer) throws -> String? {
        if scratch { return nil }
        let target = original(offer.sha256)
        do {
            // A copy a power loss cut short (written, not yet flushed) has other bytes than its
            // name says: replaced, never reused.
            if FileManager.default.fileExists(atPath: target.path) {
                if (try? SHA256.file(target.path)) == offer.sha256 { return nil }
                try FileManager.default.removeItem(at: target)
            }
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try DurableFile.writeOnce(try Data(contentsOf: URL(fileURLWithPath: offer.path)), to: target.path, flush: false)
            return target.path
        } catch {
            throw StoreFailure(error, path: target.path)
        }
    }

    public func originalFile(_ sha256: String) -> String? {
        let path = original(sha256).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Where the original of `sha256` is kept.
    public func original(_ sha256: String) -> URL {
        originals.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }

    public func submissions(period: String?, form: String?) throws -> [StoredSubmission] {
        try db.read { db in
            // Through a cursor: 10 000 schools' rows are never all held as rows as well as submissions.
            try Array(Row.fetchCursor(db, sql: """
                SELECT s.*, o.size FROM submission s JOIN original o USING (sha256)
                WHERE (?1 IS NULL OR s.period = ?1) AND (?2 IS NULL OR s.form = ?2) ORDER BY s.school, s.form, s.id DESC
                """, arguments: [period, form]).map(Self.submission))
        }
    }

    public func history(school: String, form: String?, period: String?) throws -> [StoredSubmission] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.*, o.size FROM submission s JOIN original o USING (sha256)
                WHERE s.school = ?1 AND (?2 IS NULL OR s.form = ?2) AND (?3 IS NULL OR s.period = ?3) ORDER BY s.id
                """, arguments: [school, form, period]).map(Self.submission)
        }
    }

    public func values(of submission: Int64, sheet: String?) throws -> [StoredValue] {
        try db.read { db in try ValueReading.read(submission: submission, sheet: sheet, in: db) }
    }

    public func currentValues(school: String, form: String, period: String, fields: Set<String>?) throws -> [StoredValue]? {
        try db.read { db in
            guard let id = try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT id FROM submission WHERE outcome = 'accepted' AND superseded_by IS NULL AND school = ? AND form = ? AND period = ?
                ORDER BY id DESC LIMIT 1
                """), arguments: [school, form, period]) else { return nil }
            // Cross-form and cross-period rules read a few fields of a submission: all its values are
            // read through SQLite's column calls (cheaper than a filtered query through GRDB rows) and the rest dropped.
            let all = try ValueReading.read(submission: id, sheet: nil, in: db)
            guard let fields else { return all }
            return all.filter { fields.contains($0.sheetID + "." + $0.field) }
        }
    }

    public func findings(of submission: Int64) throws -> [StoredFinding] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM finding WHERE submission_id = ? ORDER BY seq", arguments: [submission]).map { row in
                let sheet: String? = row["sheet"], cell: String? = row["cell"]
                return StoredFinding(severity: row["severity"], rule: row["rule"], place: sheet.map { s in cell.map { "\(s)!\($0)" } ?? s },
                                     rowKey: row["row_key"], message: .init(ru: row["message_ru"], en: row["message_en"]),
                                     explanation: row["explanation"])
            }
        }
    }

    public func integrityProblems() throws -> [String] {
        try db.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" } }
    }

    private static func submission(_ row: Row) -> StoredSubmission {
        let ru: String? = row["reason_ru"], en: String? = row["reason_en"]
        return StoredSubmission(id: row["id"], fileName: row["file_name"], sha256: row["sha256"], size: row["size"], arrivedAt: row["arrived_at"],
                                school: row["school"], form: row["form"], formVersion: row["form_version"], period: row["period"],
                                outcome: row["outcome"], errors: row["errors"], warnings: row["warnings"],
                                warningsExplained: row["warnings_explained"], supersededBy: row["superseded_by"],
                                reason: ru.map { LocalizedText(ru: $0, en: en ?? $0) })
    }

    /// A value as stored: numbers as their exact decimal text, never a binary float.
    static func stored(_ v: FieldValue) -> (String, String) {
        switch v {
        case .number(let d): return ("number", "\(d)")
        case .text(let t): return ("text", t)
        case .bool(let b): return ("bool", b ? "1" : "0")
        case .date(let d): return ("date", d.iso8601)
        case .missing: return ("missing", "")
        }
    }

    /// A row key as JSON with sorted keys (`{"class":"4","subject":"rus"}`), written by hand:
    /// through JSONSerialization it cost an eighth of an import.
    public static func keyJSON(_ key: [String: String]) -> String {
        "{" + key.sorted { $0.key < $1.key }.map { "\(JSONString.literal($0.key)):\(JSONString.literal($0.value))" }.joined(separator: ",") + "}"
    }

    /// `2026-12-07T02:03:04Z`, by hand: a formatter made per file cost a twentieth of an import.
    public static func timestamp(_ d: Date) -> String {
        var t = time_t(d.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

/// The store could not be opened or written: one line, with SQLite's reason.
public struct StoreFailure: LocalizedFailure {
    public let message: LocalizedText
    public var kind: FailureKind { .unreadable }

    init(_ error: Error, path: String) {
        if let f = error as? LocalizedFailure {
            message = f.message
            return
        }
        let reason: String
        if let e = error as? DatabaseError {
            reason = e.resultCode == .SQLITE_FULL ? "нет места на диске" : (e.message ?? "\(e.resultCode)")
            let en = e.resultCode == .SQLITE_FULL ? "the disk is full" : (e.message ?? "\(e.resultCode)")
            message = .init(ru: "хранилище «\(path)» не записано: \(reason)", en: "the store '\(path)' could not be written: \(en)")
        } else {
            reason = "\(error)"
            message = .init(ru: "хранилище «\(path)»: \(reason)", en: "the store '\(path)': \(reason)")
        }
    }
}
