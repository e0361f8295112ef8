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
        let wanted = pass.mine.wants(sheet: schema.id)
        if sheetRules.isEmpty, schema.key.isEmpty, schema.totals == nil, kept.isEmpty, pass.values == nil, !wanted {
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
        var failures: [RowFailure] = []
        while let record = try stream.next() {
            let isTotal = totals?.isTotal(record) == true
            if !isTotal { count += 1 }
            // A «Всего» row is no data of its own: a template's carries formulas.
            if !isTotal, dataPositions.contains(where: { record.values[position: $0].map { !$0.raw.isEmpty } ?? false }) { withData += 1 }
            let before = pass.findings.count
            let invalid = checkValues(record, plans, isTotal: isTotal)
            totals?.add(record, invalid: invalid)
            if !isTotal { checkKey(record, &seenKeys) }
            keep(record, kept, isTotal: isTotal, hasTotals: totals != nil, invalid: invalid)
            if wanted { keepForOthers(record, isTotal: isTotal, invalid: invalid, lists: sheetRules.codeFields) }
            let beforeRules = pass.findings.count
            pass.runSheetRules(schema, record, sheet: sheet, invalid: invalid, isTotal: isTotal, prepared: sheetRules)
            if !isTotal, totals != nil {
                failures += RowFailure.of(pass.findings, from: beforeRules, record: record, rules: sheetRules.rules)
            }
            if let values = pass.values { emit(record, to: values, lists: sheetRules.codeFields) }
            // The row's name is worked out only for a row something was found in: most rows have none.
            if pass.findings.count > before, let rowKey = Self.rowKey(record, schema) {
                for i in before..<pass.findings.count { pass.findings[i].rowKey = rowKey }
            }
        }
        pass.recordsSeen[schema.id] = count
        pass.dataSeen[schema.id] = withData
        var totalFindings = totals?.findings() ?? []
        if schema.totals?.groupBy.isEmpty == true { locate(&totalFindings, failures) }
        pass.findings += totalFindings
        pass.findings += fixedRowFindings(seen: seenKeys)
    }

    /// One typed value wrong in a row that a rule sums and a column a «Всего» row totals shows
    /// twice: the row's rule fails, and so does the column's total, by the same amount. That
    /// cell is the one mistake: the row's finding moves there, and the total's is left out.
    /// Only when exactly one failed row explains the column, so two mistakes are never merged.
    private func locate(_ totalFindings: inout [Finding], _ failures: [RowFailure]) {
        var used = Set<Int>()
        totalFindings.removeAll { t in
            guard let field = t.field, let d = t.difference.flatMap({ Decimal(string: $0) }) else { return false }
            let fits = failures.filter { !used.contains($0.index) && $0.cells[field] != nil && abs($0.difference) == abs(d) }
            guard fits.count == 1, let failure = fits.first, let cell = failure.cells[field] else { return false }
            used.insert(failure.index)
            var f = pass.findings[failure.index]
            let label = schema.field(field)?.label ?? field
            let amount = (ru: NumberText.text(abs(d), .ru), en: NumberText.text(abs(d), .en))
            f.cell = cell
            f.field = field
            f.message = .init(ru: f.message.ru + "; столбец «\(label)» тоже не сходится с итоговой строкой на \(amount.ru): вероятно, ошибка в этой ячейке",
                              en: f.message.en + "; the column '\(label)' is off its total row by \(amount.en) too: this cell is likely the mistake")
            pass.findings[failure.index] = f
            return true
        }
    }

    /// Every value of a record, with the row's key as codes and as a person reads it; `lists`
    /// are the sheet's code fields, whose values are kept as their list items' codes.
    private func emit(_ record: BoundRecord, to sink: ReadValueSink, lists: [String: String]) {
        let shown = Self.rowKey(record, schema, .ru)
        var key: [String: String] = [:]
        for code in schema.key.isEmpty ? [schema.totals?.labelField].compactMap({ $0 }) : schema.key {
            switch record.values[code].map({ pass.keys.kept($0.coercion.value, list: lists[code]) }) {
            case .text(let t)?: key[code] = t
            case .number(let n)?: key[code] = "\(n)"
            default: break
            }
        }
        for (code, v) in record.values.all where v.coercion.value != .missing {
            sink.take(ReadValue(sheetID: schema.id, sheet: sheet, rowKey: shown, key: key, field: code, cell: v.cell,
                                value: pass.keys.kept(v.coercion.value, list: lists[code])))
        }
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
        schema.key.map { code in schema.field(code).map { l == .ru ? "«\($0.label)»" : "'\($0.label)'" } ?? code }
            .joined(separator: l == .ru ? " и " : " and ")
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

    /// The record's values that rules read outside its row (its keyed row, another form's rules),
    /// a value that failed its own check as missing, a code field's as its list item's code.
    private func keepForOthers(_ record: BoundRecord, isTotal: Bool, invalid: Set<String>, lists: [String: String]) {
        var slots: [String: FormValues.Slot] = [:]
        for (code, v) in record.values.all {
            let value = invalid.contains(code) ? .missing : RecordEnvironment.expression(pass.keys.kept(v.coercion.value, list: lists[code]))
            slots[code] = FormValues.Slot(value: value, cell: v.cell)
        }
        pass.mine.addRow(schema, key: pass.keys.key(record, schema), isTotal: isTotal, slots)
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
                // A fixed row is declared by its list codes («tourism»): a school reads the item's name.
                let shown = schema.key.compactMap { code in row[code].map { pass.keys.itemName($0, field: schema.field(code)) } }.joined(separator: ", ")
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

    /// The row as a person names it, in one language: its key fields as typed («4, Русский язык»),
    /// or, without a key, the label of its «Всего» column. (The values' sink names every value's
    /// row in Russian only: the other language would be made and thrown away.)
    static func rowKey(_ record: BoundRecord, _ schema: SheetSchema, _ language: Language) -> String? {
        let fields = schema.key.isEmpty ? (schema.totals.map { [$0.labelField] } ?? []) : schema.key
        let parts = fields.compactMap { code -> String? in
            guard let raw = record.values[code]?.raw, !raw.isEmpty else { return nil }
            return NumberText.shown(raw, language)
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// The row as a person names it, in both languages.
    static func rowKey(_ record: BoundRecord, _ schema: SheetSchema) -> LocalizedText? {
        rowKey(record, schema, .ru).map { .init(ru: $0, en: rowKey(record, schema, .en) ?? $0) }
    }
}

/// A row rule's error with a number behind it: where each field it reads is, and by how much it failed.
struct RowFailure {
    /// The finding's index in the pass's findings.
    let index: Int
    let cells: [String: CellReference]
    let difference: Decimal

    /// The failures among `findings[from...]`, found by a rule of `rules` on `record`.
    static func of(_ findings: [Finding], from: Int, record: BoundRecord, rules: [CompiledRule]) -> [RowFailure] {
        guard from < findings.count else { return [] }
        return (from..<findings.count).compactMap { i in
            let f = findings[i]
            guard f.severity == .error, let d = f.difference.flatMap({ Decimal(string: $0) }),
                  let rule = rules.first(where: { $0.schema.id == f.rule }) else { return nil }
            var cells: [String: CellReference] = [:]
            for name in rule.checkReferences { if let v = record.values[name] { cells[name] = v.cell } }
            return RowFailure(index: i, cells: cells, difference: d)
        }
    }
}
