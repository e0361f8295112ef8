import SvodLocale
import SvodSchema
import SvodValidation

/// Validation reports for a terminal: grouped by sheet and rule, colour only on a terminal.
public enum TextReport {
    /// The report; `colour` adds ANSI colours to severities.
    public static func render(_ r: ValidationReport, language: Language, colour: Bool) -> String {
        let ru = language == .ru
        func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = "\(r.file) — \(ru ? "форма" : "form") \(r.formID) v\(r.formVersion): "
        let errors = r.count(.error), warnings = r.count(.warning, explained: false), explained = r.count(.warning, explained: true)
        if r.findings.isEmpty {
            out += paint(ru ? "ошибок нет" : "no findings", "32") + "\n"
            return out
        }
        out += ru ? "ошибок \(errors), предупреждений \(warnings)" : "\(errors) errors, \(warnings) warnings"
        if explained > 0 { out += ru ? " (и \(explained) с пояснением)" : " (and \(explained) explained)" }
        out += "\n"
        let bySheet = Dictionary(grouping: r.findings) { $0.sheet ?? "" }
        let order = r.findings.map { $0.sheet ?? "" }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for sheet in order {
            out += "\n" + (sheet.isEmpty ? (ru ? "Файл" : "File") : (ru ? "Лист «\(sheet)»" : "Sheet «\(sheet)»")) + "\n"
            let byRule = Dictionary(grouping: bySheet[sheet]!) { $0.rule }
            let rules = bySheet[sheet]!.map(\.rule).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            for rule in rules {
                for f in byRule[rule]! {
                    let tag: String
                    switch f.severity {
                    case .error: tag = paint(ru ? "ошибка" : "error", "31")
                    case .warning: tag = paint(f.explanation != nil ? (ru ? "пояснено" : "explained") : (ru ? "внимание" : "warning"), "33")
                    case .info: tag = ru ? "сведения" : "info"
                    }
                    let place = f.cell.map { "\(sheet)!\($0.a1)" } ?? sheet
                    out += "  \(place.isEmpty ? "" : place + "  ")\(tag)  \(f.message(language))  [\(f.rule)]\n"
                    if let e = f.explanation { out += "      \(ru ? "пояснение" : "explanation"): \(e)\n" }
                }
                if let more = r.truncated[rule] {
                    out += ru ? "  … и ещё \(more) по правилу \(rule)\n" : "  … and \(more) more of \(rule)\n"
                }
            }
        }
        return out
    }
}
