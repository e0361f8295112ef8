import SvodLocale
import SvodSchema
import SvodValidation

/// Validation reports as one self-contained HTML page a school coordinator can open or
/// print: no scripts, no external resources, A4-friendly print styles.
public enum HTMLReport {
    /// All reports on one page (UTF-8, `lang` set), each file with its verdict and its findings by sheet.
    public static func render(_ reports: [ValidationReport], language: Language) -> String {
        render(reports.map { FileVerdict(file: $0.file, report: $0, school: nil, formTitle: nil) }, language: language)
    }

    /// Every input on one page: a table of the files a person must look at (findings, or not
    /// checked, with the reason) — every file with `allFiles` —, a section for each of those,
    /// and the clean files listed once at the end, without a page each.
    public static func render(_ verdicts: [FileVerdict], language: Language, allFiles: Bool = false) -> String {
        let ru = language == .ru
        let heading = ru ? "Результаты проверки форм" : "Form validation results"
        // A single file names the page, so a saved or printed copy says whose it is.
        let title = verdicts.count == 1 ? heading + " — " + fileName(verdicts[0].file) : heading
        var out = """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="svod">
        <title>\(escape(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        <header><h1>\(heading)</h1>

        """
        // Files from one folder are listed by name, the folder said once.
        let folder = verdicts.count > 1 ? commonFolder(verdicts.map(\.file)) : ""
        out += "<p class=\"lead\">" + escape(lead(verdicts, language))
        if !folder.isEmpty { out += "<br>" + (ru ? "Папка: " : "Folder: ") + "<span class=\"path\">\(path(folder))</span>" }
        out += "</p></header>\n"
        let shown = verdicts.enumerated().filter { allFiles || needsPage($0.element) }
        let clean = verdicts.filter { !needsPage($0) }
        // A contents table only pays off when there is more than one file to find.
        if verdicts.count > 1 && !shown.isEmpty {
            out += contents(shown.map(\.element), numbers: shown.map { $0.offset + 1 }, folder: folder, language)
        }
        for (i, v) in shown where needsPage(v) {
            if let r = v.report { out += file(r, number: i + 1, about: ReportWording.about(v, language), language) } else { out += refused(v, number: i + 1, language) }
        }
        if verdicts.count > 1 && !clean.isEmpty && !allFiles {
            out += "<section class=\"clean\">\n<h2>" + escape(ru ? "Без замечаний — \(ReportWording.files(clean.count, .ru))" : "No findings — \(ReportWording.files(clean.count, .en))")
                + "</h2>\n<table class=\"contents\">\n<colgroup><col class=\"c-file\"><col class=\"c-school\"><col class=\"c-form\"></colgroup>\n<thead><tr>"
                + (ru ? ["Файл", "Школа", "Форма"] : ["File", "School", "Form"]).map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for v in clean {
                out += "<tr><td class=\"file\">\(path(String(v.file.dropFirst(folder.count))))</td><td>\(escape(ReportWording.school(v) ?? "—"))</td>"
                    + "<td class=\"form\">\(escape(v.report?.formID ?? ""))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n</section>\n"
        }
        out += "<footer>\n<p>" + escape(ru
            ? "Под каждым сообщением — код правила. Объясняя предупреждение, школа указывает этот код и ячейку на листе «Пояснения» своей формы."
            : "Under each message is the rule's code. To explain a warning, a school gives this code and the cell on its form's sheet 'Пояснения'.")
            + "</p>\n<p>" + (ru ? "Отчёт составлен программой svod." : "Report made by svod.") + "</p>\n</footer>\n"
        out += "</body>\n</html>\n"
        return out
    }

    /// Whether a file gets a section: it has findings, or it was not checked.
    private static func needsPage(_ v: FileVerdict) -> Bool {
        guard let r = v.report else { return true }
        return !r.findings.isEmpty || !r.truncated.isEmpty
    }

    private static func contents(_ verdicts: [FileVerdict], numbers: [Int], folder: String, _ language: Language) -> String {
        let ru = language == .ru
        var out = "<nav>\n<table class=\"contents\">\n<colgroup><col class=\"c-no\"><col class=\"c-file\"><col class=\"c-school\"><col class=\"c-form\">"
            + "<col class=\"c-verdict\"></colgroup>\n<thead><tr>"
            + (ru ? ["№", "Файл", "Школа", "Форма", "Итог"] : ["No.", "File", "School", "Form", "Result"]).map { "<th scope=\"col\">\($0)</th>" }.joined()
            + "</tr></thead>\n<tbody>\n"
        for (v, n) in zip(verdicts, numbers) {
            let name = path(String(v.file.dropFirst(folder.count)))
            out += "<tr><td class=\"no\">\(n)</td><td class=\"file\">" + (needsPage(v) ? "<a href=\"#file-\(n)\">\(name)</a>" : name) + "</td>"
                + "<td>\(escape(ReportWording.school(v) ?? "—"))</td><td class=\"form\">\(escape(v.report?.formID ?? "—"))</td><td>"
            if let r = v.report {
                out += "<span class=\"badge \(verdictClass(r))\">\(escape(ReportWording.verdict(r, language)))</span>"
            } else {
                out += "<span class=\"badge error\">\(escape(ru ? "не проверен" : "not checked"))</span>"
            }
            out += "</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</nav>\n"
    }

    /// A file that was not checked: its section says why.
    private static func refused(_ v: FileVerdict, number: Int, _ language: Language) -> String {
        let ru = language == .ru
        var out = "<section class=\"file\" id=\"file-\(number)\">\n<h2>\(escape(fileName(v.file)))</h2>\n<p class=\"meta\">"
        if fileName(v.file) != v.file { out += "<span class=\"path\">\(path(v.file))</span>" }
        out += "</p>\n<p class=\"verdict error\">" + escape((ru ? "Не проверен: " : "Not checked: ")
            + (v.refusal.map { $0.message(language) } ?? "")) + "</p>\n</section>\n"
        return out
    }

    /// «Проверено 16 файлов: без ошибок — 7, с ошибками — 9.» / "16 files checked: 7 without errors, 9 with errors."
    private static func lead(_ verdicts: [FileVerdict], _ language: Language) -> String {
        let n = verdicts.count
        let refused = verdicts.filter { $0.report == nil }.count
        let clean = verdicts.filter { $0.report?.isValid == true }.count
        let failed = n - clean - refused
        if language == .ru {
            // «Проверено» only when every file was: files not checked make it «Получено».
            let verb = refused == 0 ? ReportWording.russianForm(n, "Проверен", "Проверено", "Проверено")
                : ReportWording.russianForm(n, "Получен", "Получено", "Получено")
            if n == 1 { return refused == 1 ? "Файл не проверен." : "Проверен 1 файл." }
            return "\(verb) \(ReportWording.files(n, .ru)): без ошибок — \(clean), с ошибками — \(failed)"
                + (refused > 0 ? ", не проверены — \(refused)." : ".")
        }
        if n == 1 { return refused == 1 ? "The file was not checked." : "1 file checked." }
        if refused == 0 { return "\(ReportWording.files(n, .en)) checked: \(clean) without errors, \(failed) with errors." }
        return "\(ReportWording.files(n, .en)): \(clean) without errors, \(failed) with errors" + (refused > 0 ? ", \(refused) not checked." : ".")
    }

    private static func file(_ r: ValidationReport, number: Int, about: String? = nil, _ language: Language) -> String {
        let ru = language == .ru
        var out = "<section class=\"file\" id=\"file-\(number)\">\n<h2>\(escape(fileName(r.file)))</h2>\n<p class=\"meta\">"
        if fileName(r.file) != r.file { out += "<span class=\"path\">\(path(r.file))</span><br>" }
        out += escape(about ?? ReportWording.capitalized(ReportWording.form(r, language)))
        if !r.sha256.isEmpty { out += " · SHA-256 <code class=\"hash\">\(escape(r.sha256))</code>" }
        out += "</p>\n<p class=\"verdict \(verdictClass(r))\">\(escape(ReportWording.verdict(r, language)))</p>\n"

        let lastOfRule = Dictionary(r.findings.enumerated().map { ($0.element.rule, $0.offset) }, uniquingKeysWith: max)
        var order: [String?] = []
        for f in r.findings where !order.contains(where: { $0 == f.sheet }) { order.append(f.sheet) }
        for sheet in order {
            out += "<h3>" + escape(ReportWording.sheetHeading(sheet, language)) + "</h3>\n"
            out += tableHead(language)
            for (index, f) in r.findings.enumerated() where f.sheet == sheet {
                out += row(f, language)
                if lastOfRule[f.rule] == index, let more = r.truncated[f.rule] {
                    out += moreRow(more, rule: f.rule, severity: f.severity, language)
                }
            }
            out += "</tbody>\n</table>\n"
        }
        // Rules cut so hard that no finding of theirs was kept still deserve their count.
        let orphans = ReportWording.truncatedRules(r).filter { lastOfRule[$0.rule] == nil }
        if !orphans.isEmpty {
            out += "<h3>" + (ru ? "Прочее" : "Other") + "</h3>\n"
            for o in orphans { out += "<p class=\"more\">\(escape(ReportWording.more(o.count, rule: o.rule, severity: nil, language)))</p>\n" }
        }
        out += "</section>\n"
        return out
    }

    private static func tableHead(_ language: Language) -> String {
        let ru = language == .ru
        let titles = ru ? ["Место", "Серьёзность", "Сообщение", "Фактически", "Ожидалось"]
                        : ["Place", "Severity", "Message", "Actual", "Expected"]
        return "<table class=\"findings\">\n<colgroup><col class=\"c-place\"><col class=\"c-sev\"><col class=\"c-msg\">"
            + "<col class=\"c-val\"><col class=\"c-val\"></colgroup>\n<thead><tr>"
            + titles.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
    }

    /// One finding: its place, severity, message (the school's explanation and the rule's code
    /// below it) and the values, shown the way the page's language writes them.
    private static func row(_ f: Finding, _ language: Language) -> String {
        let kind = severityClass(f)
        var out = "<tr class=\"finding \(kind)\">"
        // A place with a long sheet name may wrap at its spaces, or after its «!»; a short one
        // («ВПР!F12») fits its column whole and is written as it is.
        let place = escape(f.place ?? "—")
        out += "<td class=\"place\">\(place.count > 15 ? place.replacingOccurrences(of: "!", with: "!<wbr>") : place)</td>"
        out += "<td class=\"sev\"><span class=\"badge \(kind)\">\(escape(ReportWording.severity(f.severity, language)))</span>"
        if f.severity == .warning && f.explanation != nil { out += "<br><span class=\"state\">\(ReportWording.explained(language))</span>" }
        out += "</td><td class=\"message\"><div class=\"text\">\(escape(ReportWording.capitalized(ReportWording.message(f, language))))</div>"
        if let e = f.explanation {
            out += "<div class=\"explanation\"><span class=\"label\">\(escape(ReportWording.explanation(language))):</span> \(escape(e))</div>"
        }
        out += "<div class=\"rule\"><code>\(escape(f.rule))</code></div></td>"
        out += "<td class=\"value\">\(escape(f.actual.map { ReportValue($0).shown(language) } ?? ""))</td>"
        out += "<td class=\"value\">\(escape(f.expected.map { ReportValue($0).shown(language) } ?? ""))</td></tr>\n"
        return out
    }

    private static func moreRow(_ count: Int, rule: String, severity: Severity?, _ language: Language) -> String {
        "<tr class=\"more\"><td colspan=\"5\">\(escape(ReportWording.more(count, rule: rule, severity: severity, language)))</td></tr>\n"
    }

    /// The folder, ending in a slash, that every path lies in ("" when none).
    private static func commonFolder(_ paths: [String]) -> String {
        guard var common = paths.first?.split(separator: "/", omittingEmptySubsequences: false).dropLast() else { return "" }
        for p in paths.dropFirst() {
            let parts = p.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            common = common.prefix(zip(common, parts).prefix { $0 == $1 }.count)
        }
        // The root alone («/») names no folder: paths are then shown whole.
        let joined = common.joined(separator: "/")
        return joined.isEmpty ? "" : joined + "/"
    }

    /// The last component of a path: what a person calls the file.
    private static func fileName(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }

    /// A path escaped, with a line-break opportunity after each slash, so a long one wraps
    /// between folders rather than inside a name.
    private static func path(_ p: String) -> String {
        escape(p).replacingOccurrences(of: "/", with: "/<wbr>")
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
    // so the page and the file read alike. Printed, the page is A4 portrait (183 mm between the
    // margins): the five columns' shares keep «предупреждение», «Серьёзность», «Обществознание»
    // and a place such as «ВПР!F12» on one line at 9 pt; a word breaks only where it is longer
    // than its whole column (a web address as a value), and prose is hyphenated where the
    // browser has a dictionary for the page's language. On screen the message gets more room.
    private static let style = """

    :root { --error: #9c0006; --error-bg: #ffc7ce; --warning: #7a4a00; --warning-bg: #ffeb9c;
            --explained: #595959; --explained-bg: #e7e6e6; --info: #1f4e78; --info-bg: #ddebf7;
            --ok: #006100; --ok-bg: #c6efce; --rule: #c8c8c8; --muted: #595959; }
    * { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    html { background: #f3f4f6; }
    body { font: 15px/1.45 "Segoe UI", "PT Sans", Arial, "Liberation Sans", sans-serif; color: #1a1a1a; background: #fff;
           margin: 0 auto; max-width: 1120px; padding: 24px 32px 32px; min-height: 100vh; }
    h1 { font-size: 1.6em; margin: 0 0 .25em; }
    h2 { font-size: 1.3em; margin: 0 0 .2em; overflow-wrap: anywhere; }
    h3 { font-size: 1.05em; margin: 1.3em 0 .4em; }
    .lead { font-size: 1.05em; margin: 0 0 1em; }
    .meta { color: var(--muted); margin: 0 0 .4em; }
    .path { overflow-wrap: anywhere; }
    .hash { font-size: .8em; overflow-wrap: anywhere; }
    section.file { border-top: 2px solid #1f4e78; margin-top: 2em; padding-top: 1em; }
    .verdict { display: inline-block; font-weight: bold; font-size: 1.05em; padding: .3em .8em; border-radius: 4px; margin: .3em 0 .2em; }
    .ok { color: var(--ok); background: var(--ok-bg); }
    .warn { color: var(--warning); background: var(--warning-bg); }
    .bad { color: var(--error); background: var(--error-bg); }
    table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 1em; }
    th, td { border: 1px solid var(--rule); padding: 5px 7px; text-align: left; vertical-align: top; }
    th { background: #d9e1f2; font-weight: bold; overflow-wrap: normal; hyphens: manual; }
    col.c-place { width: 16%; } col.c-sev { width: 13%; } col.c-msg { width: 43%; } col.c-val { width: 14%; }
    col.c-no { width: 5%; } col.c-file { width: 33%; } col.c-school { width: 20%; } col.c-form { width: 12%; } col.c-verdict { width: 30%; }
    table.contents td.file { overflow-wrap: anywhere; }
    td.place { overflow-wrap: anywhere; hyphens: manual; }
    td.message, td.value { overflow-wrap: anywhere; hyphens: auto; }
    td.message .text, .explanation { white-space: pre-line; }
    td.sev { white-space: nowrap; }
    .badge { display: inline-block; padding: 0 .3em; border-radius: 3px; font-size: .88em; }
    .badge.error { color: var(--error); background: var(--error-bg); }
    .badge.warning, .badge.explained { color: var(--warning); background: var(--warning-bg); }
    .badge.info { color: var(--info); background: var(--info-bg); }
    .state { font-size: .85em; color: var(--muted); }
    .explanation { margin-top: .3em; padding-left: .6em; border-left: 3px solid #a6a6a6; color: var(--explained); font-style: italic; }
    .explanation .label { font-style: normal; font-weight: bold; }
    .rule { margin-top: .25em; }
    .rule code { font: .8em Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; color: var(--muted); hyphens: manual; }
    tr.finding.error td:first-child { border-left: 4px solid #c00000; }
    tr.finding.warning td:first-child { border-left: 4px solid #d99a00; }
    tr.finding.explained td:first-child { border-left: 4px solid #a6a6a6; }
    tr.finding.info td:first-child { border-left: 4px solid #5b9bd5; }
    tr.finding.explained td.message .text { color: var(--explained); }
    tr.more td, p.more { color: var(--muted); font-style: italic; }
    tr.more td { background: #f7f7f7; }
    footer { margin-top: 2.5em; color: var(--muted); font-size: .88em; border-top: 1px solid var(--rule); padding-top: .6em; }
    footer p { margin: .3em 0; }
    @page { size: A4 portrait; margin: 14mm 12mm 14mm 15mm; }
    @media print {
      html { background: none; }
      body { font-size: 9pt; margin: 0; max-width: none; padding: 0; min-height: 0; }
      th, td { padding: 3px 5px; }
      col.c-place { width: 18%; } col.c-sev { width: 15%; } col.c-msg { width: 35%; } col.c-val { width: 16%; }
      footer { break-inside: avoid; }
      section.file { border-top: none; margin-top: 0; padding-top: 0; }
      nav + section.file, section.file + section.file { break-before: page; }
      h1, h2, h3 { break-after: avoid; }
      .verdict, .meta { break-after: avoid; }
      table { break-inside: auto; }
      thead { display: table-header-group; }
      tr { break-inside: avoid; }
      a { color: inherit; text-decoration: none; }
    }

    """
}
