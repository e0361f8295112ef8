import Foundation
import SvodExpressions
import SvodLocale
import SvodSchema
import SvodWorkbook

/// One table sheet's records, checked as they stream: each value against its field, keys for
/// repeats, «Всего» rows against their parts, the sheet's rules per row; and the columns that
/// rules over the whole form aggregate, kept for them.
struct TableCheck {
    let pass: ValidationPass
    let schema: SheetSchema
    let sheet: String

    func run(_ stream: TableRecordStream) throws {
        let plans = pass.checks.plans(schema.fields, period: pass.form.period)
        // Columns that sheet-level rules aggregate, by position and dotted name (decided once).
        let kept: [(Int, String)] = schema.fields.enumerated().compactMap { i, f in
            pass.wantedColumns.contains("\(schema.id).\(f.code)") ? (i, "\(schema.id).\(f.code)") : nil
        }
        let sheetRules = pass.sheetRules(schema)
        if sheetRules.isEmpty, schema.key.isEmpty, schema.totals == nil, kept.isEmpty {
            // Nothing reads the records: their values are checked as they are read, none kept.
            var count = 0
            while try stream.checkNext(plans, pass.checks, sheet: sheet, into: &pass.findings) { count += 1 }
            pass.recordsSeen[schema.id] = count
            pass.dataSeen[schema.id] = count
            return
        }
        // Fields that carry data, not a row's name: a template's fixed rows come with their keys typed.
        let naming = Set(schema.key + [schema.totals?.labelField].compactMap { $0 } + schema.fields.filter(\.computed).map(\.code))
        let dataPositions = schema.fields.indices.filter { !naming.contains(schema.fields[$0].code) }
        var withData = 0
        var totals = schema.totals.map { TotalsCheck($0, sheet: sheet, keys: pass.keys, schema: schema) }
        var seenKeys: [String: Int] = [:]
        var count = 0
        while let record = try stream.next() {
            let isTotal = totals?.isTotal(record) == true
            if !isTotal { count += 1 }
            if !isTotal, dataPositions.contains(where: { record.values[position: $0].map { !$0.raw.isEmpty } ?? false }) { withData += 1 }
            let before = pass.findings.count
            let invalid = checkValues(record, plans, isTotal: isTotal)
            totals?.add(record, invalid: invalid)
            if !isTotal { checkKey(record, &seenKeys) }
            keep(record, kept, isTotal: isTotal, hasTotals: totals != nil, invalid: invalid)
            pass.runSheetRules(schema, record, sheet: sheet, invalid: invalid, isTotal: isTotal, prepared: sheetRules)
            // The row's name is worked out only for a row something was found in: most rows have none.
            if pass.findings.count > before, let rowKey = Self.rowKey(record, schema) {
                for i in before..<pass.findings.count { pass.findings[i].rowKey = rowKey }
            }
        }
        pass.recordsSeen[schema.id] = count
        pass.dataSeen[schema.id] = withData
        pass.findings += totals?.findings() ?? []
        pass.findings += fixedRowFindings(seen: seenKeys)
    }

    /// The record's field checks; the fields that failed them (read as missing by everything else).
    private func checkValues(_ record: BoundRecord, _ plans: [FieldPlan], isTotal: Bool) -> Set<String> {
        var invalid = Set<String>()
        for position in plans.indices {
            // «Всего» in the label column of a total row is not a list item.
            if isTotal && plans[position].field.code == schema.totals?.labelField { continue }
            if let v = record.values[position: position], pass.checks.check(plans[position], v, sheet: sheet, into: &pass.findings) {
                invalid.insert(plans[position].field.code)
            }
        }
        return invalid
    }

    private func checkKey(_ record: BoundRecord, _ seenKeys: inout [String: Int]) {
        guard !schema.key.isEmpty else { return }
        let key = pass.keys.key(record, schema)
        if let first = seenKeys[key] {
            let cell = record.values[schema.key[0]]?.cell
            pass.findings.append(Finding(FindingKinds.keyDuplicate, sheet: sheet, cell: cell, field: schema.key[0], message: .init(
                ru: "строка повторяет строку \(first + 1) (те же \(keyLabels(.ru)))",
                en: "the row repeats row \(first + 1) (same \(keyLabels(.en)))")))
        } else {
            seenKeys[key] = record.row
        }
    }

    private func keyLabels(_ l: Language) -> String {
        schema.key.map { code in schema.field(code).map { "«\($0.label)»" } ?? code }.joined(separator: l == .ru ? " и " : " and ")
    }

    /// Aggregates run over the rows, not the «Всего» rows that already sum them; the column
    /// named alone (`results.n` outside SUM) is its grand total, or its last row.
    private func keep(_ record: BoundRecord, _ kept: [(Int, String)], isTotal: Bool, hasTotals: Bool, invalid: Set<String>) {
        for (position, name) in kept {
            let failed = invalid.contains(schema.fields[position].code)
            let v = failed ? .missing : record.values[position: position].map { RecordEnvironment.expression($0.coercion.value) } ?? .missing
            if !isTotal {
                pass.columns[name, default: []].append(v)
                if failed { pass.spoiledColumns.insert(name) }
            }
            if isTotal || !hasTotals { pass.scalars[name] = v }
        }
    }

    /// A table with a fixed list of rows (every subject of the form): each must be there, and no other.
    private func fixedRowFindings(seen: [String: Int]) -> [Finding] {
        guard !schema.fixedRows.isEmpty, !schema.key.isEmpty else { return [] }
        var out: [Finding] = []
        var expected = Set<String>()
        for row in schema.fixedRows {
            let key = pass.keys.key(row, schema)
            expected.insert(key)
            if seen[key] == nil {
                let shown = schema.key.compactMap { row[$0] }.joined(separator: ", ")
                out.append(Finding(FindingKinds.rowMissing, sheet: sheet, message: .init(
                    ru: "нет строки «\(shown)»", en: "the row '\(shown)' is missing")))
            }
        }
        for (key, row) in seen.sorted(by: { $0.value < $1.value }) where !expected.contains(key) {
            let shown = key.replacingOccurrences(of: "\u{1F}", with: ", ")
            out.append(Finding(FindingKinds.rowUnexpected, sheet: sheet, cell: CellReference(row: row, column: 0), message: .init(
                ru: "строки «\(shown)» нет в перечне формы", en: "the row '\(shown)' is not in the form's list")))
        }
        return out
    }

    /// The row as a person names it: its key fields as typed («4, Русский язык»), or, without a
    /// key, the label of its «Всего» column.
    static func rowKey(_ record: BoundRecord, _ schema: SheetSchema) -> LocalizedText? {
        let fields = schema.key.isEmpty ? (schema.totals.map { [$0.labelField] } ?? []) : schema.key
        let parts = fields.compactMap { code -> LocalizedText? in
            guard let raw = record.values[code]?.raw, !raw.isEmpty else { return nil }
            return NumberText.shown(raw)
        }
        guard !parts.isEmpty else { return nil }
        return .init(ru: parts.map(\.ru).joined(separator: ", "), en: parts.map(\.en).joined(separator: ", "))
    }
}
