import SvodLocale
import SvodSchema
import SvodValidation

/// Validation reports for a terminal: grouped by sheet and rule, colour only on a terminal.
/// The words are the HTML page's and the annotated workbook's (`ReportWording`).
public enum TextReport {
    /// The report; `colour` adds ANSI colours to severities. A report with findings ends with
    /// an empty line, so the next file's line stands apart.
    /// `about` names the school and the form («МБОУ ЦО № 9 (co9) · Результаты ВПР (vpr, версия 2)»).
    public static func render(_ r: ValidationReport, language: Language, colour: Bool, about: String? = nil) -> String {
        func paint(_ s: String, _ code: String?) -> String { colour && code != nil ? "\u{1B}[\(code!)m\(s)\u{1B}[0m" : s }
        var out = "\(r.file) — \(about ?? ReportWording.form(r, language)): "
        let verdict = ReportWording.lowercasedFirst(ReportWording.verdict(r, language))
        if r.findings.isEmpty && r.truncated.isEmpty {
            return out + paint(verdict, "32") + "\n"
        }
        out += verdict + "\n"
        let bySheet = Dictionary(grouping: r.findings) { $0.sheet ?? "" }
        let order = r.findings.map { $0.sheet ?? "" }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for sheet in order {
            out += "\n" + ReportWording.sheetHeading(sheet.isEmpty ? nil : sheet, language) + "\n"
            let byRule = Dictionary(grouping: bySheet[sheet]!) { $0.rule }
            let rules = bySheet[sheet]!.map(\.rule).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            for rule in rules {
                for f in byRule[rule]! {
                    let code: String? = f.severity == .error ? "31" : f.severity == .warning ? "33" : nil
                    let tag = paint(ReportWording.severity(f, language), code)
                    let place = f.place.map { $0 + "  " } ?? ""
                    out += "  \(place)\(tag)  \(ReportWording.message(f, language))  [\(f.rule)]\n"
                    if let e = f.explanation { out += "      \(ReportWording.lowercasedFirst(ReportWording.explanation(language))): \(e)\n" }
                }
                if let more = r.truncated[rule], sheet == (r.findings.last { $0.rule == rule }?.sheet ?? "") {
                    out += "  " + ReportWording.more(more, rule: rule, severity: ReportWording.severity(ofRule: rule, in: r), language) + "\n"
                }
            }
        }
        // Rules cut so hard that no finding of theirs was kept.
        let orphans = ReportWording.truncatedRules(r).filter { o in !r.findings.contains { $0.rule == o.rule } }
        if !orphans.isEmpty {
            out += "\n" + (language == .ru ? "Прочее" : "Other") + "\n"
            for o in orphans { out += "  " + ReportWording.more(o.count, rule: o.rule, severity: nil, language) + "\n" }
        }
        return out + "\n"
    }
}

extension TextReport {
    /// One input: its report under its school and form, or the line saying why it was not checked.
    public static func render(_ v: FileVerdict, language: Language, colour: Bool) -> String {
        if let r = v.report { return render(r, language: language, colour: colour, about: ReportWording.about(v, language)) }
        let tag = language == .ru ? "не проверен" : "not checked"
        return "\(v.file) — \(colour ? "\u{1B}[31m\(tag)\u{1B}[0m" : tag): \(v.refusal.map { $0.message(language) } ?? "")\n"
    }
}

/// A text report on several files: the files a person must look at (with findings, or not
/// checked, with the reason), every file with `allFiles`, then the tally of every input.
public enum FolderTextReport {
    /// One input's part of the report: nothing for a clean file unless `allFiles`.
    public static func entry(_ v: FileVerdict, language: Language, colour: Bool, allFiles: Bool) -> String {
        if let r = v.report, !allFiles, r.findings.isEmpty, r.truncated.isEmpty { return "" }
        return TextReport.render(v, language: language, colour: colour)
    }

    /// «Файлов: 1022; прошли проверку: 1010; с ошибками: 10; не проверены: 2».
    public static func tally(_ verdicts: [FileVerdict], language: Language, strict: Bool) -> String {
        tally(files: verdicts.count, failed: verdicts.filter { $0.failed(strict: strict) }.count,
              refused: verdicts.filter { $0.report == nil }.count, language: language)
    }

    /// The same from counts (a long run keeps counts, not every file's report).
    public static func tally(files: Int, failed: Int, refused: Int, language: Language) -> String {
        let passed = files - refused - failed
        return language == .ru
            ? "Файлов: \(files); прошли проверку: \(passed); с ошибками: \(failed); не проверены: \(refused)"
            : "Files: \(files); passed: \(passed); with errors: \(failed); not checked: \(refused)"
    }
}
