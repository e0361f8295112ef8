import Foundation
import SvodSchema
import SvodStore
import SvodValidation

/// One school's accepted values regrouped as records: sheet → rows in file order, each a key and
/// its values by field. A table's «Всего»/«Итого» rows are left out: the city's total is the sum
/// of the parts, and a school's own total, already checked against its parts, would count twice.
public struct SchoolRecords {
    /// One row of a sheet.
    public struct Record {
        /// Field → list code.
        public var key: [String: String]
        /// The key as JSON (the store's spelling), for grouping.
        public var keyJSON: String
        /// Field → value.
        public var values: [String: StoredNumber]
    }

    /// Sheet id → its records, in the order the school wrote them.
    public private(set) var sheets: [String: [Record]] = [:]

    /// Regroups `values` of a submission of `form`; `isCode(list, text)` tells a list code from a total's label.
    public init(_ values: [StoredValue], form: FormSchema, isCode: (String, String) -> Bool) {
        self.init(values.map { ($0.sheetID, $0.key, $0.field, StoredNumber($0)) }, form: form, isCode: isCode)
    }

    /// Regroups the values a check read from a file (a published table compared with the consolidation).
    public init(read values: [ReadValue], form: FormSchema, isCode: (String, String) -> Bool) {
        self.init(values.map { v -> (String, String, String, StoredNumber) in
            let number: StoredNumber
            switch v.value {
            case .number(let d): number = .number(d)
            case .bool(let b): number = .answer(b)
            case .text(let t): number = .text(t)
            default: number = .text("")
            }
            return (v.sheetID, SQLiteStore.keyJSON(v.key), v.field, number)
        }, form: form, isCode: isCode)
    }

    private init(_ values: [(sheetID: String, key: String, field: String, value: StoredNumber)], form: FormSchema, isCode: (String, String) -> Bool) {
        var index: [String: [String: Int]] = [:]
        // Keys of «Всего» rows met, so that each row's key is parsed once, not once per value.
        var totals: [String: Set<String>] = [:]
        for v in values where v.sheetID != "title" {
            let position: Int
            if let p = index[v.sheetID]?[v.key] {
                position = p
            } else {
                guard totals[v.sheetID]?.contains(v.key) != true, let sheet = form.sheet(v.sheetID) else { continue }
                let key = sheet.layout == .table ? KeyText.parse(v.key) : [:]
                if sheet.layout == .table, Self.isTotalRow(key: key, sheet: sheet, isCode: isCode) {
                    totals[v.sheetID, default: []].insert(v.key)
                    continue
                }
                sheets[v.sheetID, default: []].append(Record(key: key, keyJSON: sheet.layout == .table ? v.key : "{}", values: [:]))
                position = sheets[v.sheetID]!.count - 1
                index[v.sheetID, default: [:]][v.key] = position
            }
            sheets[v.sheetID]![position].values[v.field] = v.value
        }
    }

    private static func isTotalRow(key: [String: String], sheet: SheetSchema, isCode: (String, String) -> Bool) -> Bool {
        guard let totals = sheet.totals, let field = sheet.field(totals.labelField), case .code(let list) = field.type else { return false }
        guard let label = key[totals.labelField] else { return false }
        return !isCode(list, label)
    }

}

/// A stored value as consolidation reads it.
public enum StoredNumber: Equatable, Sendable {
    case number(Decimal)
    case answer(Bool)
    case text(String)

    init(_ v: StoredValue) {
        switch v.kind {
        case "number": self = (Self.plainDecimal(v.value) ?? Decimal(string: v.value, locale: Self.posix)).map { .number($0) } ?? .text(v.value)
        case "bool": self = .answer(v.value == "1")
        default: self = .text(v.value)
        }
    }

    /// The store writes numbers with a point; made once (a Locale per value cost a tenth of a consolidation).
    static let posix = Locale(identifier: "en_US_POSIX")

    /// The store's plain spelling (`-123.45`, at most 18 digits) read exactly without Foundation's
    /// parser, which cost the indicators a tenth of their run; nil for anything else.
    static func plainDecimal(_ text: String) -> Decimal? {
        var digits: UInt64 = 0, count = 0, places = 0, negative = false, point = false
        var utf8 = text.utf8.makeIterator()
        var first = true
        while let c = utf8.next() {
            defer { first = false }
            switch c {
            case UInt8(ascii: "-") where first: negative = true
            case UInt8(ascii: "."): guard !point, count > 0 else { return nil }; point = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                count += 1
                guard count <= 18 else { return nil }
                digits = digits * 10 + UInt64(c - UInt8(ascii: "0"))
                if point { places += 1 }
            default: return nil
            }
        }
        guard count > 0, !(point && places == 0) else { return nil }
        // Foundation's Decimal has no negative zero (sign minus with nothing is its NaN).
        if digits == 0 { return Decimal(0) }
        return Decimal(sign: negative ? .minus : .plus, exponent: -places, significand: Decimal(digits))
    }

    /// The number, if it is one.
    public var number: Decimal? { if case .number(let d) = self { return d } else { return nil } }
}

/// Row keys as the store writes them: a flat JSON object of strings.
enum KeyText {
    static func parse(_ json: String) -> [String: String] {
        guard let members = (try? JSONValue.parse(json, maxDepth: 2))?.members else { return [:] }
        var key: [String: String] = [:]
        for (k, v) in members { if let s = v.string { key[k] = s } }
        return key
    }
}
