import Foundation
import SvodSchema
import SvodValidation

/// A published table (the programme's figures typed into the form, as `Samples/seed/` holds them)
/// against the consolidation: where it does not add up by itself (its own check's findings) and
/// where its numbers differ from the schools' sums at the published places.
public struct PublishedComparison {
    public let catalog: SchemaCatalog

    /// A comparison reading forms and lists from `catalog`.
    public init(catalog: SchemaCatalog) { self.catalog = catalog }

    /// The findings for one published file: `report` is its check, `values` what the check read.
    public func findings(file: String, report: ValidationReport, values: [ReadValue], in c: Consolidation) -> [CityFinding] {
        let name = (file as NSString).lastPathComponent
        guard let form = catalog.form(report.formID), let city = c.form(form.id) else {
            return [CityFinding(rule: "consolidation.published", form: report.formID, message: .init(
                ru: "«\(name)»: формы «\(report.formID)» нет в своде — сравнивать не с чем",
                en: "'\(name)': form '\(report.formID)' is not in the consolidation: nothing to compare with"))]
        }
        var out = report.findings.filter { $0.severity != .info }.map { f in
            CityFinding(rule: f.rule, form: form.id, sheet: form.sheets.first { $0.name == f.sheet }?.id ?? f.sheet, row: f.rowKey?.ru, field: f.field,
                        message: .init(ru: "опубликовано («\(name)», \(f.sheet ?? "")\(f.cell.map { "!\($0.a1)" } ?? "")): \(f.message.ru)",
                                       en: "published ('\(name)', \(f.sheet ?? "")\(f.cell.map { "!\($0.a1)" } ?? "")): \(f.message.en)"))
        }
        let codes = CodeLookup(catalog: catalog), order = RowOrder(catalog: catalog)
        let published = SchoolRecords(read: values, form: form, isCode: codes.contains)
        let ours = PublishedValues(form: form, consolidation: city)
        for sheet in form.sheets where sheet.id != "title" {
            guard let citySheet = city.sheet(sheet.id) else { continue }
            let records = published.sheets[sheet.id] ?? []
            // A table the programme prints as one row for the whole city (2.3.1: the 9th and 11th
            // grades together) is typed into the form as one keyed row: it is the grand total.
            let whole = records.count == 1 && citySheet.rows.count > 1
            for record in records {
                let row = sheet.layout == .table && !whole ? citySheet.rows[record.keyJSON] : citySheet.total
                for field in sheet.fields where !sheet.key.contains(field.code) {
                    guard let theirs = record.values[field.code]?.number, let places = PublishedValues.places(field),
                          field.type != .boolean else { continue }
                    let mine = row.flatMap { ours.value(field, sheet: sheet, row: $0) }
                    let a = PublishedValues.rounded(theirs, places)
                    guard mine.map({ PublishedValues.rounded($0, places) }) != a else { continue }
                    let where_ = row.map { order.name($0, sheet: sheet) } ?? ""
                    out.append(CityFinding(rule: "consolidation.published", form: form.id, sheet: sheet.id, row: where_.isEmpty ? nil : where_,
                                           field: field.code, message: .init(
                        ru: "«\(field.label)»: опубликовано \(RuleComparison.text(a, .ru)), а по файлам школ \(mine.map { RuleComparison.text($0, .ru) } ?? "—")",
                        en: "'\(field.label)': \(RuleComparison.text(a, .en)) published, the schools' files give \(mine.map { RuleComparison.text($0, .en) } ?? "—")")))
                }
            }
        }
        return out
    }
}
