import SvodSchema
import SvodWorkbook

/// Finds a table's header the way schools leave it: on any of the first rows, under a title,
/// over one or more rows (a merged group label above the column labels), with columns moved
/// or inserted. Each field binds to the column whose header text, in any header row of that
/// column, is its label or an alias (compared as normalized keys, then by containment).
enum HeaderLocator {
    struct Header {
        /// The last header row (0-based); data starts below it.
        let lastRow: Int
        /// Field code → column.
        let columns: [String: Int]

        /// Fields found out of the schema's order (a school moved the column): those outside the
        /// longest run of fields that keep their order, so that one moved column names one field.
        func moved(_ schema: SheetSchema) -> [FieldSchema] {
            let found = schema.fields.enumerated().compactMap { i, f in columns[f.code].map { (i, $0) } }.sorted { $0.1 < $1.1 }
            let order = found.map(\.0)
            guard order.count > 1 else { return [] }
            // Longest increasing subsequence of schema positions in column order (n is small).
            var length = [Int](repeating: 1, count: order.count), previous = [Int](repeating: -1, count: order.count)
            for i in order.indices {
                for j in 0..<i where order[j] < order[i] && length[j] + 1 > length[i] { length[i] = length[j] + 1; previous[i] = j }
            }
            var kept = Set<Int>()
            var k = length.indices.max { length[$0] < length[$1] } ?? -1
            while k >= 0 { kept.insert(order[k]); k = previous[k] }
            return order.filter { !kept.contains($0) }.map { schema.fields[$0] }
        }
    }

    /// Rows scanned for a header: titles, a school name and a period rarely take more.
    static let scanRows = 30

    /// The header among `rows` (the first rows of the sheet, as read).
    static func locate(_ schema: SheetSchema, in rows: [Row]) -> Header? {
        guard !rows.isEmpty else { return nil }
        // Compared as UTF-8 bytes: both sides are normalised keys, and String's Unicode-aware
        // comparison cost more than everything else when a file is matched against every form.
        let labels = schema.fields.map { f in ([f.label] + f.aliases).map { Array(ValueCoercion.normalizedKey($0).utf8) } }
        var best: Header?
        var bestScore = 0
        // Two rows at least: a label merged down over two rows sits on the first, the column
        // labels under a merged group label on the second (the usual ВПР and ОГЭ layouts).
        let depth = max(2, schema.headerRows)
        for (k, row) in rows.enumerated() {
            // Texts of this row and the header rows above it, by column.
            var texts: [Int: [[UInt8]]] = [:]
            for above in rows[max(0, k - depth + 1)...k] {
                for cell in above.cells {
                    guard case .text(let t) = cell.value else { continue }
                    texts[cell.column, default: []].append(Array(ValueCoercion.normalizedKey(t).utf8))
                }
            }
            let columnsInOrder = texts.keys.sorted()
            let r = row.index
            var columns: [String: Int] = [:]
            var used = Set<Int>()
            // Exact matches first, so that «Качество» does not take the column of «Качество, %».
            for exactOnly in [true, false] {
                for (i, field) in schema.fields.enumerated() where columns[field.code] == nil {
                    let hit = columnsInOrder.first { c in
                        !used.contains(c) && texts[c]!.contains { t in
                            labels[i].contains { l in
                                exactOnly ? t == l
                                    : (!l.isEmpty && t.count >= l.count && (t.starts(with: l) || t[(t.count - l.count)...].elementsEqual(l)))
                            }
                        }
                    }
                    if let hit { columns[field.code] = hit; used.insert(hit) }
                }
            }
            if columns.count > bestScore {
                bestScore = columns.count
                best = Header(lastRow: r, columns: columns)
            }
        }
        // Half the fields must be recognised, or this is not the table.
        guard let best, bestScore * 2 >= schema.fields.count else { return nil }
        return best
    }
}
