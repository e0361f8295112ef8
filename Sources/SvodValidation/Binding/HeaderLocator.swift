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

    /// A sheet's first rows with their texts as normalised UTF-8 keys, by column: computed once
    /// however many schemas look for their header in them (form detection tries every form).
    /// Compared as bytes: String's Unicode-aware comparison cost more than everything else when
    /// a file was matched against every form.
    struct Rows {
        let rows: [Row]
        let texts: [[(column: Int, key: [UInt8])]]
        init(_ rows: [Row]) {
            self.rows = rows
            texts = rows.map { row in
                row.cells.compactMap { cell in
                    guard case .text(let t) = cell.value else { return nil }
                    return (cell.column, Array(ValueCoercion.normalizedKey(t).utf8))
                }
            }
        }
    }

    /// A sheet schema's field labels and aliases as normalised UTF-8 keys, computed once per form.
    struct Labels: Sendable {
        let codes: [String]
        /// Per field, its label and aliases.
        let perField: [[[UInt8]]]
        /// Label → the fields it is a label of, for the exact pass.
        let exact: [[UInt8]: [Int]]

        init(_ schema: SheetSchema) {
            codes = schema.fields.map(\.code)
            perField = schema.fields.map { f in ([f.label] + f.aliases).map { Array(ValueCoercion.normalizedKey($0).utf8) } }
            var exact: [[UInt8]: [Int]] = [:]
            for (i, labels) in perField.enumerated() {
                for l in Set(labels) { exact[l, default: []].append(i) }
            }
            self.exact = exact
        }
    }

    /// The header among `rows` (the first rows of the sheet, as read).
    static func locate(_ schema: SheetSchema, in rows: [Row]) -> Header? {
        locate(schema, labels: Labels(schema), in: Rows(rows))
    }

    /// The header among `scanned`, the fields' labels given as `Labels(schema)`.
    static func locate(_ schema: SheetSchema, labels: Labels, in scanned: Rows) -> Header? {
        let rows = scanned.rows
        let fieldCount = labels.codes.count
        guard !rows.isEmpty else { return nil }
        var best: Header?
        var bestScore = 0
        // Two rows at least: a label merged down over two rows sits on the first, the column
        // labels under a merged group label on the second (the usual ВПР and ОГЭ layouts).
        let depth = max(2, schema.headerRows)
        for (k, row) in rows.enumerated() {
            let window = max(0, k - depth + 1)...k
            // Each field found takes a column with a text: a window with too few texts can
            // neither be the header (half the fields) nor beat the best so far.
            let textCount = window.reduce(0) { $0 + scanned.texts[$1].count }
            guard textCount * 2 >= fieldCount, textCount > bestScore else { continue }
            // Texts of this row and the header rows above it, by column.
            var texts: [Int: [[UInt8]]] = [:]
            for above in window {
                for (column, key) in scanned.texts[above] { texts[column, default: []].append(key) }
            }
            let columnsInOrder = texts.keys.sorted()
            let r = row.index
            var found = [Int?](repeating: nil, count: fieldCount)
            var used = Set<Int>()
            // Exact matches first, so that «Качество» does not take the column of «Качество, %»:
            // each field takes the leftmost free column one of whose texts is its label.
            var exactColumns = [[Int]](repeating: [], count: fieldCount)
            for c in columnsInOrder {
                for t in texts[c]! {
                    for i in labels.exact[t] ?? [] where exactColumns[i].last != c { exactColumns[i].append(c) }
                }
            }
            for i in 0..<fieldCount {
                if let hit = exactColumns[i].first(where: { !used.contains($0) }) { found[i] = hit; used.insert(hit) }
            }
            // Then containment: a label that begins or ends a column's text.
            for i in 0..<fieldCount where found[i] == nil {
                let hit = columnsInOrder.first { c in
                    !used.contains(c) && texts[c]!.contains { t in
                        labels.perField[i].contains { l in
                            !l.isEmpty && t.count >= l.count && (t.starts(with: l) || t[(t.count - l.count)...].elementsEqual(l))
                        }
                    }
                }
                if let hit { found[i] = hit; used.insert(hit) }
            }
            var columns: [String: Int] = [:]
            for i in 0..<fieldCount { if let c = found[i] { columns[labels.codes[i]] = c } }
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
