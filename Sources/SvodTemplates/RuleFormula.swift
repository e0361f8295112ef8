import Foundation
import SvodExpressions
import SvodSchema

/// A rule as a spreadsheet evaluates it: a formula TRUE exactly where `svod validate` reports
/// the rule, and its message as a text formula, both in Excel syntax over the cells `cell` gives.
///
/// The validator's semantics carried over: a rule applies where its `when` holds with every
/// value it reads present; its missing-value policy (`skip-if-any`: every operand present;
/// `skip-if-all`: one is, blanks count as zero; `error`: a blank operand is itself a failure);
/// tolerance (`published`: both sides rounded to the target's places); a division by zero or
/// text where a number belongs skips it (`IFERROR`), as it does in svod.
struct RuleFormula: Equatable {
    /// TRUE where the rule fails.
    let failing: String
    /// The rule's message with its `{actual}`, `{expected}` and `{difference}` as live values.
    let message: String

    /// The formulas, or nil when a cell formula cannot follow the rule (another period, keyed
    /// rows or other forms, LOOKUP, a name `cell` cannot place). `cell` gives a name's reference;
    /// a range (`'Т'!$C$5:$C$9`) only inside an aggregate.
    init?(_ rule: RuleSchema, places: Int?, cell: (String) -> String?) {
        guard !rule.crossPeriod, rule.otherForms.isEmpty, rule.valueReferences.isEmpty,
              let check = try? SvodExpressions.Expression.parse(rule.check) else { return nil }
        let when = rule.when.flatMap { try? SvodExpressions.Expression.parse($0) }
        if rule.when != nil && when == nil { return nil }
        var refs: [String: String] = [:]
        for name in check.references.union(when?.references ?? []) {
            guard let r = cell(name) else { return nil }
            refs[name] = r
        }
        let place = { (name: String) in refs[name] }
        // Operands that can be missing: single cells, not the ranges fed to an aggregate.
        func operands(_ e: SvodExpressions.Expression) -> [String] { e.orderedReferences.compactMap { refs[$0] }.filter { !$0.contains(":") } }
        guard let holds = Self.holds(check, rule.tolerance, places: places, place),
              let message = Self.message(rule.message.ru, check, places: places, place) else { return nil }
        var guards: [String] = []
        let present = operands(check).map { "\($0)<>\"\"" }
        var whenPresent = when.map(operands)?.map { "\($0)<>\"\"" } ?? []
        if rule.missing == .skipIfAny { whenPresent += present.filter { !whenPresent.contains($0) } }
        if !whenPresent.isEmpty { guards.append(Self.all(whenPresent)) }
        if let when {
            guard let w = ComputedFormula.translate(when, place) else { return nil }
            guards.append(w)
        }
        let fails: String
        switch rule.missing {
        case .skipIfAny:
            fails = "NOT(\(holds))"
        case .skipIfAll:
            if !present.isEmpty { guards.append(present.count == 1 ? present[0] : "OR(\(present.joined(separator: ",")))") }
            fails = "NOT(\(holds))"
        case .error:
            // A blank operand fails without computing (IF is lazy; AND and OR are not).
            fails = present.isEmpty ? "NOT(\(holds))" : "IF(\(Self.all(present)),NOT(\(holds)),TRUE)"
        }
        // Guards first, each decided before the check is computed on blanks taken as zero.
        let body = guards.reversed().reduce(fails) { inner, g in "IF(\(g),\(inner),FALSE)" }
        failing = "IFERROR(\(body),FALSE)"
        self.message = message
    }

    private static func all(_ conditions: [String]) -> String {
        conditions.count == 1 ? conditions[0] : "AND(\(conditions.joined(separator: ",")))"
    }

    /// The check holding, as the validator compares: the tolerance applied to a comparison of numbers.
    static func holds(_ check: SvodExpressions.Expression, _ tolerance: Tolerance, places: Int?, _ cell: (String) -> String?) -> String? {
        guard case let .comparison(op, left, right) = check else { return ComputedFormula.translate(check, cell) }
        guard var a = ComputedFormula.translate(left, cell), var e = ComputedFormula.translate(right, cell) else { return nil }
        if case .published = tolerance, let places { a = "ROUND(\(a),\(places))"; e = "ROUND(\(e),\(places))" }
        let compared = "(\(a))\(op.rawValue)(\(e))"
        let close: String
        switch tolerance {
        case .exact, .published: return compared
        case .absolute(let x): close = "ABS((\(a))-(\(e)))<=\(number(x))"
        case .relative(let x): close = "ABS((\(a))-(\(e)))<=\(number(x))*ABS(\(e))"
        }
        switch op {
        case .equal: return close
        case .notEqual: return "NOT(\(close))"
        case .less, .greater: return "AND(\(compared),NOT(\(close)))"
        case .lessOrEqual, .greaterOrEqual: return "OR(\(compared),\(close))"
        }
    }

    /// The message as text: literal parts quoted (at most 255 characters each, Excel's limit),
    /// `{actual}` the left side, `{expected}` the right rounded to `places`, `{difference}` their distance.
    static func message(_ template: String, _ check: SvodExpressions.Expression, places: Int?, _ cell: (String) -> String?) -> String? {
        var values: [String: String] = ["actual": "\"—\"", "expected": "\"—\"", "difference": "\"—\""]
        if case let .comparison(_, left, right) = check {
            guard let a = ComputedFormula.translate(left, cell), let e = ComputedFormula.translate(right, cell) else { return nil }
            values["actual"] = "(\(a))"
            values["expected"] = places.map { "ROUND(\(e),\($0))" } ?? "(\(e))"
            values["difference"] = "ABS((\(a))-(\(e)))"
        }
        var parts: [String] = []
        var literal = ""
        func flush() {
            var rest = Substring(literal)
            while !rest.isEmpty {
                parts.append("\"" + rest.prefix(255).replacingOccurrences(of: "\"", with: "\"\"") + "\"")
                rest = rest.dropFirst(255)
            }
            literal = ""
        }
        var i = template.startIndex
        while i < template.endIndex {
            if template[i] == "{", let close = template[i...].firstIndex(of: "}"),
               let v = values[String(template[template.index(after: i)..<close])] {
                flush()
                parts.append(v)
                i = template.index(after: close)
            } else {
                literal.append(template[i])
                i = template.index(after: i)
            }
        }
        flush()
        return parts.isEmpty ? "\"\"" : parts.joined(separator: "&")
    }

    private static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
