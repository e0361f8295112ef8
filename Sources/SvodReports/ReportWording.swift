import SvodLocale
import SvodSchema
import SvodValidation

/// The words every report shares — the text report, the HTML page and the annotated
/// workbook — so a coordinator reads the same verdict, severity names and counts in each.
///
/// Counts are written with the noun in its proper form: «1 ошибка, 2 ошибки, 5 ошибок,
/// 11 ошибок, 21 ошибка»; "1 error, 2 errors".
enum ReportWording {
    /// A severity's name: «ошибка», «предупреждение», «для сведения».
    static func severity(_ s: Severity, _ language: Language) -> String {
        let ru = language == .ru
        switch s {
        case .error: return ru ? "ошибка" : "error"
        case .warning: return ru ? "предупреждение" : "warning"
        case .info: return ru ? "для сведения" : "note"
        }
    }

    /// How a finding is labelled: an explained warning stays a warning, marked as explained.
    static func severity(_ f: Finding, _ language: Language) -> String {
        let name = severity(f.severity, language)
        guard f.severity == .warning, f.explanation != nil else { return name }
        return name + " (" + explained(language) + ")"
    }

    /// «пояснено» / "explained": the mark of a warning the school explained.
    static func explained(_ language: Language) -> String { language == .ru ? "пояснено" : "explained" }

    /// The form of a Russian noun (or noun phrase) that goes with `n`: one (1, 21, 101),
    /// few (2–4, 22–24) or many (0, 5–20, 25–30, 111–114).
    static func russianForm(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let hundred = abs(n) % 100, ten = hundred % 10
        if (11...14).contains(hundred) { return many }
        if ten == 1 { return one }
        if (2...4).contains(ten) { return few }
        return many
    }

    /// The noun that goes with `n`: «ошибки» for 3 / "errors".
    static func noun(_ n: Int, ru: (String, String, String), en: (String, String), _ language: Language) -> String {
        language == .ru ? russianForm(n, ru.0, ru.1, ru.2) : (n == 1 ? en.0 : en.1)
    }

    static func errors(_ n: Int, _ l: Language) -> String { "\(n) " + findingNoun(n, .error, l) }

    static func warnings(_ n: Int, _ l: Language) -> String { "\(n) " + findingNoun(n, .warning, l) }

    static func notes(_ n: Int, _ l: Language) -> String { "\(n) " + findingNoun(n, .info, l) }

    static func files(_ n: Int, _ l: Language) -> String {
        "\(n) " + noun(n, ru: ("файл", "файла", "файлов"), en: ("file", "files"), l)
    }

    /// The noun for `n` findings of `severity` (of any when nil): «ошибки», «замечаний для сведения», "findings".
    static func findingNoun(_ n: Int, _ severity: Severity?, _ l: Language) -> String {
        switch severity {
        case .error: return noun(n, ru: ("ошибка", "ошибки", "ошибок"), en: ("error", "errors"), l)
        case .warning: return noun(n, ru: ("предупреждение", "предупреждения", "предупреждений"), en: ("warning", "warnings"), l)
        case .info: return noun(n, ru: ("замечание для сведения", "замечания для сведения", "замечаний для сведения"),
                                en: ("note", "notes"), l)
        case nil: return noun(n, ru: ("замечание", "замечания", "замечаний"), en: ("finding", "findings"), l)
        }
    }

    /// «Ошибок нет», «3 ошибки, 1 предупреждение», «Ошибок нет, 2 предупреждения;
    /// 1 предупреждение пояснено школой» — explained warnings counted apart, notes when there are any.
    static func verdict(_ r: ValidationReport, _ language: Language) -> String {
        let ru = language == .ru
        let errors = r.count(.error), warnings = r.count(.warning, explained: false), notes = r.count(.info)
        let explained = r.count(.warning, explained: true)
        var parts = [errors == 0 ? (ru ? "Ошибок нет" : "No errors") : self.errors(errors, language)]
        if warnings > 0 { parts.append(self.warnings(warnings, language)) }
        if notes > 0 { parts.append(self.notes(notes, language)) }
        var text = parts.joined(separator: ", ")
        if explained > 0 {
            text += "; " + (ru ? "\(explained) " + russianForm(explained, "предупреждение пояснено", "предупреждения пояснены",
                                                                "предупреждений пояснено") + " школой"
                               : "\(explained) " + (explained == 1 ? "warning" : "warnings") + " explained by the school")
        }
        return text
    }

    /// The line standing for findings cut at the cap: «… и ещё 3 ошибки по правилу field.list».
    static func more(_ count: Int, rule: String, severity: Severity?, _ language: Language) -> String {
        language == .ru ? "… и ещё \(count) \(findingNoun(count, severity, language)) по правилу \(rule)"
                        : "… and \(count) more \(findingNoun(count, severity, language)) of rule \(rule)"
    }

    /// The label before a school's explanation.
    static func explanation(_ language: Language) -> String {
        language == .ru ? "Пояснение школы" : "School's explanation"
    }

    /// «Лист «ВПР»» / "Sheet 'ВПР'", or «Файл в целом» for findings on no sheet.
    static func sheetHeading(_ sheet: String?, _ language: Language) -> String {
        let ru = language == .ru
        guard let sheet else { return ru ? "Файл в целом" : "The file as a whole" }
        return ru ? "Лист «\(sheet)»" : "Sheet '\(sheet)'"
    }

    /// The finding's message, led by the row it is about when it is a table row's
    /// («4, Русский язык: Участников 70, а …»), so a place like «ВПР!C7» is not the only clue.
    static func message(_ f: Finding, _ language: Language) -> String {
        let text = f.message(language)
        guard let key = f.rowKey?(language), !key.isEmpty else { return text }
        return (language == .ru ? "Строка «\(key)»: " : "Row '\(key)': ") + text
    }

    /// «МБОУ ЦО № 9 (co9)», the school a file names on «Титул», or nil.
    static func school(_ v: FileVerdict) -> String? {
        if let s = v.school { return "\(s.short.first ?? s.name) (\(s.code))" }
        return v.report?.school
    }

    /// «МБОУ ЦО № 9 (co9) · Результаты ВПР (vpr, версия 2)»: whose file, and which form.
    static func about(_ v: FileVerdict, _ language: Language) -> String? {
        guard let r = v.report else { return nil }
        let form = v.formTitle.map { "\($0(language)) (\(r.formID), \(language == .ru ? "версия" : "version") \(r.formVersion))" } ?? form(r, language)
        return [school(v), form].compactMap { $0 }.joined(separator: " · ")
    }

    /// «форма vpr, версия 2» / "form vpr, version 2".
    static func form(_ r: ValidationReport, _ language: Language) -> String {
        language == .ru ? "форма \(r.formID), версия \(r.formVersion)" : "form \(r.formID), version \(r.formVersion)"
    }

    /// The severity of the findings a rule's cut count stands for (nil when none of them was kept).
    static func severity(ofRule rule: String, in r: ValidationReport) -> Severity? {
        r.findings.first { $0.rule == rule }?.severity
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

    /// The text with its first letter in upper case: a message opens a table cell as a sentence
    /// («Не заполнено «Класс»»), though the engine writes it to follow a label.
    static func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// The text with its first letter in lower case, for a verdict inside a line.
    static func lowercasedFirst(_ s: String) -> String { s.prefix(1).lowercased() + s.dropFirst() }
}
