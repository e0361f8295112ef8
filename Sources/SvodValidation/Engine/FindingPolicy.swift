import SvodLocale
import SvodSchema
import SvodWorkbook

/// What the report keeps of everything the checks found: one finding per mistake, and a word
/// about a form that holds no data at all.
enum FindingPolicy {
    /// A form whose data sheets hold no record beyond the rows' names and no required value (a
    /// template with only the title filled) is an error of its own: «ошибок нет» must never mean «пусто».
    static func addEmptyForm(_ findings: inout [Finding], pass: ValidationPass) {
        let data = pass.form.sheets.filter { $0.id != SubmissionIdentity.titleSheet }
        guard !data.isEmpty else { return }
        for schema in data {
            switch schema.layout {
            case .table:
                if (pass.dataSeen[schema.id] ?? 0) > 0 { return }
            case .form:
                guard let record = pass.formRecords[schema.id] else { continue }
                let required = schema.fields.filter { $0.required && !$0.computed }
                if required.isEmpty || required.contains(where: { record.values[$0.code].map { !$0.raw.isEmpty } ?? false }) { return }
            }
        }
        // Nothing of the form was found at all (no sheet of it): the sheets' own findings say so.
        guard data.contains(where: { pass.sheetNames[$0.id] != nil }) else { return }
        findings.insert(Finding(FindingKinds.formEmpty, message: .init(
            ru: "форма не заполнена: ни в одной таблице нет строк данных и не заполнено ни одно обязательное значение",
            en: "the form is not filled in: no table has data rows and no required value is filled")), at: 0)
    }

    /// One mistake, one finding: once svod's own checks put an error at a cell (the value
    /// itself, the «Всего» sum), findings of less direct checks at that cell (a rule restating
    /// the same wrong number, a total that no longer adds up) are left out. Findings of the same
    /// rank stay: two rules about one cell may be two different things to fix.
    static func onePerCell(_ findings: inout [Finding]) {
        struct Place: Hashable { let sheet: String; let cell: CellReference }
        var best: [Place: Int] = [:]
        for f in findings where f.severity == .error {
            guard let sheet = f.sheet, let cell = f.cell else { continue }
            let place = Place(sheet: sheet, cell: cell)
            best[place] = min(best[place] ?? .max, rank(f))
        }
        guard !best.isEmpty else { return }
        findings.removeAll { f in
            guard let sheet = f.sheet, let cell = f.cell, let top = best[Place(sheet: sheet, cell: cell)] else { return false }
            return rank(f) > top
        }
    }

    /// Lower is more direct: the value's own checks, then svod's structural checks, then rules.
    private static func rank(_ f: Finding) -> Int {
        if f.rule.hasPrefix("field.") { return 0 }
        return FindingKinds.kind(f.rule) != nil ? 1 : 2
    }
}
