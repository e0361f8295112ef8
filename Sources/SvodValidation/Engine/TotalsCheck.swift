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
    private var sums: [String: [String: Decimal]] = [:]
    private var totalRows: [(group: String, record: BoundRecord)] = []

    init(_ totals: TotalsSchema, sheet: String) {
        self.totals = totals
        self.sheet = sheet
        labels = Set(totals.labels.map(ValueCoercion.normalizedKey))
    }

    /// Whether the record is a total row (it is then not a part, and not a key of its own).
    func isTotal(_ r: BoundRecord) -> Bool {
        guard case .text(let t)? = r.values[totals.labelField]?.coercion.value else { return false }
        return labels.contains(ValueCoercion.normalizedKey(t))
    }

    mutating func add(_ r: BoundRecord) {
        let group = Self.group(r, totals.groupBy)
        if isTotal(r) { totalRows.append((group, r)); return }
        for f in totals.fields {
            if case .number(let n)? = r.values[f]?.coercion.value { sums[group, default: [:]][f, default: 0] += n }
        }
    }

    func findings() -> [Finding] {
        var out: [Finding] = []
        for (group, r) in totalRows {
            for f in totals.fields {
                guard let v = r.values[f], case .number(let total) = v.coercion.value else { continue }
                // A total with no group (the «Итого» under per-class «Всего» rows) sums every group.
                let grand = group.isEmpty && !totals.groupBy.isEmpty
                let parts = grand ? sums.values.reduce(0) { $0 + ($1[f] ?? 0) } : sums[group]?[f] ?? 0
                guard total != parts else { continue }
                let within = group.isEmpty ? (ru: "", en: "") : (ru: " (\(group))", en: " (\(group))")
                out.append(Finding(.error, rule: "totals.sum", sheet: sheet, cell: v.cell, field: f,
                                   actual: NumberText.text(total, .en), expected: NumberText.text(parts, .en),
                                   difference: NumberText.text(total - parts, .en), message: .init(
                    ru: "итоговая строка\(within.ru): \(NumberText.text(total, .ru)), а сумма строк — \(NumberText.text(parts, .ru))",
                    en: "total row\(within.en): \(NumberText.text(total, .en)), but the rows add up to \(NumberText.text(parts, .en))")))
            }
        }
        return out
    }

    private static func group(_ r: BoundRecord, _ by: [String]) -> String {
        by.map { code -> String in
            switch r.values[code]?.coercion.value {
            case .text(let t)?: return t
            case .number(let n)?: return NSDecimalNumber(decimal: n).stringValue
            default: return ""
            }
        }.joined(separator: ", ")
    }
}
