import Foundation
import SvodWorkbook

/// An ODF content validation's condition (`of:cell-content-is-whole-number() and
/// cell-content-is-between(0,40)`) as svod's rule; nil for one it has no rule for.
enum ODSValidationCondition {
    static func rule(_ condition: String) -> DataValidation.Rule? {
        var text = condition.trimmingCharacters(in: .whitespaces)
        for prefix in ["of:", "oooc:", "ooo:", "msoxl:"] where text.hasPrefix(prefix) { text = String(text.dropFirst(prefix.count)) }
        if let inner = call(text, "cell-content-is-in-list") { return list(inner) }
        if let inner = call(text, "is-true-formula") {
            return FormulaTranslator.excel(fromOpenFormula: "of:=" + inner).map { .custom($0) }
        }
        if let (op, a, b) = comparison(text, subject: "cell-content-text-length") {
            guard let lo = Int(a) else { return nil }
            return .textLength(op, lo, b.flatMap { Int($0) })
        }
        let parts = text.components(separatedBy: " and ")
        guard parts.count == 2, let (op, a, b) = comparison(parts[1], subject: "cell-content") else { return nil }
        guard let lo = Double(a), b == nil || Double(b!) != nil else { return nil }
        let hi = b.flatMap { Double($0) }
        switch parts[0].trimmingCharacters(in: .whitespaces) {
        case "cell-content-is-whole-number()": return .whole(op, lo, hi)
        case "cell-content-is-decimal-number()": return .decimal(op, lo, hi)
        case "cell-content-is-date()":
            guard let d = DateSystem.from1900.dateTime(serial: lo, hasTime: false) else { return nil }
            return .date(op, d, hi.flatMap { DateSystem.from1900.dateTime(serial: $0, hasTime: false) })
        default: return nil
        }
    }

    /// The argument text of `name(…)` when `text` is that one call.
    private static func call(_ text: String, _ name: String) -> String? {
        guard text.hasPrefix(name + "("), text.hasSuffix(")") else { return nil }
        return String(text.dropFirst(name.count + 1).dropLast())
    }

    /// `subject-is-between(a,b)`, `subject-is-not-between(a,b)` or `subject()OP a`.
    private static func comparison(_ raw: String, subject: String) -> (DataValidation.Comparison, String, String?)? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        for (name, op) in [(subject + "-is-between", DataValidation.Comparison.between), (subject + "-is-not-between", .notBetween)] {
            if let inner = call(text, name) {
                let bounds = inner.split(whereSeparator: { $0 == "," || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }
                return bounds.count == 2 ? (op, bounds[0], bounds[1]) : nil
            }
        }
        guard text.hasPrefix(subject + "()") else { return nil }
        let rest = text.dropFirst(subject.count + 2)
        for (symbol, op) in [("<=", DataValidation.Comparison.lessThanOrEqual), (">=", .greaterThanOrEqual), ("!=", .notEqual), ("<>", .notEqual),
                             ("<", .lessThan), (">", .greaterThan), ("=", .equal)] where rest.hasPrefix(symbol) {
            return (op, rest.dropFirst(symbol.count).trimmingCharacters(in: .whitespaces), nil)
        }
        return nil
    }

    /// `"a";"b"` as items, or a range as an Excel reference.
    private static func list(_ inner: String) -> DataValidation.Rule? {
        guard inner.hasPrefix("\"") else {
            return FormulaTranslator.excel(fromOpenFormula: "of:=" + inner).map { .listRange($0) }
        }
        var items: [String] = [], current = "", quoted = false
        var chars = Array(inner)[...]
        while let c = chars.popFirst() {
            if c == "\"" {
                if quoted, chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted.toggle() }
            } else if c == ";" && !quoted {
                items.append(current)
                current = ""
            } else if quoted {
                current.append(c)
            }
        }
        items.append(current)
        return .list(items)
    }
}
