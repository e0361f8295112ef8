import SvodSchema

/// The order rows are published in: by the key fields' list order (classes 4, 5, 6…; subjects as
/// the list gives them), codes a list does not know after the known ones, alphabetically — so
/// the same data always gives the same file.
public struct RowOrder {
    let catalog: SchemaCatalog

    /// An order reading list positions from `catalog`.
    public init(catalog: SchemaCatalog) { self.catalog = catalog }

    /// The rows of `city` (a sheet of `sheet`), in publishing order.
    public func rows(_ city: CitySheet, sheet: SheetSchema) -> [CityRow] {
        let positions: [[String: Int]] = sheet.key.map { code in
            guard let field = sheet.field(code), case .code(let list) = field.type, let items = catalog.list(list)?.items else { return [:] }
            return Dictionary(items.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        }
        func rank(_ row: CityRow) -> [(Int, String)] {
            zip(sheet.key, positions).map { code, p in
                let v = row.key[code] ?? ""
                return (p[v] ?? Int.max, v)
            }
        }
        return city.rows.values.sorted { a, b in
            for (x, y) in zip(rank(a), rank(b)) where x != y { return x < y }
            return false
        }
    }

    /// Codes of one key field in its list's order, codes the list does not know after them,
    /// alphabetically (a programme table's rows by one field of a longer key).
    public func codes(_ codes: Set<String>, field: FieldSchema?) -> [String] {
        var position: [String: Int] = [:]
        if let field, case .code(let list) = field.type, let items = catalog.list(list)?.items {
            for (i, item) in items.enumerated() where position[item.code] == nil { position[item.code] = i }
        }
        return codes.sorted { (position[$0] ?? Int.max, $0) < (position[$1] ?? Int.max, $1) }
    }

    /// A row's key as a person reads it: the list items' names, in key order («4, Математика»).
    public func name(_ row: CityRow, sheet: SheetSchema) -> String {
        sheet.key.compactMap { code -> String? in
            guard let v = row.key[code] else { return nil }
            return itemName(v, field: sheet.field(code))
        }.joined(separator: ", ")
    }

    /// The name of a list code for a code field (the code itself when the list does not know it).
    public func itemName(_ code: String, field: FieldSchema?) -> String {
        guard let field, case .code(let list) = field.type else { return code }
        return catalog.list(list)?.items.first { $0.code == code }?.name ?? code
    }
}
