import Foundation

/// A computed field's rule, as the Excel formula a template or a consolidation puts in its cell: the right side
/// over the row's cells, rounded to the field's places, and blank while its inputs are empty,
/// a divisor is zero or the rule's `when` does not hold — so an untouched row shows nothing
/// and no cell ever shows #DIV/0!.
public enum ComputedFormula {
    /// The formula (Excel syntax, no `=`), or nil when the expression uses what a spreadsheet
    /// cannot compute (`previous.` values, LOOKUP) or names a field `cell` cannot place.
    /// `cell` gives a field's reference (`C5`, `'Титул'!$C$3`, `'ВПР'!$C$4:$C$103`).
    public static func excel(_ expression: Expression, when: Expression?, places: Int?, cell: (String) -> String?) -> String? {
        guard let body = translate(expression, cell) else { return nil }
        var guards: [String] = []
        let inputs = expression.references.compactMap(cell).sorted { ($0.count, $0) < ($1.count, $1) }
        guard inputs.count == expression.references.count else { return nil }
        if !inputs.isEmpty { guards.append("COUNT(\(inputs.joined(separator: ",")))=0") }
        for divisor in divisors(expression) {
            guard let d = translate(divisor, cell) else { return nil }
            guards.append("\(d)=0")
        }
        if let when, let w = translate(when, cell) {
            // `when: d > 0` already keeps the divisor d from zero.
            if case let .comparison(.greater, d, .number(0)) = when, let text = translate(d, cell) { guards.removeAll { $0 == "\(text)=0" } }
            guards.append("NOT(\(w))")
        }
        var seen = Set<String>()
        guards = guards.filter { seen.insert($0).inserted }
        let value = places.map { "ROUND(\(body),\($0))" } ?? body
        switch guards.count {
        case 0: return value
        case 1: return "IF(\(guards[0]),\"\",\(value))"
        default: return "IF(OR(\(guards.joined(separator: ","))),\"\",\(value))"
        }
    }

    /// Every divisor in the expression, outermost first.
    public static func divisors(_ e: Expression) -> [Expression] {
        switch e {
        case .number, .text, .boolean, .name, .reference: return []
        case let .unary(_, x): return divisors(x)
        case let .binary(op, a, b): return (op == .divide ? [b] : []) + divisors(a) + divisors(b)
        case let .comparison(_, a, b), let .logical(_, a, b): return divisors(a) + divisors(b)
        case let .call(_, args): return args.flatMap(divisors)
        }
    }

    /// The expression in Excel syntax, with the parentheses Excel's precedence needs (`^` and
    /// unary minus, which bind differently in Excel and in svod, are always parenthesised);
    /// nil where a cell formula cannot follow it.
    public static func translate(_ e: Expression, _ cell: (String) -> String?) -> String? {
        printed(e, cell)?.text
    }

    /// Text and binding strength: 1 comparison, 2 `&`, 3 `+ -`, 4 `* /`, 9 atoms and calls.
    private static func printed(_ e: Expression, _ cell: (String) -> String?) -> (text: String, level: Int)? {
        func t(_ x: Expression) -> String? { printed(x, cell)?.text }
        func operand(_ x: Expression, above level: Int, orEqual: Bool) -> String? {
            guard let p = printed(x, cell) else { return nil }
            return p.level < level || (orEqual && p.level == level) ? "(\(p.text))" : p.text
        }
        switch e {
        case let .number(d):
            return (NSDecimalNumber(decimal: d).stringValue, d < 0 ? 3 : 9)
        case let .text(s):
            return ("\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"", 9)
        case let .boolean(b):
            return (b ? "TRUE" : "FALSE", 9)
        case let .name(n):
            return cell(n).map { ($0, 9) }
        case .reference:
            // Another row found by its key, or another form: a cell formula cannot reach it.
            return nil
        case let .unary(op, x):
            guard let v = t(x) else { return nil }
            switch op {
            case .minus: return ("(-(\(v)))", 9)
            case .plus: return printed(x, cell)
            case .not: return ("NOT(\(v))", 9)
            }
        case let .binary(op, a, b):
            let level: Int
            switch op {
            case .concatenate: level = 2
            case .add, .subtract: level = 3
            case .multiply, .divide: level = 4
            case .power:
                guard let l = t(a), let r = t(b) else { return nil }
                return ("((\(l))^(\(r)))", 9)
            }
            guard let l = operand(a, above: level, orEqual: false), let r = operand(b, above: level, orEqual: true) else { return nil }
            return ("\(l)\(op.rawValue)\(r)", level)
        case let .comparison(op, a, b):
            guard let l = operand(a, above: 2, orEqual: false), let r = operand(b, above: 2, orEqual: false) else { return nil }
            return ("\(l)\(op.rawValue)\(r)", 1)
        case let .logical(op, a, b):
            guard let l = t(a), let r = t(b) else { return nil }
            return ("\(op.rawValue)(\(l),\(r))", 9)
        case let .call(function, args):
            let parts = args.compactMap { t($0) }
            guard parts.count == args.count else { return nil }
            switch function {
            case .lookup:
                return nil
            case .coalesce:
                // The first argument that is not blank.
                return (parts.dropLast().reversed().reduce(parts.last!) { rest, a in "IF(\(a)=\"\",\(rest),\(a))" }, 9)
            default:
                return ("\(function.rawValue)(\(parts.joined(separator: ",")))", 9)
            }
        }
    }
}
