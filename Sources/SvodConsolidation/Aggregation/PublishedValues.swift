import Foundation
import SvodExpressions
import SvodSchema

/// The numbers a consolidation publishes: sums as they are, means and the rules' shares
/// computed from the city's sums and rounded at the field's places, half away from zero, as a
/// person computing by hand would.
public struct PublishedValues {
    public let form: FormSchema
    public let consolidation: FormConsolidation

    /// The published values of `consolidation`.
    public init(form: FormSchema, consolidation: FormConsolidation) {
        self.form = form
        self.consolidation = consolidation
    }

    /// The places a field publishes (0 for counts); nil for a field with no number.
    public static func places(_ field: FieldSchema) -> Int? {
        // A да/нет field consolidates to the number of schools answering «да».
        field.type == .boolean ? 0 : field.type.places
    }

    /// Rounds half away from zero at `places`.
    public static func rounded(_ d: Decimal, _ places: Int) -> Decimal {
        var v = d, r = Decimal()
        NSDecimalRound(&r, &v, places, .plain)
        return r
    }

    /// The city value of `field` in `row` of `sheet`; nil when the schools gave nothing to compute it from.
    public func value(_ field: FieldSchema, sheet: SheetSchema, row: CityRow) -> Decimal? {
        value(field, sheet: sheet, row: row, depth: 0)
    }

    /// The share of schools answering «да» among those answering, at one place, for a да/нет field.
    public func yesShare(_ field: FieldSchema, row: CityRow) -> Decimal? {
        guard let t = row.fields[field.code], t.answered > 0 else { return nil }
        return Self.rounded(Decimal(t.yes) * 100 / Decimal(t.answered), 1)
    }

    func value(_ field: FieldSchema, sheet: SheetSchema, row: CityRow, depth: Int) -> Decimal? {
        let t = row.fields[field.code]
        switch form.aggregate(of: field, in: sheet) {
        case .sum: return t.flatMap { $0.schools > 0 ? $0.sum : nil }
        case .max: return t?.largest
        case .min: return t?.smallest
        case .count: return t.flatMap { $0.answered > 0 ? Decimal($0.yes) : nil }
        case .mean:
            guard let t, t.weight != 0 else { return nil }
            return Self.places(field).map { Self.rounded(t.weighted / t.weight, $0) } ?? t.weighted / t.weight
        case .rule:
            return recomputed(field, sheet: sheet, row: row, depth: depth)
        case .group, .none:
            return nil
        }
    }

    private func recomputed(_ field: FieldSchema, sheet: SheetSchema, row: CityRow, depth: Int) -> Decimal? {
        // A rule's right side may name another computed field; a schema that loops is cut off.
        guard depth < 8, let (expression, when) = form.computation(of: field.code, sheet: sheet.id) else { return nil }
        let env = CityEnvironment(values: self, sheet: sheet, row: row, depth: depth + 1)
        if let when, (try? when.evaluate(env)) != .bool(true) { return nil }
        guard expression.references.allSatisfy({ env.value(of: $0) != .missing || env.column($0) != nil }),
              case .number(let d)? = try? expression.evaluate(env) else { return nil }
        return Self.places(field).map { Self.rounded(d, $0) } ?? d
    }
}

/// Names in a rule, read from a city row: the row's own fields, another sheet's grand total
/// (`summary.grads`), or another table's keyed rows inside an aggregate (`SUM(results.n)`).
struct CityEnvironment: ExpressionEnvironment {
    let values: PublishedValues
    let sheet: SheetSchema
    let row: CityRow
    let depth: Int

    func value(of name: String) -> ExpressionValue {
        if let dot = name.firstIndex(of: ".") {
            let sheetID = String(name[..<dot]), fieldCode = String(name[name.index(after: dot)...])
            guard let other = values.form.sheet(sheetID), let field = other.field(fieldCode),
                  let city = values.consolidation.sheet(sheetID) else { return .missing }
            return number(values.value(field, sheet: other, row: city.total, depth: depth))
        }
        guard let field = sheet.field(name) else { return .missing }
        if let code = row.key[name] { return .text(code) }
        return number(values.value(field, sheet: sheet, row: row, depth: depth))
    }

    func column(_ name: String) -> [ExpressionValue]? {
        guard let dot = name.firstIndex(of: ".") else { return nil }
        let sheetID = String(name[..<dot]), fieldCode = String(name[name.index(after: dot)...])
        guard let other = values.form.sheet(sheetID), other.layout == .table, let field = other.field(fieldCode),
              let city = values.consolidation.sheet(sheetID) else { return nil }
        return city.rows.keys.sorted().map { number(values.value(field, sheet: other, row: city.rows[$0]!, depth: depth)) }
    }

    private func number(_ d: Decimal?) -> ExpressionValue { d.map { .number($0) } ?? .missing }
}
