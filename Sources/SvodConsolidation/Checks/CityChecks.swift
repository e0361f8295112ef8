import Foundation
import SvodExpressions
import SvodLocale
import SvodSchema
import SvodValidation

/// The consolidation's own checks: the city rows obey the form's error rules (a total equals the
/// sum of its parts, a share agrees with its counts at the published places). Rules that hold
/// school by school hold for sums by construction; they fail in a city row when a school's rule
/// could not run (a value left empty) or a lower consolidation was wrong. Warnings are queries
/// about one school's plausibility and are not asked of the city; cross-period rules need two
/// consolidations and are left to the multi-year indicators.
public struct CityChecks {
    let order: RowOrder

    /// Checks reading list positions and names from `catalog`.
    public init(catalog: SchemaCatalog) { order = RowOrder(catalog: catalog) }

    /// Every failure of `form`'s error rules over the city rows of `values`.
    public func run(_ values: PublishedValues) -> [CityFinding] {
        let form = values.form
        var out: [CityFinding] = []
        for rule in form.rules where rule.severity == .error && !rule.crossPeriod {
            guard let sheet = form.sheet(rule.sheet), let city = values.consolidation.sheet(rule.sheet),
                  let check = try? SvodExpressions.Expression.parse(rule.check) else { continue }
            let when = rule.when.flatMap { try? SvodExpressions.Expression.parse($0) }
            // A rule over another table's column runs once, on the grand total; else on each row.
            let once = check.references.contains { name in
                guard let dot = name.firstIndex(of: ".") else { return false }
                return form.sheet(String(name[..<dot]))?.layout == .table
            }
            let rows = sheet.layout == .table && !once ? order.rows(city, sheet: sheet) : [city.total]
            for row in rows {
                let env = CityEnvironment(values: values, sheet: sheet, row: row, depth: 0)
                guard let failure = Self.failure(rule, check: check, when: when, env: env, sheet: sheet) else { continue }
                out.append(CityFinding(rule: rule.id, form: form.id, sheet: sheet.id, row: row.key.isEmpty ? nil : order.name(row, sheet: sheet),
                                       field: failure.field, message: failure.message))
            }
        }
        return out
    }

    private static func failure(_ rule: RuleSchema, check: SvodExpressions.Expression, when: SvodExpressions.Expression?, env: CityEnvironment,
                                sheet: SheetSchema) -> (field: String?, message: LocalizedText)? {
        do {
            if let when, try when.evaluate(env) != .bool(true) { return nil }
            let operands = check.orderedReferences.filter { env.column($0) == nil }.map { env.value(of: $0) }
            if operands.contains(.missing) { return nil }
            if let (op, left, right) = check.topLevelComparison,
               case .number(let a) = try left.evaluate(env), case .number(let e) = try right.evaluate(env) {
                var field: String?
                if case .name(let n) = left { field = n }
                let places = field.flatMap { sheet.field($0) }.flatMap(PublishedValues.places)
                if RuleComparison.holds(op, a, e, rule.tolerance, places: places) { return nil }
                let shown = places.map { PublishedValues.rounded(e, $0) } ?? e
                return (field, fill(rule, actual: a, expected: shown))
            }
            guard try check.evaluate(env) == .bool(false) else { return nil }
            return (nil, fill(rule, actual: nil, expected: nil))
        } catch {
            return nil
        }
    }

    /// The rule's message with its two sides (and their difference) in each language, after `prefix`.
    static func fill(_ rule: RuleSchema, actual: Decimal?, expected: Decimal?, prefix: LocalizedText = .init(ru: "", en: "")) -> LocalizedText {
        func put(_ s: String, _ l: Language) -> String {
            let a = actual.map { RuleComparison.text($0, l) } ?? "—", e = expected.map { RuleComparison.text($0, l) } ?? "—"
            let d = actual.flatMap { a in expected.map { RuleComparison.text(abs(a - $0), l) } } ?? "—"
            return prefix(l) + s.replacingOccurrences(of: "{actual}", with: a).replacingOccurrences(of: "{expected}", with: e)
                .replacingOccurrences(of: "{difference}", with: d)
        }
        return .init(ru: put(rule.message.ru, .ru), en: put(rule.message.en, .en))
    }
}
