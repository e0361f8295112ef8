import SvodLocale
import SvodSchema
import SvodValidation

/// Validation reports as one self-contained HTML page a school coordinator can open or
/// print: no scripts, no external resources, A4-friendly print styles.
public enum HTMLReport {
    /// All reports on one page (UTF-8, `lang` set), each file with its verdict and its findings by sheet.
    public static func render(_ reports: [ValidationReport], language: Language) -> String {
        let ru = language == .ru
        var out = """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="svod">
        <title>\(ru ? "Результаты проверки форм" : "Form validation results")</title>
        <style>\(style)</style>
        </head>
        <body>
        <header><h1>\(ru ? "Результаты проверки форм" : "Form validation results")</h1>

        """
        let clean = reports.filter(\.isValid).count
        out += "<p class=\"lead\">" + (ru ? "Проверено файлов: \(reports.count), без ошибок: \(clean)."
                                          : "Files checked: \(reports.count), without errors: \(clean).") + "</p></header>\n"
        // A contents list only pays off when there is more than one file to find.
        if reports.count > 1 {
            out += "<nav><ol class=\"contents\">\n"
            for (i, r) in reports.enumerated() {
                out += "<li><a href=\"#file-\(i + 1)\">\(escape(r.file))</a> — "
                    + "<span class=\"\(verdictClass(r))\">\(escape(ReportWording.verdict(r, language)))</span></li>\n"
            }
            out += "</ol></nav>\n"
        }
        for (i, r) in reports.enumerated() { out += file(r, number: i + 1, language) }
        out += "<footer><p>" + (ru ? "Отчёт составлен программой svod." : "Report made by svod.") + "</p></footer>\n"
        out += "</body>\n</html>\n"
        return out
    }

    private static func file(_ r: ValidationReport, number: Int, _ language: Language) -> String {
        let ru = language == .ru
        var out = "<section class=\"file\" id=\"file-\(number)\">\n<h2>\(escape(r.file))</h2>\n"
        out += "<p class=\"meta\">" + (ru ? "Форма" : "Form") + " <b>\(escape(r.formID))</b>, "
            + (ru ? "версия" : "version") + " \(r.formVersion)"
        if !r.sha256.isEmpty { out += " · SHA-256 <code class=\"hash\">\(escape(r.sha256))</code>" }
        out += "</p>\n<p class=\"verdict \(verdictClass(r))\">\(escape(ReportWording.verdict(r, language)))</p>\n"

        let lastOfRule = Dictionary(r.findings.enumerated().map { ($0.element.rule, $0.offset) }, uniquingKeysWith: max)
        var order: [String?] = []
        for f in r.findings where !order.contains(where: { $0 == f.sheet }) { order.append(f.sheet) }
        for sheet in order {
            out += "<h3>" + (sheet.map { ru ? "Лист «\(escape($0))»" : "Sheet «\(escape($0))»" }
                             ?? (ru ? "Файл в целом" : "The file as a whole")) + "</h3>\n"
            out += tableHead(language)
            for (index, f) in r.findings.enumerated() where f.sheet == sheet {
                out += row(f, language)
                if lastOfRule[f.rule] == index, let more = r.truncated[f.rule] { out += moreRow(more, rule: f.rule, language) }
            }
            out += "</tbody>\n</table>\n"
        }
        // Rules cut so hard that no finding of theirs was kept still deserve their count.
        let orphans = ReportWording.truncatedRules(r).filter { lastOfRule[$0.rule] == nil }
        if !orphans.isEmpty {
            out += "<h3>" + (ru ? "Прочее" : "Other") + "</h3>\n" + tableHead(language)
            for o in orphans { out += moreRow(o.count, rule: o.rule, language) }
            out += "</tbody>\n</table>\n"
        }
        out += "</section>\n"
        return out
    }

    private static func tableHead(_ language: Language) -> String {
        let ru = language == .ru
        let titles = ru ? ["Место", "Серьёзность", "Сообщение", "Фактически", "Ожидалось", "Правило"]
                        : ["Place", "Severity", "Message", "Actual", "Expected", "Rule"]
        return "<table>\n<colgroup><col class=\"c-place\"><col class=\"c-sev\"><col class=\"c-msg\">"
            + "<col class=\"c-val\"><col class=\"c-val\"><col class=\"c-rule\"></colgroup>\n<thead><tr>"
            + titles.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
    }

    private static func row(_ f: Finding, _ language: Language) -> String {
        let kind = severityClass(f)
        var out = "<tr class=\"finding \(kind)\">"
        out += "<td class=\"place\">\(escape(f.place ?? "—"))</td>"
        out += "<td><span class=\"sev \(kind)\">\(escape(ReportWording.severity(f, language)))</span></td>"
        out += "<td class=\"message\">\(escape(f.message(language)))</td>"
        out += "<td class=\"value\">\(escape(f.actual ?? ""))</td>"
        out += "<td class=\"value\">\(escape(f.expected ?? ""))</td>"
        out += "<td class=\"rule\">\(escape(f.rule))</td></tr>\n"
        if let e = f.explanation {
            out += "<tr class=\"note \(kind)\"><td></td><td colspan=\"5\"><span class=\"label\">"
                + escape(ReportWording.explanation(language)) + ":</span> \(escape(e))</td></tr>\n"
        }
        return out
    }

    private static func moreRow(_ count: Int, rule: String, _ language: Language) -> String {
        "<tr class=\"more\"><td colspan=\"6\">\(escape(ReportWording.more(count, rule: rule, language)))</td></tr>\n"
    }

    private static func severityClass(_ f: Finding) -> String {
        switch f.severity {
        case .error: return "error"
        case .warning: return f.explanation != nil ? "explained" : "warning"
        case .info: return "info"
        }
    }

    private static func verdictClass(_ r: ValidationReport) -> String {
        !r.isValid ? "bad" : r.count(.warning, explained: false) > 0 ? "warn" : "ok"
    }

    /// Text made safe for element content and quoted attributes alike; control characters,
    /// which HTML forbids and a school's file may still hold, become U+FFFD.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    // Colours match the fills of the annotated workbook (Excel's "Bad" and "Neutral" styles),
    // so the page and the file read alike.
    private static let style = """

    :root { --error: #9c0006; --error-bg: #ffc7ce; --warning: #7a4a00; --warning-bg: #ffeb9c;
            --explained: #595959; --explained-bg: #e7e6e6; --info: #1f4e78; --info-bg: #ddebf7; }
    * { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { font: 14px/1.4 "Segoe UI", "PT Sans", Arial, sans-serif; color: #1a1a1a; margin: 24px auto; max-width: 1100px; padding: 0 16px; }
    h1 { font-size: 1.6em; margin: 0 0 .2em; }
    h2 { font-size: 1.25em; margin: 1.6em 0 .2em; overflow-wrap: anywhere; }
    h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
    .lead, .meta { color: #444; margin: .2em 0; }
    .hash { font-size: .75em; color: #666; overflow-wrap: anywhere; }
    .verdict { display: inline-block; font-weight: bold; padding: .3em .7em; border-radius: 4px; margin: .5em 0; }
    .ok { color: #006100; background: #c6efce; }
    .warn { color: var(--warning); background: var(--warning-bg); }
    .bad { color: var(--error); background: var(--error-bg); }
    nav .ok, nav .warn, nav .bad { padding: 0 .3em; border-radius: 3px; }
    table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 1em; }
    col.c-place { width: 12%; } col.c-sev { width: 12%; } col.c-msg { width: 40%; } col.c-val { width: 12%; } col.c-rule { width: 12%; }
    th, td { border: 1px solid #c8c8c8; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
    th { background: #d9e1f2; }
    td.message, tr.note td { white-space: pre-line; }
    td.place { font-weight: bold; }
    td.rule { font-size: .8em; color: #555; font-family: Consolas, "DejaVu Sans Mono", monospace; }
    .sev { display: inline-block; padding: 0 .4em; border-radius: 3px; font-size: .9em; }
    .sev.error { color: var(--error); background: var(--error-bg); }
    .sev.warning { color: var(--warning); background: var(--warning-bg); }
    .sev.explained { color: var(--explained); background: var(--explained-bg); }
    .sev.info { color: var(--info); background: var(--info-bg); }
    tr.finding.error td:first-child { border-left: 4px solid #c00000; }
    tr.finding.warning td:first-child { border-left: 4px solid #d99a00; }
    tr.finding.explained td:first-child, tr.note td:first-child { border-left: 4px solid #a6a6a6; }
    tr.finding.explained td { color: var(--explained); }
    tr.note td { border-top: none; color: var(--explained); font-style: italic; }
    tr.note .label { font-style: normal; font-weight: bold; }
    tr.more td { color: #555; font-style: italic; background: #f7f7f7; }
    footer { margin-top: 2em; color: #777; font-size: .85em; }
    @page { size: A4; margin: 14mm 12mm; }
    @media print {
      body { font-size: 9pt; margin: 0; max-width: none; padding: 0; }
      section.file + section.file { break-before: page; }
      h2, h3 { break-after: avoid; }
      thead { display: table-header-group; }
      tr { break-inside: avoid; }
      a { color: inherit; text-decoration: none; }
    }

    """
}
