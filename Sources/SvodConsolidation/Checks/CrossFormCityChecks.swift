import Foundation
import SvodExpressions
import SvodLocale
import SvodSchema
import SvodValidation

/// The cross-form rules on the city's numbers: the city's gia9 graduates against its contingent
/// «ООО: завершили», as each school's files were held to at import. They run when both forms are
/// in the consolidation; a rule over another form's whole table column (a count of its rows) is
/// about one school's file and is not asked of the city, whose rows are keys, not records.
public struct CrossFormCityChecks {
    public let catalog: SchemaCatalog

    /// Checks reading forms from `catalog`.
    public init(catalog: SchemaCatalog) { self.catalog = catalog }

    /// The failures of the cross-form rules of every form in `c`.
    public func run(_ c: Consolidation) -> [CityFinding] {
        let resolver = CityResolver(catalog: catalog, consolidation: c)
        let validator = Validator(catalog: catalog)
        var out: [CityFinding] = []
        for f in c.forms {
            guard let form = catalog.form(f.id) else { continue }
            for rule in form.rules {
                guard let refs = references(rule), refs.contains(where: { $0.form != nil }),
                      refs.allSatisfy({ r in r.form.map { c.form($0) != nil } ?? true }),
                      !refs.contains(where: { r in r.form != nil && r.key == nil && catalog.form(r.form!)?.sheet(r.sheet)?.layout == .table }),
                      let outcome = try? validator.evaluate(rule, of: form, resolver: resolver), !outcome.holds else { continue }
                out.append(CityFinding(rule: rule.id, form: form.id, sheet: rule.sheet, message: CityChecks.fill(
                    rule, actual: outcome.actual, expected: outcome.expected, prefix: .init(ru: "по городу: ", en: "for the city: "))))
            }
        }
        return out
    }

    private func references(_ rule: RuleSchema) -> [ValueReference]? {
        guard let check = try? SvodExpressions.Expression.parse(rule.check) else { return nil }
        let when = rule.when.flatMap { try? SvodExpressions.Expression.parse($0) }
        return check.valueReferences + (when?.valueReferences ?? [])
    }

}

/// The city's published values of any form of the consolidation, for rules that read them.
struct CityResolver: CrossFormResolver {
    let catalog: SchemaCatalog
    let consolidation: Consolidation

    func value(form id: String, sheet: String, key: [String]?, field: String) -> Decimal? {
        guard let form = catalog.form(id), let s = form.sheet(sheet), let f = s.field(field),
              let c = consolidation.form(id), let city = c.sheet(sheet) else { return nil }
        let row: CityRow?
        if let key {
            let wanted = Dictionary(uniqueKeysWithValues: zip(s.key, key))
            row = city.rows.values.first { $0.key == wanted }
        } else {
            row = city.total
        }
        return row.flatMap { PublishedValues(form: form, consolidation: c).value(f, sheet: s, row: $0) }
    }
}
