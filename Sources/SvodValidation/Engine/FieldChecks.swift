import Foundation
import SvodLocale
import SvodSchema
import SvodWorkbook

/// The checks every field gets from its declaration: filled when required, readable as its
/// type, within its bounds, one of its allowed values or list items, matching its pattern.
/// A text as a dictionary key by its bytes: String hashing normalises Unicode first, which for
/// Cyrillic costs more than the check it would save. Two spellings of one text that differ in
/// bytes merely miss the memo.
struct TextKey: Hashable {
    let text: String
    init(_ text: String) { self.text = text }
    func hash(into h: inout Hasher) {
        var t = text
        t.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
    static func == (a: TextKey, b: TextKey) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
}

struct FieldChecks {
    let lists: [String: Set<String>]
    private var patterns: [String: NSRegularExpression] = [:]
    /// Whether a text is in a list, by list and text as written: the same few subjects and
    /// classes repeat on every row, and normalising each of them again would dominate.
    private var listMemo: [String: [TextKey: Bool]] = [:]

    init(catalog: SchemaCatalog) {
        var lists: [String: Set<String>] = [:]
        for l in catalog.lists {
            lists[l.id] = Set(l.items.flatMap { [$0.code, $0.name] + $0.aliases }.map(ValueCoercion.normalizedKey))
        }
        self.lists = lists
    }

    /// Checks one value; true when it is an error, so that rules treat it as missing rather than
    /// repeat the same mistake as a broken sum or share.
    @discardableResult
    mutating func check(_ field: FieldSchema, _ v: BoundValue, sheet: String, into out: inout [Finding]) -> Bool {
        let before = out.count
        return checkValue(field, v, sheet: sheet, into: &out) || out[before...].contains { $0.severity == .error }
    }

    private mutating func checkValue(_ field: FieldSchema, _ v: BoundValue, sheet: String, into out: inout [Finding]) -> Bool {
        // Built only when a finding needs it: most values pass, and this runs for each of them.
        var label: String { field.label.hasPrefix("«") ? field.label : "«\(field.label)»" }
        func add(_ severity: Severity, _ rule: String, ru: String, en: String, expected: String? = nil) {
            out.append(Finding(severity, rule: rule, sheet: sheet, cell: v.cell, field: field.code, actual: Self.shown(v.raw),
                               expected: expected, message: .init(ru: ru, en: en)))
        }
        if let problem = v.coercion.problem {
            add(.error, "field.type", ru: "\(label): \(problem.message.ru)", en: "\(label): \(problem.message.en)")
            return true
        }
        // A fraction under a percent format is how Excel stores «81,7 %»: nothing to report.
        for note in v.coercion.notes where note != .percentAsFraction {
            add(.warning, "field.format", ru: "\(label): \(note.message.ru)", en: "\(label): \(note.message.en)")
        }
        switch v.coercion.value {
        case .missing:
            if field.required {
                add(.error, "field.required", ru: "не заполнено \(label)", en: "\(label) is empty")
            }
        case .number(let n):
            // Bounds are compared on the cell's own double when there is one: turning every
            // Decimal into an NSDecimalNumber to compare it would cost more than all the rest.
            let d: Double
            if case .number(let x) = v.raw {
                d = v.coercion.notes.contains(.percentAsFraction) ? x * 100 : x
            } else {
                d = NSDecimalNumber(decimal: n).doubleValue
            }
            if let min = field.min, d < min {
                add(.error, "field.range", ru: "\(label) не может быть меньше \(Self.number(min, .ru))", en: "\(label) cannot be less than \(Self.number(min, .en))",
                    expected: "≥ \(Self.number(min, .en))")
            }
            if let max = field.max, d > max {
                add(.error, "field.range", ru: "\(label) не может быть больше \(Self.number(max, .ru))", en: "\(label) cannot be greater than \(Self.number(max, .en))",
                    expected: "≤ \(Self.number(max, .en))")
            }
        case .text(let t):
            if case .code(let list) = field.type, let items = lists[list], !inList(t, list, items) {
                add(.error, "field.list", ru: "\(label): «\(t)» нет в справочнике «\(list)»", en: "\(label): '\(t)' is not in the list '\(list)'")
            }
            if !field.allowed.isEmpty, !isAllowed(t, field) {
                add(.error, "field.allowed", ru: "\(label): допустимо только \(field.allowed.joined(separator: ", "))",
                    en: "\(label): only \(field.allowed.joined(separator: ", ")) allowed", expected: field.allowed.joined(separator: "|"))
            }
            if let p = field.pattern, !matches(t, p) {
                add(.error, "field.pattern", ru: "\(label): «\(t)» не соответствует образцу", en: "\(label): '\(t)' does not match the pattern")
            }
        default:
            break
        }
        return false
    }

    /// Allowed values normalised once per field, and each text's verdict remembered.
    private var allowedSets: [String: Set<String>] = [:]

    private mutating func isAllowed(_ t: String, _ field: FieldSchema) -> Bool {
        let memoKey = "\u{1F}allowed\u{1F}" + field.code
        if let known = listMemo[memoKey]?[TextKey(t)] { return known }
        if allowedSets[field.code] == nil { allowedSets[field.code] = Set(field.allowed.map(ValueCoercion.normalizedKey)) }
        let hit = allowedSets[field.code]!.contains(ValueCoercion.normalizedKey(t))
        if listMemo[memoKey, default: [:]].count < 100_000 { listMemo[memoKey, default: [:]][TextKey(t)] = hit }
        return hit
    }

    private mutating func matches(_ t: String, _ p: String) -> Bool {
        let memoKey = "\u{1F}pattern\u{1F}" + p
        if let known = listMemo[memoKey]?[TextKey(t)] { return known }
        if patterns[p] == nil { patterns[p] = try? NSRegularExpression(pattern: "^(?:" + p + ")$") }
        guard let re = patterns[p] else { return true }
        let hit = re.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)) != nil
        if listMemo[memoKey, default: [:]].count < 100_000 { listMemo[memoKey, default: [:]][TextKey(t)] = hit }
        return hit
    }

    private mutating func inList(_ t: String, _ list: String, _ items: Set<String>) -> Bool {
        if let known = listMemo[list]?[TextKey(t)] { return known }
        let hit = items.contains(ValueCoercion.normalizedKey(t))
        if listMemo[list, default: [:]].count < 100_000 { listMemo[list, default: [:]][TextKey(t)] = hit }
        return hit
    }

    static func number(_ d: Double, _ l: Language) -> String {
        NumberText.text(Decimal(d), l)
    }

    static func shown(_ v: CellValue) -> String? {
        switch v {
        case .empty: return nil
        case .number(let d): return NumberText.text(Decimal(d), .en)
        case .text(let s): return s
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .date(let d): return d.iso8601
        case .time(let s), .duration(let s): return String(s)
        case .error(let e): return e
        }
    }
}
