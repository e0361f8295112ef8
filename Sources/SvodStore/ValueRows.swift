import GRDB
import GRDBSQLite
import SvodValidation

/// The `value` rows of one accepted file, inserted through SQLite's own binding calls: a file
/// has a few hundred values, and building GRDB's argument arrays for each cost more than SQLite
/// spent storing them.
struct ValueRows {
    private let statement: Statement

    init(_ db: Database) throws {
        statement = try db.cachedStatement(sql: """
            INSERT INTO value (submission_id, seq, sheet_id, sheet, row_key, key, field, cell, kind, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Inserts `values` as submission `id`'s, in order.
    func insert(_ values: [ReadValue], submission id: Int64, in db: Database) throws {
        let s = statement.sqliteStatement
        // A record's values share its key: it is written out once per record, not per value.
        var lastKey: [String: String] = [:], lastJSON = "{}"
        for (seq, v) in values.enumerated() {
            let (kind, text) = SQLiteStore.stored(v.value)
            if v.key != lastKey { lastKey = v.key; lastJSON = SQLiteStore.keyJSON(v.key) }
            sqlite3_reset(s)
            sqlite3_bind_int64(s, 1, id)
            sqlite3_bind_int64(s, 2, Int64(seq))
            bind(s, 3, v.sheetID)
            bind(s, 4, v.sheet)
            if let rowKey = v.rowKey { bind(s, 5, rowKey) } else { sqlite3_bind_null(s, 5) }
            bind(s, 6, lastJSON)
            bind(s, 7, v.field)
            bind(s, 8, v.cell.a1)
            bind(s, 9, kind)
            bind(s, 10, text)
            let code = sqlite3_step(s)
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection!)))
            }
        }
        sqlite3_reset(s)
        sqlite3_clear_bindings(s)
    }

    private func bind(_ s: OpaquePointer, _ index: Int32, _ text: String) {
        let count = Int32(text.utf8.count)
        // SQLITE_TRANSIENT: SQLite copies the bytes before this returns.
        text.withCString { _ = sqlite3_bind_text(s, index, $0, count, unsafeBitCast(-1, to: sqlite3_destructor_type.self)) }
    }
}

/// The `value` rows of one submission read through SQLite's own column calls: GRDB's `Row`
/// copies every row with its column names, which cost the indicators most of their time.
enum ValueReading {
    static let sql = "SELECT sheet_id, sheet, row_key, key, field, cell, kind, value FROM value WHERE submission_id = ?1 AND (?2 IS NULL OR sheet_id = ?2) ORDER BY seq"

    /// Submission `id`'s values (of `sheet` only, when given), in file order.
    static func read(submission id: Int64, sheet: String?, in db: Database) throws -> [StoredValue] {
        let statement = try db.cachedStatement(sql: sql)
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        sqlite3_bind_int64(s, 1, id)
        if let sheet {
            sheet.withCString { _ = sqlite3_bind_text(s, 2, $0, Int32(sheet.utf8.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self)) }
        } else {
            sqlite3_bind_null(s, 2)
        }
        defer { sqlite3_reset(s); sqlite3_clear_bindings(s) }
        var out: [StoredValue] = []
        while true {
            let code = sqlite3_step(s)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection!)))
            }
            out.append(StoredValue(sheetID: text(s, 0), sheet: text(s, 1), rowKey: sqlite3_column_type(s, 2) == SQLITE_NULL ? nil : text(s, 2),
                                   key: text(s, 3), field: text(s, 4), cell: text(s, 5), kind: text(s, 6), value: text(s, 7)))
        }
        return out
    }

    private static func text(_ s: OpaquePointer, _ column: Int32) -> String {
        guard let p = sqlite3_column_text(s, column) else { return "" }
        let n = Int(sqlite3_column_bytes(s, column))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }
}
