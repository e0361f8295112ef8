import Foundation
import SvodLocale
import SvodSchema
import SvodWorkbook

/// «Всего» rows equal the sum of their parts: parts are summed per group as records stream,
/// total rows are remembered, and the two are compared when the sheet ends.
struct TotalsCheck {
    let totals: TotalsSchema
    let sheet: String
    private let labels: Set<String>
    private let keys: RecordKeys
    private let schema: SheetSchema
    private var sums: [String: [String: Decimal]] = [:]
    /// Groups and fields where a part failed its own check: their sum is unknown, and the
    /// mistake is already reported at the part.
    private var unknown: [String: Set<String>] = [:]
    private var totalRows: [(group: String, record: BoundRecord, invalid: Set<String>)] = []
    /// How each group was first typed, for messages.
    private var shownGroups: [String: String] = [:]

    init(_ totals: TotalsSchema, sheet: String, keys: RecordKeys, schema: SheetSchema) {
        self.totals = totals
        self.sheet = sheet
        self.keys = keys
        self.schema = schema
        labels = Set(totals.labels.map(ValueCoercion.normalizedKey))
    }

    /// Whether the record is a total row (it is then not a part, and not a key of its own).
    func isTotal(_ r: BoundRecord) -> Bool {
        guard case .text(let t)? = r.values[totals.labelField]?.coercion.value else { return false }
        return labels.contains(ValueCoercion.normalizedKey(t))
    }

    /// A record; `invalid` are its fields that failed their own checks.
    mutating func add(_ r: BoundRecord, invalid: Set<String> = []) {
        let group = self.group(r)
        if isTotal(r) { totalRows.append((group, r, invalid)); return }
        for f in totals.fields {
            if invalid.contains(f) { unknown[group, default: []].insert(f); continue }
            if case .number(let n)? = r.values[f]?.coercion.value { sums[group, default: [:]][f, default: 0] += n }
        }
    }

    func findings() -> [Finding] {
        var out: [Finding] = []
        for (group, r, invalid) in totalRows {
            for f in totals.fields where !invalid.contains(f) {
                guard let v = r.values[f], case .number(let total) = v.coercion.value else { continue }
                // A total with no group (the «Итого» under per-class «Всего» rows) sums every group.
                let grand = group.isEmpty && !totals.groupBy.isEmpty
                if grand ? unknown.values.contains(where: { $0.contains(f) }) : unknown[group]?.contains(f) == true { continue }
                let parts = grand ? sums.values.reduce(0) { $0 + ($1[f] ?? 0) } : sums[group]?[f] ?? 0
                guard total != parts else { continue }
                let shown = shownGroups[group] ?? group
                let within = group.isEmpty ? (ru: "", en: "") : (ru: " (\(shown))", en: " (\(shown))")
                var finding = Finding(FindingKinds.totalsSum, sheet: sheet, cell: v.cell, field: f,
                                   actual: NumberText.text(total, .en), expected: NumberText.text(parts, .en),
                                   difference: NumberText.text(total - parts, .en), message: .init(
                    ru: "итоговая строка\(within.ru): \(NumberText.text(total, .ru)), а сумма строк — \(NumberText.text(parts, .ru))",
                    en: "total row\(within.en): \(NumberText.text(total, .en)), but the rows add up to \(NumberText.text(parts, .en))"))
                finding.rowKey = TableCheck.rowKey(r, schema)
                out.append(finding)
            }
        }
        return out
    }

    /// The record's group: a code field by the list item it names («Олимпиада» and `olympiad`
    /// are one group), other fields by their normalised text.
    private mutating func group(_ r: BoundRecord) -> String {
        var shown: [String] = []
        let parts = totals.groupBy.map { code -> String in
            guard let v = r.values[code]?.coercion.value else { return "" }
            if case .code(let list)? = schema.field(code)?.type, let item = keys.itemCode(v, list: list) {
                shown.append(r.values[code].map { CellDisplay.text($0.raw) } ?? item)
                return item
            }
            switch v {
            case .text(let t): shown.append(t); return ValueCoercion.normalizedKey(t)
            case .number(let n): let s = NSDecimalNumber(decimal: n).stringValue; shown.append(s); return s
            default: return ""
            }
        }
        // A row with no group at all is the grand total.
        let key = parts.allSatisfy(\.isEmpty) ? "" : parts.joined(separator: ", ")
        if shownGroups[key] == nil, !shown.isEmpty { shownGroups[key] = shown.joined(separator: ", ") }
        return key
    }
}
