import Foundation
import SvodExpressions
import SvodLocale
import SvodSchema

extension ValidationPass {
    /// Rules comparing this file with the school's other forms for the period: this form's own
    /// (they read the others), and — when the source says so, at the import — the other forms'
    /// rules that read this one, whose file arrived first. A form not to be had is one
    /// `crossform.not-compared` note listing the rules left out.
    func runCrossFormRules() {
        guard let source else { return }
        var lookups: [String: CrossFormLookup] = [:]
        var notCompared: [(form: String, reason: LocalizedText, rules: [String])] = []
        for rule in rules where !rule.otherForms.isEmpty {
            var others: [String: FormValues] = [:]
            for id in rule.otherForms where source.covers(id) {
                switch lookup(id, source, &lookups) {
                case .found(let values): others[id] = values
                case .absent(let reason):
                    if let i = notCompared.firstIndex(where: { $0.form == id }) { notCompared[i].rules.append(rule.schema.id) }
                    else { notCompared.append((id, reason, [rule.schema.id])) }
                }
            }
            if others.count == rule.otherForms.count { runFormRule(rule, others: others) }
        }
        for (id, reason, ids) in notCompared {
            let title = validator.catalog.form(id)?.title ?? LocalizedText(ru: id, en: id)
            let list = ids.joined(separator: ", ")
            let left = ids.count == 1 ? (ru: "правило \(list) не проверено", en: "rule \(list) was not checked")
                : (ru: "правила \(list) не проверены", en: "rules \(list) were not checked")
            findings.append(Finding(FindingKinds.crossformNotCompared, message: .init(
                ru: "не сверено с формой «\(title.ru)» (\(id)): \(reason.ru); \(left.ru)",
                en: "not compared with the form '\(title.en)' (\(id)): \(reason.en); \(left.en)")))
        }
        if source.checksReaders { runReadingRules(source, &lookups) }
    }

    /// The other form's values for this file's school and period, asked once per file.
    private func lookup(_ id: String, _ source: CrossFormSource, _ cache: inout [String: CrossFormLookup]) -> CrossFormLookup {
        if let known = cache[id] { return known }
        let found: CrossFormLookup
        if let school = identity.school, let period = identity.period {
            found = source.values(of: id, school: school, period: period)
        } else {
            found = .absent(.init(ru: "на листе «Титул» не читается школа или период", en: "«Титул» names no readable school or period"))
        }
        cache[id] = found
        return found
    }

    /// Other forms' rules reading this form, run with their forms' values from the source and
    /// this file's: the finding goes to this file, at the cell of it the rule reads.
    private func runReadingRules(_ source: CrossFormSource, _ cache: inout [String: CrossFormLookup]) {
        for reader in validator.crossForm.readingRules(of: form.id) {
            var others: [String: FormValues] = [form.id: mine]
            for id in [reader.form.id] + reader.rule.otherForms where id != form.id {
                if case .found(let values) = lookup(id, source, &cache) { others[id] = values }
            }
            guard let theirs = others.removeValue(forKey: reader.form.id), others.count == reader.rule.otherForms.count else { continue }
            if let f = readingFinding(reader, theirs: theirs, others: others) { findings.append(f) }
        }
    }

    private func readingFinding(_ reader: CrossFormRules.Reader, theirs: FormValues, others: [String: FormValues]) -> Finding? {
        let rule = reader.rule
        var env = theirs.environment(for: rule.schema.sheet)
        env.others = others
        env.reference = validator.reference
        let places = rule.comparison.flatMap { Self.places(of: $0.left, in: reader.form, sheet: rule.schema.sheet) }
        let here = rule.valueReferences.first { $0.form == form.id }
        // A column read whole (COUNT over its rows) is no one cell: the finding names the sheet.
        let slot = here.flatMap { rule.check.aggregatedReferences.contains($0) ? nil : mine.slot($0) }
        let sheet = here.map { sheetNames[$0.sheet] ?? $0.sheet } ?? ""
        guard var f = RuleRunner.run(rule, env, places: places, sheet: sheet, cell: slot?.cell, field: slot?.cell == nil ? nil : here?.field)
        else { return nil }
        f.rowKey = here.flatMap { mine.rowName($0) }
        let period = identity.period ?? ""
        f.message = .init(
            ru: f.message.ru + " (сверка формы «\(reader.form.title.ru)» (\(reader.form.id)) с этим файлом: её файл этой школы за \(period) принят раньше)",
            en: f.message.en + " (the form '\(reader.form.title.en)' (\(reader.form.id)) compared with this file: its file of the school for \(period) was accepted earlier)")
        return f
    }

    /// The places a rule's left side is published with, in `form` (bare names are `sheet`'s).
    static func places(of left: SvodExpressions.Expression, in form: FormSchema, sheet: String) -> Int? {
        if case .reference(let r) = left { return form.sheet(r.sheet)?.field(r.field).flatMap(places) }
        return fieldName(left).flatMap { name -> FieldSchema? in
            guard let (s, field) = FormValues.split(name) else { return form.sheet(sheet)?.field(name) }
            return form.sheet(s)?.field(field)
        }.flatMap(places)
    }
}

extension FormValues {
    /// An environment reading this form's values as its own rules name them: `sheet.field`, the
    /// bare fields of `sheet` (a form sheet), columns, totals and keyed rows.
    func environment(for sheet: String) -> RecordEnvironment {
        var scalars: [String: ExpressionValue] = [:]
        for (name, slot) in single {
            scalars[name] = slot.value
            if let (s, field) = Self.split(name), s == sheet { scalars[field] = slot.value }
        }
        var env = RecordEnvironment(record: nil, previous: nil, columns: columns, scalars: scalars, invalid: [])
        env.own = self
        return env
    }
}
