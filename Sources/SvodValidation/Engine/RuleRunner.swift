import Foundation
import SvodExpressions
import SvodLocale
import SvodSchema
import SvodWorkbook

/// A rule, parsed once, and run over records.
struct CompiledRule {
    private(set) var schema: RuleSchema
    let check: SvodExpressions.Expression
    let when: SvodExpressions.Expression?
    /// Names the rule reads; a rule naming another table's column runs once per form, not per row.
    let references: Set<String>
    /// The check's own names, in the order they are written (computed once: this runs for every record).
    let checkReferences: [String]
    /// The left side and right side of a top-level comparison, if the check is one.
    let comparison: (op: ComparisonOperator, left: SvodExpressions.Expression, right: SvodExpressions.Expression)?
    let perRecord: Bool
    /// Reads a form sheet's single value: a per-school figure, not compared with «Всего» rows.
    let readsOtherSheet: Bool
    /// Keyed rows and other forms' values the rule reads; such a rule runs once per file.
    let valueReferences: [ValueReference]
    /// Those the check itself reads, for the missing-value policy.
    let checkValueReferences: [ValueReference]
    /// Other forms of the school it reads (`form("staff")`).
    var otherForms: [String] { schema.otherForms }

    /// The same parsed rule with `rule`'s other settings (severity, message, tolerance), whose
    /// check, condition and sheet are this one's.
    func with(_ rule: RuleSchema) -> CompiledRule {
        var copy = self
        copy.schema = rule
        return copy
    }

    /// `singleRecordSheets`: ids of form sheets, whose one value per field every row can read.
    init(_ rule: RuleSchema, singleRecordSheets: Set<String> = []) throws {
        schema = rule
        check = try SvodExpressions.Expression.parse(rule.check)
        when = try rule.when.map(SvodExpressions.Expression.parse)
        references = check.references.union(when?.references ?? [])
        checkReferences = check.orderedReferences
        comparison = check.topLevelComparison
        readsOtherSheet = references.contains { $0.contains(".") && !$0.hasPrefix("previous.") }
        let own = check.valueReferences
        checkValueReferences = own
        valueReferences = own + (when?.valueReferences ?? []).filter { !own.contains($0) }
        perRecord = own.isEmpty && when?.valueReferences.isEmpty != false && references.allSatisfy { name in
            guard let dot = name.firstIndex(of: ".") else { return true }
            return name.hasPrefix("previous.") || singleRecordSheets.contains(String(name[..<dot]))
        }
    }
}

/// An environment whose missing values can be read as zero (the `skip-if-all` policy).
protocol RuleEnvironment: ExpressionEnvironment {
    var missingAsZero: Bool { get set }
}

/// Names resolved against one record, the previous period's matching record, and whole columns.
struct RecordEnvironment: RuleEnvironment {
    let record: BoundRecord?
    let previous: BoundRecord?
    var columns: [String: [ExpressionValue]]
    var scalars: [String: ExpressionValue]
    /// Fields of this record that failed their own checks: already reported, so read as missing.
    let invalid: Set<String>
    /// Reference tables for LOOKUP.
    var reference: ReferenceLookup?
    /// Code fields of the record's sheet (field → list): they read as the list item's code, so
    /// that `subject = "rus"` holds whether the school typed «Русский язык» or «Рус. яз.».
    var codeFields: [String: String] = [:]
    var keys: RecordKeys?
    /// Missing values read as zero (the `skip-if-all` policy once something is present).
    var missingAsZero = false
    /// This file's keyed rows (`procedures.held["vpr"]`).
    var own: FormValues?
    /// The school's other forms for the period, by form id.
    var others: [String: FormValues] = [:]

    func value(of reference: ValueReference) -> ExpressionValue {
        let v = (reference.form.map { others[$0] } ?? own)?.value(reference) ?? .missing
        return missingAsZero && v == .missing ? .number(0) : v
    }

    func column(_ reference: ValueReference) -> [ExpressionValue]? {
        (reference.form.map { others[$0] } ?? own)?.column(reference)
    }

    func value(of name: String) -> ExpressionValue {
        var v: ExpressionValue = .missing
        if name.hasPrefix("previous.") {
            let field = String(name.dropFirst(9))
            v = previous?.values[field].map { read($0.coercion.value, field) } ?? .missing
        } else if invalid.contains(name) {
            v = .missing
        } else if let b = record?.values[name] {
            v = read(b.coercion.value, name)
        } else if let s = scalars[name] {
            v = s
        }
        if missingAsZero, v == .missing { return .number(0) }
        return v
    }

    func column(_ name: String) -> [ExpressionValue]? { columns[name] }

    private func read(_ v: FieldValue, _ field: String) -> ExpressionValue {
        if let list = codeFields[field], let keys, let code = keys.itemCode(v, list: list) { return .text(code) }
        return Self.expression(v)
    }

    func lookup(_ table: String, _ keys: [ExpressionValue]) -> ExpressionValue {
        reference?.value(table, keys) ?? .missing
    }

    static func expression(_ v: FieldValue) -> ExpressionValue {
        switch v {
        case .number(let d): return .number(d)
        case .text(let t): return .text(t)
        case .bool(let b): return .bool(b)
        case .date(let d): return .number(Decimal(DateSystem.from1900.serial(d)))
        case .missing: return .missing
        }
    }
}

/// What a rule says of one environment, before it is worded as a finding.
enum RuleVerdict {
    /// It holds.
    case holds
    /// It does not apply: its `when`, missing values it may skip, a zero divisor.
    case skipped
    /// Values it needs are missing and its policy is `missing: error`.
    case missingValues
    /// A comparison of numbers failed.
    case numbers(actual: Decimal, expected: Decimal)
    /// A comparison of texts or да/нет values failed.
    case values(actual: ExpressionValue, expected: ExpressionValue)
    /// Any other check is false.
    case failed
}

/// Runs a rule against an environment and says what failed, if anything.
enum RuleRunner {
    /// The rule's verdict; throws `EvaluationError` (other than division by zero) when it cannot be computed.
    static func verdict(_ rule: CompiledRule, _ env: some RuleEnvironment, places: Int?) throws -> RuleVerdict {
        var env = env
        do {
            if let when = rule.when {
                guard try when.evaluate(env) == .bool(true) else { return .skipped }
            }
            // Columns fed to aggregates are not operands that can be missing as a whole.
            let operands = rule.checkReferences.filter { env.column($0) == nil }.map { env.value(of: $0) }
                + rule.checkValueReferences.filter { $0.key != nil || env.column($0) == nil }.map { env.value(of: $0) }
            if operands.contains(.missing) {
                switch rule.schema.missing {
                case .skipIfAny: return .skipped
                case .skipIfAll:
                    if operands.allSatisfy({ $0 == .missing }) { return .skipped }
                    env.missingAsZero = true
                case .error: return .missingValues
                }
            }
            if let (op, left, right) = rule.comparison {
                let a = try left.evaluate(env), e = try right.evaluate(env)
                guard case .number(let actual) = a, case .number(let expected) = e else {
                    return try rule.check.evaluate(env) == .bool(false) ? .values(actual: a, expected: e) : .holds
                }
                return holds(op, actual, expected, rule.schema.tolerance, places: places) ? .holds : .numbers(actual: actual, expected: expected)
            }
            return try rule.check.evaluate(env) == .bool(false) ? .failed : .holds
        } catch EvaluationError.divisionByZero {
            // The data gives the rule nothing to check (a `when` guard usually says so).
            return .skipped
        }
    }

    /// `typed`: what the school typed in the target cell, shown in the message instead of the
    /// list code a code field reads as in the rule.
    static func run(_ rule: CompiledRule, _ env: RecordEnvironment, places: Int?, sheet: String, cell: CellReference?,
                    field: String?, typed: String? = nil) -> Finding? {
        do {
            switch try verdict(rule, env, places: places) {
            case .holds, .skipped:
                return nil
            case .missingValues:
                return finding(rule, sheet: sheet, cell: cell, field: field, actual: nil, expected: nil, difference: nil,
                               extra: .init(ru: " (не хватает значений для проверки)", en: " (values needed by the check are missing)"))
            case let .numbers(actual, expected):
                return finding(rule, sheet: sheet, cell: cell, field: field, actual: actual, expected: rounded(expected, places), difference: actual - expected)
            case let .values(actual, expected):
                return finding(rule, sheet: sheet, cell: cell, field: field, actual: typed.map { .text($0) } ?? actual, expected: expected)
            case .failed:
                return finding(rule, sheet: sheet, cell: cell, field: field, actual: nil, expected: nil, difference: nil)
            }
        } catch let e as EvaluationError {
            // Text where the rule computes, or a bad argument: reported, not hidden, since it
            // is either a cell the field checks also flag or a mistake in the rule itself.
            return Finding(.info, rule: rule.schema.id, sheet: sheet, cell: cell, field: field, message: .init(
                ru: "правило «\(rule.schema.id)» не вычислено: \(e.ru)", en: "rule '\(rule.schema.id)' could not be computed: \(e.en)"))
        } catch {
            return nil
        }
    }

    static func holds(_ op: ComparisonOperator, _ a: Decimal, _ e: Decimal, _ t: Tolerance, places: Int?) -> Bool {
        var a = a, e = e
        if case .published = t, let places { a = rounded(a, places); e = rounded(e, places) }
        let diff = abs(a - e)
        let close: Bool
        switch t {
        case .exact, .published: close = diff == 0
        case .absolute(let x): close = diff <= Decimal(x)
        case .relative(let x): close = diff <= Decimal(x) * abs(e)
        }
        switch op {
        case .equal: return close
        case .notEqual: return !close
        case .less: return a < e && !close
        case .lessOrEqual: return a <= e || close
        case .greater: return a > e && !close
        case .greaterOrEqual: return a >= e || close
        }
    }

    static func rounded(_ d: Decimal, _ places: Int?) -> Decimal {
        guard let places else { return d }
        var v = d, r = Decimal()
        NSDecimalRound(&r, &v, places, .plain)
        return r
    }

    private static func finding(_ rule: CompiledRule, sheet: String, cell: CellReference?, field: String?,
                                actual: Decimal, expected: Decimal, difference: Decimal) -> Finding {
        var f = finding(rule, sheet: sheet, cell: cell, field: field, actual: NumberText.text(actual, .en),
                        expected: NumberText.text(expected, .en), difference: NumberText.text(difference, .en))
        f.message = LocalizedText(ru: fill(rule.schema.message.ru, actual, expected, difference, .ru),
                                  en: fill(rule.schema.message.en, actual, expected, difference, .en))
        return f
    }

    /// A failed comparison of texts or да/нет values, each shown in the message's language.
    private static func finding(_ rule: CompiledRule, sheet: String, cell: CellReference?, field: String?,
                                actual: ExpressionValue, expected: ExpressionValue) -> Finding {
        var f = finding(rule, sheet: sheet, cell: cell, field: field, actual: actual.description, expected: expected.description, difference: nil)
        func shown(_ v: ExpressionValue, _ l: Language) -> String {
            if case .bool(let b) = v { return l == .ru ? (b ? "да" : "нет") : (b ? "yes" : "no") }
            return v == .missing ? "—" : v.description
        }
        func fill(_ s: String, _ l: Language) -> String {
            s.replacingOccurrences(of: "{actual}", with: shown(actual, l)).replacingOccurrences(of: "{expected}", with: shown(expected, l))
                .replacingOccurrences(of: "{difference}", with: "—")
        }
        f.message = LocalizedText(ru: fill(rule.schema.message.ru, .ru), en: fill(rule.schema.message.en, .en))
        return f
    }

    private static func finding(_ rule: CompiledRule, sheet: String, cell: CellReference?, field: String?, actual: String?,
                                expected: String?, difference: String?, extra: LocalizedText? = nil) -> Finding {
        let m = rule.schema.message
        func fill(_ s: String) -> String {
            s.replacingOccurrences(of: "{actual}", with: actual ?? "—").replacingOccurrences(of: "{expected}", with: expected ?? "—")
                .replacingOccurrences(of: "{difference}", with: difference ?? "—")
        }
        return Finding(rule.schema.severity, rule: rule.schema.id, sheet: sheet, cell: cell, field: field, actual: actual,
                       expected: expected, difference: difference,
                       message: .init(ru: fill(m.ru) + (extra?.ru ?? ""), en: fill(m.en) + (extra?.en ?? "")))
    }

    private static func fill(_ s: String, _ a: Decimal, _ e: Decimal, _ d: Decimal, _ l: Language) -> String {
        s.replacingOccurrences(of: "{actual}", with: NumberText.text(a, l))
            .replacingOccurrences(of: "{expected}", with: NumberText.text(e, l))
            .replacingOccurrences(of: "{difference}", with: NumberText.text(abs(d), l))
    }
}
