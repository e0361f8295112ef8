import Foundation
import SvodExpressions
import SvodLocale
import SvodSchema
import SvodWorkbook

/// A sheet's per-row rules, with what each one's finding points at, decided once per sheet.
struct SheetRules {
    let rules: [CompiledRule]
    /// The field a rule's finding points at: its left side, else its first field.
    let targets: [String?]
    let targetPlaces: [Int?]
    let codeFields: [String: String]
    var isEmpty: Bool { rules.isEmpty }
}

extension ValidationPass {
    /// The per-row rules of one sheet.
    func sheetRules(_ schema: SheetSchema) -> SheetRules {
        let own = rules.filter { $0.perRecord && $0.schema.sheet == schema.id }
        let targets: [String?] = own.map { rule in
            rule.comparison.flatMap { Self.fieldName($0.left) } ?? rule.checkReferences.first { schema.field($0) != nil }
        }
        let places: [Int?] = targets.map { $0.flatMap { field(named: $0, on: schema) }.flatMap(Self.places) }
        return SheetRules(rules: own, targets: targets, targetPlaces: places, codeFields: Self.codeFields(schema))
    }

    /// Last period's record matching this one (by key; a sheet without a key has one record).
    func previousRecord(_ record: BoundRecord, _ schema: SheetSchema) -> BoundRecord? {
        guard let rows = previous[schema.id] else { return nil }
        return schema.key.isEmpty ? rows.first?.value : rows[keys.key(record, schema)]
    }

    /// Runs a sheet's per-row rules on one record.
    func runSheetRules(_ schema: SheetSchema, _ record: BoundRecord, sheet name: String, invalid: Set<String>,
                       isTotal: Bool = false, prepared: SheetRules? = nil) {
        let sheetRules = prepared ?? self.sheetRules(schema)
        guard !sheetRules.isEmpty else { return }
        let prev = previousRecord(record, schema)
        var env = environment(record: record, codeFields: sheetRules.codeFields, previous: prev, invalid: invalid)
        env.scalars = scalars
        for (k, rule) in sheetRules.rules.enumerated() {
            if rule.schema.crossPeriod && prev == nil { continue }
            if isTotal && rule.readsOtherSheet { continue }
            let target = sheetRules.targets[k]
            let (cell, sheetName) = place(of: target, in: record, sheet: name)
            // A code field's finding shows what was typed («Лицей № 1»), not the list code.
            let typed = target.flatMap { t in sheetRules.codeFields[t] != nil ? record.values[t].map { CellDisplay.text($0.raw) } : nil }
            guard var f = RuleRunner.run(rule, env, places: sheetRules.targetPlaces[k], sheet: sheetName, cell: cell, field: target, typed: typed)
            else { continue }
            if rule.schema.crossPeriod, let target, let before = prev?.values[target], !before.raw.isEmpty {
                let shown = NumberText.shown(before.raw)
                f.previous = shown.en
                f.message = .init(ru: f.message.ru + " (в прошлом периоде — \(shown.ru))", en: f.message.en + " (last period: \(shown.en))")
            }
            findings.append(f)
        }
    }

    /// Rules over the whole form (they read other tables' columns or keyed rows), once each;
    /// those reading other forms are `runCrossFormRules`'.
    func runFormRules() {
        for rule in rules where !rule.perRecord && rule.otherForms.isEmpty { runFormRule(rule) }
    }

    /// One rule over the whole form; `others`: the school's other forms it reads.
    func runFormRule(_ rule: CompiledRule, others: [String: FormValues] = [:]) {
        // An aggregate over a column with a value that failed its own check is unknown: that
        // value is already reported, and a sum without it would report it again at the total.
        if rule.references.contains(where: spoiledColumns.contains) { return }
        var env = environment(record: formRecords[rule.schema.sheet], codeFields: form.sheet(rule.schema.sheet).map(Self.codeFields) ?? [:],
                              invalid: formChecked[rule.schema.sheet]?.invalid ?? [])
        env.columns = columns
        env.scalars = scalars
        env.own = mine
        env.others = others
        let target = formRuleTarget(rule)
        if var f = RuleRunner.run(rule, env, places: target.places, sheet: target.sheet, cell: target.cell, field: target.cell == nil ? nil : target.field) {
            f.rowKey = target.row
            findings.append(f)
        }
    }

    /// Where a rule over the whole form points: its left side when that is one cell (a form
    /// sheet's field, or a keyed row of this form), else the rule's sheet.
    private func formRuleTarget(_ rule: CompiledRule) -> (cell: CellReference?, sheet: String, field: String?, places: Int?, row: LocalizedText?) {
        let ownSheet = sheetNames[rule.schema.sheet] ?? rule.schema.sheet
        if case .reference(let r)? = rule.comparison?.left, r.form == nil {
            let places = form.sheet(r.sheet)?.field(r.field).flatMap(Self.places)
            return (mine.slot(r)?.cell, sheetNames[r.sheet] ?? ownSheet, r.field, places, mine.rowName(r))
        }
        var target = rule.comparison.flatMap { Self.fieldName($0.left) }
        // A rule reading keyed rows or other forms points, failing one cell, at the first field
        // of its form sheet it names (`rus_total + math_total <= …` at rus_total), as a row's rule does.
        if target == nil, !rule.valueReferences.isEmpty, let sheet = form.sheet(rule.schema.sheet), sheet.layout == .form {
            target = rule.checkReferences.first { sheet.field($0) != nil }
        }
        let (cell, sheetName) = place(of: target, in: formRecords[rule.schema.sheet], sheet: ownSheet)
        let places = target.flatMap { field(named: $0, on: form.sheet(rule.schema.sheet)) }.flatMap(Self.places)
        return (cell, sheetName, target, places, nil)
    }
}
