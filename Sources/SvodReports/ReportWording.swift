import SvodLocale
import SvodSchema
import SvodValidation

/// The words the HTML report and the annotated workbook share, so a coordinator reads the
/// same verdict and severity names in both.
enum ReportWording {
    /// How a finding is labelled: an explained warning is no longer the school's to fix.
    static func severity(_ f: Finding, _ language: Language) -> String {
        let ru = language == .ru
        switch f.severity {
        case .error: return ru ? "ошибка" : "error"
        case .warning: return f.explanation != nil ? (ru ? "пояснено" : "explained") : (ru ? "предупреждение" : "warning")
        case .info: return ru ? "сведения" : "info"
        }
    }

    /// «Ошибок нет» or «Ошибок: N, предупреждений: M», with explained warnings counted apart.
    static func verdict(_ r: ValidationReport, _ language: Language) -> String {
        let ru = language == .ru
        let errors = r.count(.error), warnings = r.count(.warning, explained: false)
        let explained = r.count(.warning, explained: true)
        var text: String
        if errors == 0 && warnings == 0 {
            text = ru ? "Ошибок нет" : "No errors"
        } else {
            text = ru ? "Ошибок: \(errors), предупреждений: \(warnings)" : "Errors: \(errors), warnings: \(warnings)"
        }
        if explained > 0 { text += ru ? " (пояснено: \(explained))" : " (explained: \(explained))" }
        return text
    }

    /// The line standing for findings cut at the cap.
    static func more(_ count: Int, rule: String, _ language: Language) -> String {
        language == .ru ? "… и ещё \(count) по правилу \(rule)" : "… and \(count) more of \(rule)"
    }

    /// The label before a school's explanation.
    static func explanation(_ language: Language) -> String {
        language == .ru ? "Пояснение школы" : "School's explanation"
    }

    /// Rules cut at the cap, in the order their kept findings appear (then by name), so the
    /// "and N more" line lands after the last finding of its rule.
    static func truncatedRules(_ r: ValidationReport) -> [(rule: String, count: Int)] {
        r.truncated.sorted { a, b in
            let ia = r.findings.lastIndex { $0.rule == a.key } ?? Int.max
            let ib = r.findings.lastIndex { $0.rule == b.key } ?? Int.max
            return ia != ib ? ia < ib : a.key < b.key
        }.map { ($0.key, $0.value) }
    }
}
