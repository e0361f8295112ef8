import Foundation
import SvodExpressions
import SvodSchema

/// Where a caller that has no files — the consolidation, with a city's sums — gets the values a
/// rule reads: by form, sheet, row and field.
public protocol CrossFormResolver {
    /// `field` of `sheet` in `form`: a form sheet's cell or a table's total when `key` is nil, else
    /// the table row whose key is `key` (list items' codes, in the order of the sheet's key fields).
    func value(form: String, sheet: String, key: [String]?, field: String) -> Decimal?
    /// Every row of a table's column, for aggregates (`SUM(t.f)`, `COUNT(form("vpr").results.n)`);
    /// nil when there are no rows to give.
    func column(form: String, sheet: String, field: String) -> [Decimal?]?
}

extension CrossFormResolver {
    /// No rows: aggregates over a column read its total alone.
    public func column(form: String, sheet: String, field: String) -> [Decimal?]? { nil }
}

/// A rule's outcome on resolved values: whether it holds, and the two sides of its comparison.
public struct RuleOutcome: Sendable, Equatable {
    /// Whether the rule holds.
    public let holds: Bool
    /// The left side's value, for a comparison of numbers.
    public let actual: Decimal?
    /// The right side's value, for a comparison of numbers.
    public let expected: Decimal?

    /// An outcome.
    public init(holds: Bool, actual: Decimal?, expected: Decimal?) {
        self.holds = holds
        self.actual = actual
        self.expected = expected
    }
}

extension Validator {
    /// Evaluates a rule of `form` that reads single values (a cross-form rule, a form sheet's
    /// rule) with every value from `resolver`, as a file's check would; nil when it does not apply
    /// (its `when` fails, a value is missing and its `missing:` policy skips, a divisor is zero).
    public func evaluate(_ rule: RuleSchema, of form: FormSchema, resolver: some CrossFormResolver) throws -> RuleOutcome? {
        let single = Set(form.sheets.filter { $0.layout == .form }.map(\.id))
        let compiled = try CompiledRule(rule, singleRecordSheets: single)
        let env = ResolverEnvironment(resolver: resolver, form: form, sheet: rule.sheet, validator: self)
        let places = compiled.comparison.flatMap { ValidationPass.places(of: $0.left, in: form, sheet: rule.sheet) }
        switch try RuleRunner.verdict(compiled, env, places: places) {
        case .skipped:
            return nil
        case .holds:
            // The two sides, when they are numbers, for the caller to show.
            if let (_, left, right) = compiled.comparison, case .number(let a) = try left.evaluate(env), case .number(let e) = try right.evaluate(env) {
                return RuleOutcome(holds: true, actual: a, expected: e)
            }
            return RuleOutcome(holds: true, actual: nil, expected: nil)
        case .missingValues, .values, .failed:
            return RuleOutcome(holds: false, actual: nil, expected: nil)
        case let .numbers(actual, expected):
            return RuleOutcome(holds: false, actual: actual, expected: expected)
        }
    }
}

/// Names and references answered by a resolver; text and да/нет values are not its business.
private struct ResolverEnvironment<R: CrossFormResolver>: RuleEnvironment {
    let resolver: R
    let form: FormSchema
    let sheet: String
    let validator: Validator
    var missingAsZero = false

    func value(of name: String) -> ExpressionValue {
        guard !name.hasPrefix("previous.") else { return .missing }
        let (s, f) = FormValues.split(name) ?? (sheet, name)
        return number(resolver.value(form: form.id, sheet: s, key: nil, field: f))
    }

    func column(_ name: String) -> [ExpressionValue]? {
        guard let (s, f) = FormValues.split(name), form.sheet(s)?.layout == .table else { return nil }
        return resolver.column(form: form.id, sheet: s, field: f)?.map { $0.map(ExpressionValue.number) ?? .missing }
    }

    func value(of reference: ValueReference) -> ExpressionValue {
        let id = reference.form ?? form.id
        return number(resolver.value(form: id, sheet: reference.sheet, key: reference.key.map { codes($0, reference, id) }, field: reference.field))
    }

    func column(_ reference: ValueReference) -> [ExpressionValue]? {
        let id = reference.form ?? form.id
        guard reference.key == nil, validator.catalog.form(id)?.sheet(reference.sheet)?.layout == .table else { return nil }
        return resolver.column(form: id, sheet: reference.sheet, field: reference.field)?.map { $0.map(ExpressionValue.number) ?? .missing }
    }

    func lookup(_ table: String, _ keys: [ExpressionValue]) -> ExpressionValue { validator.reference.value(table, keys) }

    /// Key items as their list items' codes, however the rule wrote them.
    private func codes(_ items: [ExpressionValue], _ reference: ValueReference, _ id: String) -> [String] {
        let sheet = validator.catalog.form(id)?.sheet(reference.sheet)
        return zip(items, sheet?.key ?? []).map { item, code in
            let text = FormValues.text(item)
            guard case .code(let list)? = sheet?.field(code)?.type else { return text }
            return validator.keys.itemCode(.text(text), list: list) ?? text
        }
    }

    private func number(_ d: Decimal?) -> ExpressionValue {
        d.map(ExpressionValue.number) ?? (missingAsZero ? .number(0) : .missing)
    }
}
