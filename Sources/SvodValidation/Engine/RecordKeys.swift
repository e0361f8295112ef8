import Foundation
import SvodSchema

/// The identity of a table row by its key fields, as the department means it: a code field
/// counts by the list item it names, so «4 класс / Матем.» is the row «4 / Математика» — for
/// duplicates, fixed rows and matching last period's rows.
struct RecordKeys: Sendable {
    /// List id → normalised name, code or alias → item code.
    private let codes: [String: [String: String]]
    /// List id → item code → the item's name.
    private let names: [String: [String: String]]

    init(catalog: SchemaCatalog) {
        var codes: [String: [String: String]] = [:]
        var names: [String: [String: String]] = [:]
        for list in catalog.lists {
            names[list.id] = Dictionary(list.items.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
            var map: [String: String] = [:]
            for item in list.items {
                for name in [item.code, item.name] + item.aliases { map[ValueCoercion.normalizedKey(name)] = item.code }
            }
            codes[list.id] = map
        }
        self.codes = codes
        self.names = names
    }

    /// A value as it is kept: a code field's by its list item's code («Рус. яз.» → `rus`), when it names one.
    func kept(_ v: FieldValue, list: String?) -> FieldValue {
        guard let list, let code = itemCode(v, list: list) else { return v }
        return .text(code)
    }

    /// A text as a person reads it: a code field's list item by its name, anything else as it is.
    func itemName(_ text: String, field: FieldSchema?) -> String {
        guard case .code(let list)? = field?.type, let code = itemCode(.text(text), list: list) else { return text }
        return names[list]?[code] ?? text
    }

    /// A record's key.
    func key(_ record: BoundRecord, _ schema: SheetSchema) -> String {
        schema.key.map { code in
            part(record.values[code]?.coercion.value ?? .missing, schema.field(code))
        }.joined(separator: "\u{1F}")
    }

    /// A fixed row's key, from the texts the schema gives.
    func key(_ row: [String: String], _ schema: SheetSchema) -> String {
        schema.key.map { code in part(row[code].map { .text($0) } ?? .missing, schema.field(code)) }.joined(separator: "\u{1F}")
    }

    /// The code of the list item a value names, if it names one.
    func itemCode(_ v: FieldValue, list: String) -> String? {
        switch v {
        case .number(let d): return codes[list]?[NSDecimalNumber(decimal: d).stringValue]
        case .text(let t): return codes[list]?[ValueCoercion.normalizedKey(t)]
        default: return nil
        }
    }

    private func part(_ v: FieldValue, _ field: FieldSchema?) -> String {
        switch v {
        case .number(let d):
            let text = NSDecimalNumber(decimal: d).stringValue
            if case .code(let list)? = field?.type, let code = codes[list]?[text] { return code }
            return text
        case .text(let t):
            let normalized = ValueCoercion.normalizedKey(t)
            if case .code(let list)? = field?.type, let code = codes[list]?[normalized] { return code }
            return normalized
        case .bool(let b): return b ? "1" : "0"
        case .date(let d): return d.iso8601
        case .missing: return ""
        }
    }
}
