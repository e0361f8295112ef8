import Foundation
import SvodLocale
import SvodReports
import SvodSchema
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import Testing

/// The HTML report as a department prints it: headless Chromium renders a long report to an
/// A4 PDF, and pdftotext reads it back. No word may be cut in two (the heading «Серьёзность»,
/// rule codes, cell names such as «ВПР!F12», the values of the right-most column), nothing may
/// stand past the page's right margin, each page of a table repeats its header and no finding
/// is split between pages. Chromium and poppler-utils are Debian packages (`chromium`,
/// `poppler-utils`); without them the tests print a notice and pass.
///
/// `SVOD_KEEP_RENDERS=DIR` keeps the page, the PDF, page images and a screenshot in DIR, to look at.
@Suite struct PrintedReportTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }.map { URL(fileURLWithPath: $0) }
    static let pdftotext = ["/usr/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }.map { URL(fileURLWithPath: $0) }

    /// A report of a school that got most things wrong: 48 findings on two sheets (one with a
    /// long name), long messages and explanations, long rule codes, numbers, texts and cut counts.
    static func longReport() throws -> ValidationReport {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var report = try ReportsTests.validate(try ReportsTests.write(ReportsTests.lines(), in: dir))
        report.file = "Входящие/ЦО № 9/vpr-2023-2024-co9.xlsx"
        let rules = ["field.required", "low-results.large-share", "objectivity.recheck-sum", "vpr.participants",
                     "talents.vsosh-municipal-pupils-le-participations", "key.duplicate"]
        let values: [(String?, String?)] = [(nil, nil), ("19.6", "13.3"), ("9", "8"), ("134", "133"), ("-0.25", "0"),
                                            ("может быть", "да или нет"), ("МБОУ «Центр образования № 9» имени Героя Советского Союза", "Обществознание"), ("https://co9.tula.ru/svedeniya/dokumenty/otchet-2024.pdf", nil),
                                            ("46.1", "46.10")]
        var findings: [Finding] = []
        for i in 0..<48 {
            let sheet = i < 20 ? "ВПР" : "Патриотизм и добровольчество"
            let cell = CellReference(row: 11 + i, column: 5 + i % 3)
            let severity: Severity = i % 4 == 3 ? .warning : i % 11 == 10 ? .info : .error
            let (actual, expected) = values[i % values.count]
            let long = i % 3 == 0
            let ru = "Доля обучающихся из многодетных семей \(Self.ruNumber(actual)) %, а по числам получается "
                + "\(Self.ruNumber(expected)) %" + (long ? "; проверьте числитель и знаменатель: в знаменателе должны стоять все "
                + "обучающиеся школы на конец учебного года, включая переведённых на семейное образование" : "") + " (конец \(i + 1))"
            var f = Finding(severity, rule: rules[i % rules.count], sheet: sheet, cell: cell, field: "share", actual: actual,
                            expected: expected, message: .init(ru: ru, en: "Share of pupils from large families, but the counts "
                                + "give another figure" + (long ? "; check the numerator and the denominator, which must hold "
                                + "every pupil of the school at the end of the school year" : "") + " (end \(i + 1))"))
            if severity == .warning && i % 8 == 3 {
                f.explanation = "В 2023/2024 учебном году в школу пришли 14 детей из семей вынужденных переселенцев, "
                    + "поэтому доля выросла; справка прилагается (итог \(i + 1))"
            }
            findings.append(f)
        }
        report.findings = findings
        report.truncated = ["field.required": 12, "sheet.renamed": 3]
        return report
    }

    @Test(arguments: [Language.ru, .en])
    func aLongReportPrintsOnA4WithNothingCut(_ language: Language) throws {
        guard let chromium = Self.chromium, let pdftotext = Self.pdftotext else {
            print("notice: chromium or pdftotext (poppler-utils) is absent; the printed report is not checked")
            return
        }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try Self.longReport()
        let page = HTMLReport.render([report], language: language)
        let html = dir.appendingPathComponent("report.html")
        try Data(page.utf8).write(to: html)
        let pdf = dir.appendingPathComponent("report.pdf")
        let png = dir.appendingPathComponent("screen.png")
        try Self.run(chromium, Self.chromiumOptions(dir) + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString])
        try Self.run(chromium, Self.chromiumOptions(dir) + ["--window-size=1280,2400", "--screenshot=\(png.path)", html.absoluteString])
        #expect(FileManager.default.fileExists(atPath: png.path))
        let layout = try Self.run(pdftotext, ["-layout", pdf.path, "-"]).stdoutText
        let boxes = try Self.words(try Self.run(pdftotext, ["-bbox", pdf.path, "-"]).stdoutText)
        Self.keep(language, [html, pdf, png], dir: dir)

        // Every word of the page is whole in the PDF as often as the page has it. A word may
        // end a line after its own hyphen, slash or «!» (a long rule code, a path, a long sheet
        // name before its cell): pieces are counted that way on both sides, so «field.requir|ed»
        // or «Серьёзност|ь» still fail. A web address as a value is longer than any column and
        // must break: it is only held to the margins below.
        let want = Self.pieces(Self.visibleText(page).split(whereSeparator: \.isWhitespace).filter { !$0.contains("://") }
            .joined(separator: " ")), got = Self.pieces(layout)
        let missing = want.filter { got[$0.key, default: 0] < $0.value }.map { "\($0.key) ×\($0.value), PDF ×\(got[$0.key, default: 0])" }
        #expect(missing.isEmpty, "\(missing.sorted().prefix(40))")
        let heading = language == .ru ? "Серьёзность" : "Severity"
        for word in [heading, "ВПР!F12", "field.required", "objectivity.recheck-sum",
                     language == .ru ? "19,6" : "19.6", language == .ru ? "13,3" : "13.3", language == .ru ? "предупреждение" : "warning"] {
            #expect(layout.contains(word), "\(word)")
        }
        #expect(!layout.contains("19.6") || language == .en, "a number with a dot in the Russian report")

        // Nothing past the margins: A4 is 595 × 842 pt, the page's margins 15 mm left and 12 mm right.
        let pages = Set(boxes.map(\.page)).sorted()
        #expect(pages.count >= 3, "\(pages.count) pages: the report should fill several")
        let outside = boxes.filter { !($0.xMax <= $0.width - 12 * 72 / 25.4 + 1 && $0.xMin >= 15 * 72 / 25.4 - 1) }
        #expect(outside.isEmpty, "\(outside.count) words past the margins: \(outside.prefix(12).map { "«\($0.text)» p. \($0.page + 1) x \(Int($0.xMin))…\(Int($0.xMax))" })")
        #expect(boxes.allSatisfy { abs($0.width - 595.3) < 1 && abs($0.height - 841.9) < 1 }, "not A4 portrait")

        // Each finding, from its place to the end of its message and explanation, on one page;
        // every page with findings starts its table with the header again.
        let end = language == .ru ? "(конец" : "(end"
        for (i, f) in report.findings.enumerated() {
            let place = boxes.filter { $0.text == f.cell!.a1 || $0.text.hasSuffix("!" + f.cell!.a1) }.map(\.page)
            let last = boxes.firstIndex { $0.text == "\(i + 1))" && $0.index > 0 && boxes[$0.index - 1].text == end }
            guard let last, let first = place.last(where: { $0 <= boxes[last].page }) else {
                Issue.record("finding \(i + 1) not found in the PDF")
                continue
            }
            #expect(first == boxes[last].page, "finding \(i + 1) split between pages \(first + 1) and \(boxes[last].page + 1)")
            if let e = f.explanation, language == .ru {
                let tail = boxes.first { $0.text == "\(i + 1))" && $0.index > 0 && boxes[$0.index - 1].text == "(итог" }
                #expect(tail?.page == first, "\(e.suffix(30))")
            }
        }
        let withFindings = Set(report.findings.compactMap(\.cell).flatMap { c in boxes.filter { $0.text.hasSuffix(c.a1) }.map(\.page) })
        for p in withFindings {
            #expect(boxes.contains { $0.page == p && $0.text == heading }, "page \(p + 1) has findings but no header")
            #expect(boxes.contains { $0.page == p && $0.text == (language == .ru ? "Ожидалось" : "Expected") }, "page \(p + 1): right-most header")
        }
    }

    // MARK: Helpers

    /// The test's own Russian spelling of an engine number, for its messages.
    static func ruNumber(_ s: String?) -> String { (s ?? "—").replacingOccurrences(of: ".", with: ",") }

    /// Chromium headless with a profile of its own (tests run side by side).
    static func chromiumOptions(_ dir: URL) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + dir.appendingPathComponent("profile").path]
    }

    @discardableResult
    static func run(_ tool: URL, _ arguments: [String]) throws -> ProcessResult {
        let r = try runProcess(URL(fileURLWithPath: "/usr/bin/timeout"), ["120", tool.path] + arguments)
        #expect(r.status == 0, "\(tool.lastPathComponent): \(r.stderr.suffix(2000))")
        return r
    }

    /// The page's text as a reader sees it: the head dropped, tags as spaces (a `<wbr>` as
    /// nothing: it sits inside a word), entities decoded.
    static func visibleText(_ page: String) -> String {
        var s = page
        if let head = s.range(of: "<head>"), let end = s.range(of: "</head>") { s.removeSubrange(head.lowerBound..<end.upperBound) }
        s = s.replacingOccurrences(of: "<wbr>", with: "")
        s = s.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, c) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            s = s.replacingOccurrences(of: entity, with: c)
        }
        return s
    }

    /// Words split after each hyphen and slash, counted.
    static func pieces(_ text: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for word in text.split(whereSeparator: \.isWhitespace) {
            var piece = ""
            for c in word {
                piece.append(c)
                if c == "-" || c == "/" || c == "!" { out[piece, default: 0] += 1; piece = "" }
            }
            if !piece.isEmpty { out[piece, default: 0] += 1 }
        }
        return out
    }

    struct Word {
        var index: Int
        var page: Int
        var width: Double
        var height: Double
        var xMin: Double
        var xMax: Double
        var text: String
    }

    /// The words of `pdftotext -bbox`, in reading order, with their page and box.
    static func words(_ xml: String) throws -> [Word] {
        var out: [Word] = []
        var page = -1, width = 0.0, height = 0.0
        func attribute(_ name: String, _ tag: Substring) -> Double {
            guard let r = tag.range(of: name + "=\"") else { return .nan }
            return Double(tag[r.upperBound...].prefix { $0 != "\"" }) ?? .nan
        }
        for line in xml.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("<page ") {
                page += 1
                width = attribute("width", Substring(t))
                height = attribute("height", Substring(t))
            } else if t.hasPrefix("<word "), let close = t.firstIndex(of: ">"), let end = t.range(of: "</word>") {
                let tag = t[..<close]
                var text = String(t[t.index(after: close)..<end.lowerBound])
                for (entity, c) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"), ("&amp;", "&")] {
                    text = text.replacingOccurrences(of: entity, with: c)
                }
                out.append(Word(index: out.count, page: page, width: width, height: height,
                                xMin: attribute("xMin", tag), xMax: attribute("xMax", tag), text: text))
            }
        }
        return out
    }

    static func keep(_ language: Language, _ files: [URL], dir: URL) {
        guard let keep = ProcessInfo.processInfo.environment["SVOD_KEEP_RENDERS"], !keep.isEmpty else { return }
        try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
        for f in files {
            let target = URL(fileURLWithPath: keep).appendingPathComponent("\(language.rawValue)-\(f.lastPathComponent)")
            try? FileManager.default.removeItem(at: target)
            try? FileManager.default.copyItem(at: f, to: target)
        }
        if let pdftoppm = ["/usr/bin/pdftoppm"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            let pdf = files.first { $0.pathExtension == "pdf" }!
            _ = try? runProcess(URL(fileURLWithPath: pdftoppm), ["-png", "-r", "70", pdf.path,
                                                                 URL(fileURLWithPath: keep).appendingPathComponent("\(language.rawValue)-page").path])
        }
    }
}
