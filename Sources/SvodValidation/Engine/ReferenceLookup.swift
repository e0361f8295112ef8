import Foundation
import SvodExpressions
import SvodSchema

/// LOOKUP over the catalog's reference tables. A key may be written as a list item's code or
/// as any of its names («Русский язык», «rus»): forms hold names, tables are keyed by codes.
struct ReferenceLookup: Sendable {
    private let tables: [String: [String: Decimal]]
    private let codeOf: [String: String]

    init(catalog: SchemaCatalog) {
        var codeOf: [String: String] = [:]
        for list in catalog.lists {
            for item in list.items {
                for name in [item.code, item.name] + item.aliases { codeOf[ValueCoercion.normalizedKey(name)] = item.code }
            }
        }
        self.codeOf = codeOf
        var tables: [String: [String: Decimal]] = [:]
        for (id, t) in catalog.tables {
            var normalized: [String: Decimal] = [:]
            for (key, value) in t.values {
                let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map { Self.canonical(String($0), codeOf) }
                normalized[parts.joined(separator: "\u{1F}")] = value
            }
            tables[id] = normalized
        }
        self.tables = tables
    }

    func value(_ table: String, _ keys: [ExpressionValue]) -> ExpressionValue {
        let parts = keys.map { key -> String in
            switch key {
            case .number(let d): return NSDecimalNumber(decimal: d).stringValue
            case .text(let t): return Self.canonical(t, codeOf)
            case .bool(let b): return b ? "true" : "false"
            case .missing: return ""
            }
        }
        return tables[table]?[parts.joined(separator: "\u{1F}")].map { .number($0) } ?? .missing
    }

    private static func canonical(_ s: String, _ codeOf: [String: String]) -> String {
        let key = ValueCoercion.normalizedKey(s)
        return codeOf[key] ?? key
    }
}
