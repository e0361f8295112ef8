import Foundation
import SvodSchema
import SvodStore

/// Adds schools' records to a form's consolidation, field by field as the schema declares.
public struct Accumulator {
    public let form: FormSchema
    /// Sheets that are consolidated (all but the title), with each field's aggregate.
    let plan: [(sheet: SheetSchema, fields: [(FieldSchema, FieldAggregate)])]

    /// An accumulator for `form`.
    public init(form: FormSchema) {
        self.form = form
        plan = form.sheets.filter { $0.id != "title" }.map { s in (s, s.fields.map { ($0, form.aggregate(of: $0, in: s)) }) }
    }

    /// A consolidation with no school in it yet.
    public func empty() -> FormConsolidation {
        FormConsolidation(id: form.id, version: form.version, sheets: plan.map(\.sheet.id))
    }

    /// Adds one school's records.
    public func add(_ school: SchoolRecords, to c: inout FormConsolidation) {
        for (index, (sheet, fields)) in plan.enumerated() {
            for record in school.sheets[sheet.id] ?? [] {
                var row = CityRow(key: record.key)
                row.schools = 1
                for (field, aggregate) in fields {
                    guard let v = record.values[field.code] else { continue }
                    switch (aggregate, v) {
                    case (.sum, .number(let d)), (.max, .number(let d)), (.min, .number(let d)):
                        row.fields[field.code, default: FieldTotal()].add(number: d, weight: nil)
                    case (.mean(let w), .number(let d)):
                        guard let weight = record.values[w]?.number else { continue }
                        row.fields[field.code, default: FieldTotal()].add(number: d, weight: weight)
                    case (.count, .answer(let b)):
                        row.fields[field.code, default: FieldTotal()].add(answer: b)
                    default:
                        continue
                    }
                }
                if sheet.layout == .table {
                    c.sheets[index].rows[record.keyJSON, default: CityRow(key: row.key)].merge(row)
                }
                for (f, t) in row.fields { c.sheets[index].total.fields[f, default: FieldTotal()].merge(t) }
            }
            // The grand total counts schools, not rows.
            if school.sheets[sheet.id]?.isEmpty == false { c.sheets[index].total.schools += 1 }
        }
    }
}
