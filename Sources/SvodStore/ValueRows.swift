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
