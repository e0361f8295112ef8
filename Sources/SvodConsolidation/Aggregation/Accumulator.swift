import Foundation
import SvodSchema
import SvodStore

/// Adds schools' records to a form's consolidation, field by field as the schema declares.
public struct Accumulator {
    public let form: FormSchema
    /// Sheets that are consolidated (all but the title), with each field's aggregate and the
    /// conditions schools are counted by on the sheet.
    let plan: [(sheet: SheetSchema, fields: [(FieldSchema, FieldAggregate)], conditions: [SchoolCondition])]

    /// An accumulator for `form`, tallying the schools that meet each of `conditions` (the
    /// programme tables' counts of schools: `SchemaCatalog.schoolConditions(of:)`).
    public init(form: FormSchema, counting conditions: [SchoolCondition] = []) {
        self.form = form
        plan = form.sheets.filter { $0.id != "title" }.map { s in
            (s, s.fields.map { ($0, form.aggregate(of: $0, in: s)) }, conditions.filter { $0.sheet == s.id })
        }
    }

    /// A consolidation with no school in it yet.
    public func empty() -> FormConsolidation {
        FormConsolidation(id: form.id, version: form.version, sheets: plan.map(\.sheet.id))
    }

    /// Adds one school's records.
    public func add(_ school: SchoolRecords, to c: inout FormConsolidation) {
        for (index, (sheet, fields, conditions)) in plan.enumerated() {
            // Per condition: whether any of the school's rows on the sheet meets it (nil: none judged).
            var anyRow = [Bool?](repeating: nil, count: conditions.count)
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
                // Every condition gets a tally, judged or not: a row without one was consolidated
                // without the count (ConsolidationReader marks it unknown).
                for (i, condition) in conditions.enumerated() {
                    let holds = condition.holds { record.values[$0]?.number }
                    row.counts[condition.id, default: SchoolTally()].add(holds)
                    anyRow[i] = Self.either(anyRow[i], holds)
                }
                if sheet.layout == .table {
                    c.sheets[index].rows[record.keyJSON, default: CityRow(key: row.key)].merge(row)
                }
                for (f, t) in row.fields { c.sheets[index].total.fields[f, default: FieldTotal()].merge(t) }
            }
            // The grand total counts schools, not rows: a school once, meeting a condition if any
            // of its rows does (2.7.1's ИТОГО «Количество ОО»: schools with any profile class).
            if school.sheets[sheet.id]?.isEmpty == false {
                c.sheets[index].total.schools += 1
                for (i, condition) in conditions.enumerated() {
                    c.sheets[index].total.counts[condition.id, default: SchoolTally()].add(anyRow[i])
                }
            }
        }
    }

    /// Whether any of a school's rows meets a condition: judged if any row is.
    private static func either(_ a: Bool?, _ b: Bool?) -> Bool? {
        guard let a else { return b }
        guard let b else { return a }
        return a || b
    }
}
