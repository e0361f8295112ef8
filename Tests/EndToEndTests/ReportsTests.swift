import Foundation
import SvodReports
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import SvodZip
import Testing

/// The coordinator's reports on a ВПР form with planted mistakes: the HTML page shows each
/// finding safely escaped, and the annotated workbook hands the school's file back intact
/// with the findings listed first and marked on their cells.
@Suite struct ReportsTests {
    static let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)
    /// A subject a hostile or careless file could hold: it must never reach the page as markup.
    static let script = "<script>alert('x & y')</script>"

    /// One ВПР row: class, subject, n, n5, n4, n3, n2, success, quality.
    static func line(_ cls: String, _ subject: String, _ marks: [Int]) -> [CellValue?] {
        let n = marks.reduce(0, +)
        func pct(_ k: Int) -> Double { (Double(k) / Double(n) * 1000).rounded() / 10 }
        return [.text(cls), .text(subject), .number(Double(n))] + marks.map { .number(Double($0)) }
            + [.number(pct(marks[0] + marks[1] + marks[2])), .number(pct(marks[0] + marks[1]))]
    }

    /// Mistakes: C7 does not add up (error), B8 is not a subject (error, holds markup),
    /// I6 is a number typed with a decimal comma (warning), E9 is left empty (error on an empty cell).
    static func lines() -> [[CellValue?]] {
        var l = [line("4", "Математика", [31, 27, 12, 1]), line("4", "Русский язык", [22, 33, 14, 2]),
                 line("5", "История", [10, 20, 30, 3]), line("6", "Биология", [5, 6, 7, 0])]
        l[1][2] = .number(72)
        l[2][1] = .text(script)
        l[0][8] = .text("81,7")
        l[3][4] = nil
        return l
    }

    /// A ВПР file: title (merged) and header rows, the lines, and a sheet with a formula.
    static func write(_ lines: [[CellValue?]], format: SpreadsheetFormat = .xlsx, extraSheet: String = "Справка",
                      repeatFirst: Int = 1, percent: Bool = false, in dir: URL, name: String = "form") throws -> String {
        let path = dir.appendingPathComponent("\(name).\(format == .xlsx ? "xlsx" : "ods")").path
        let w = try SpreadsheetOutput.create(path: path, format: format)
        try w.beginSheet(SheetSetup(name: "ВПР", merges: [CellRange("A1:I1")!]))
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("Результаты ВПР, 2023/2024 учебный год"))]))
        try w.write(OutputRow(index: 1, cells: [OutputCell(column: 0, value: .text("МБОУ ЦО № 9"))]))
        let header = ["Класс", "Предмет", "Участников", "«5»", "«4»", "«3»", "«2»", "Успеваемость, %", "Качество, %"]
        try w.write(OutputRow(index: 4, cells: header.enumerated().map { OutputCell(column: $0.offset, value: .text($0.element)) }))
        let percentStyle = w.style(CellStyle(numberFormat: CellStyle.Format.percentOneDecimal))
        // Shares typed as 81,7 % are stored as 0.817 under a percent format.
        func cell(_ c: Int, _ v: CellValue) -> OutputCell {
            guard percent, c >= 7, case .number(let x) = v else { return OutputCell(column: c, value: v) }
            return OutputCell(column: c, value: .number(x / 100), style: percentStyle)
        }
        for (i, l) in lines.enumerated() {
            try w.write(OutputRow(index: 5 + i + (i > 0 ? repeatFirst - 1 : 0), cells: l.enumerated().compactMap { c, v in v.map { cell(c, $0) } },
                                  repeatCount: i == 0 ? repeatFirst : 1))
        }
        try w.endSheet()
        try TitleSheet.write(to: w)
        try w.beginSheet(SheetSetup(name: extraSheet))
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("Всего участников")),
                                                OutputCell(column: 1, value: .number(142), formula: Formula("'ВПР'!C6*2"))]))
        try w.endSheet()
        try w.finish()
        return path
    }

    static func validate(_ path: String, cap: Int = 200) throws -> ValidationReport {
        let reader = try Spreadsheet.open(path: path)
        let form = try #require(try FormDetector.detect(reader, in: catalog))
        var validator = Validator(catalog: catalog)
        validator.capPerRule = cap
        return try validator.validate(reader, form: form, file: path, sha256: "ab12", previous: nil)
    }

    func withDir(_ body: (URL) throws -> Void) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir)
    }

    /// What an HTML page must show for a text: the five characters escaped.
    static func html(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    static func count(_ needle: String, in s: String) -> Int { s.components(separatedBy: needle).count - 1 }

    // MARK: HTML

    @Test func thePlantedMistakesAreFound() throws {
        try withDir { dir in
            let report = try Self.validate(try Self.write(Self.lines(), in: dir))
            let places = Set(report.findings.compactMap(\.place))
            for place in ["ВПР!C7", "ВПР!B8", "ВПР!I6", "ВПР!E9"] { #expect(places.contains(place), "\(places.sorted())") }
            #expect(report.findings.contains { $0.actual?.contains("<script>") == true || $0.message.ru.contains("<script>") })
        }
    }

    @Test func theHTMLPageShowsEachFindingEscaped() throws {
        try withDir { dir in
            let report = try Self.validate(try Self.write(Self.lines(), in: dir))
            let page = HTMLReport.render([report], language: .ru)
            #expect(page.hasPrefix("<!DOCTYPE html>"))
            #expect(page.contains("<html lang=\"ru\">") && page.contains("<meta charset=\"utf-8\">"))
            #expect(page.contains("@media print"))
            let c7 = try #require(report.findings.first { $0.place == "ВПР!C7" })
            #expect(page.contains("ВПР!C7"))
            #expect(page.contains(Self.html(c7.message.ru)))
            // A message the engine writes to follow a label («не заполнено …») opens its cell as a sentence.
            let e9 = try #require(report.findings.first { $0.place == "ВПР!E9" })
            #expect(e9.message.ru.hasPrefix("не заполнено"), "\(e9.message.ru)")
            // A table row's finding is led by the row it is about.
            #expect(page.contains(">Строка «\(Self.html(e9.rowKey?.ru ?? ""))»: не заполнено"), "\(e9.rowKey?.ru ?? "no row key")")
            #expect(report.count(.error) == 3 && report.count(.warning, explained: false) == 1, "\(report.findings.map { "\($0.severity) \($0.rule) \($0.place ?? "")" })")
            #expect(page.contains("3 ошибки, 1 предупреждение"))
            // The planted markup appears only escaped; the page itself has no script at all.
            #expect(!page.contains("<script"))
            #expect(page.contains(Self.html(Self.script)))
            // No resource is fetched: no src, no link element, no url(…).
            #expect(!page.contains("src=") && !page.contains("<link") && !page.contains("url("))
            for tag in ["tr", "table", "tbody", "thead", "section", "td", "th", "p", "h2", "h3"] {
                #expect(Self.count("<\(tag)>", in: page) + Self.count("<\(tag) ", in: page) == Self.count("</\(tag)>", in: page), "<\(tag)>")
            }
            // Escaping leaves no stray `<` inside text: every `<` opens a tag, a comment or the doctype.
            for piece in page.components(separatedBy: "<").dropFirst() {
                #expect(piece.first.map { $0.isLetter || $0 == "/" || $0 == "!" } == true, "\(piece.prefix(40))")
            }
        }
    }

    @Test func theHTMLPageShowsExplanationsAndCutCounts() throws {
        try withDir { dir in
            var report = try Self.validate(try Self.write(Self.lines(), in: dir))
            let i = try #require(report.findings.firstIndex { $0.place == "ВПР!I6" })
            #expect(report.findings[i].severity == .warning)
            report.findings[i].explanation = "Так выгрузила «система» <АИС>"
            report.truncated = ["field.list": 3]
            let page = HTMLReport.render([report], language: .ru)
            #expect(page.contains("Так выгрузила «система» &lt;АИС&gt;"))
            #expect(page.contains("пояснено"))
            #expect(page.contains("… и ещё 3 ошибки по правилу field.list"))
            #expect(page.contains("6 ошибок; 1 предупреждение пояснено школой"))
            let english = HTMLReport.render([report], language: .en)
            #expect(english.contains("<html lang=\"en\">") && english.contains("… and 3 more errors of rule field.list"))
            #expect(english.contains("6 errors; 1 warning explained by the school"))
        }
    }

    @Test func severalFilesShareOnePageAndACleanOneSaysSo() throws {
        try withDir { dir in
            let bad = try Self.validate(try Self.write(Self.lines(), in: dir, name: "bad"))
            let good = try Self.validate(try Self.write([Self.line("4", "Математика", [31, 27, 12, 1])], in: dir, name: "good"))
            #expect(good.findings.isEmpty, "\(good.findings.map { "\($0.rule) \($0.place ?? "")" })")
            let page = HTMLReport.render([bad, good], language: .ru)
            #expect(Self.count("<!DOCTYPE html>", in: page) == 1)
            #expect(page.contains("без ошибок — 1, с ошибками — 1"))
            #expect(page.contains("bad.xlsx") && page.contains("good.xlsx"))
            // The clean file is listed once at the end, without a section of its own.
            #expect(page.contains("id=\"file-1\"") && !page.contains("id=\"file-2\""))
            #expect(page.contains("Без замечаний — 1 файл"))
        }
    }

    // MARK: Numbers and wording

    /// The ВПР lines with «Качество» of the second line typed as 79,9:
    /// a `vpr.quality` finding at I7 whose values have one decimal place (79,9 against 55 of 71 = 77,5). I6 still holds the
    /// text «81,7».
    static func shareLines() -> [[CellValue?]] {
        var l = lines()
        l[1][8] = .number(79.9)
        return l
    }

    /// The text of each value cell of an HTML page, in order.
    static func valueCells(_ page: String) -> [String] {
        page.components(separatedBy: "<td class=\"value\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    @Test func numbersAreWrittenTheWayTheLanguageWritesThem() throws {
        try withDir { dir in
            let report = try Self.validate(try Self.write(Self.shareLines(), in: dir))
            let q = try #require(report.findings.first { $0.place == "ВПР!I7" && $0.rule == "vpr.quality" })
            // The engine's values are in its own notation; the reports turn them into the reader's.
            #expect(q.actual == "79.9" && q.expected == "77.5", "\(q.actual ?? "") \(q.expected ?? "")")
            #expect(q.message.ru.contains("79,9"))
            let ru = HTMLReport.render([report], language: .ru), en = HTMLReport.render([report], language: .en)
            #expect(ru.contains("<td class=\"value\">79,9</td><td class=\"value\">77,5</td>"))
            #expect(en.contains("<td class=\"value\">79.9</td><td class=\"value\">77.5</td>"))
            // No number with a dot is left in the Russian page's values, none with a comma in the
            // English one — except the school's own text «81,7», which is shown as typed.
            let dotted = try Regex("^-?[0-9]+[.][0-9]+$"), commaed = try Regex("^-?[0-9]+,[0-9]+$")
            #expect(!Self.valueCells(ru).contains { $0.wholeMatch(of: dotted) != nil }, "\(Self.valueCells(ru))")
            #expect(Self.valueCells(en).filter { $0.wholeMatch(of: commaed) != nil } == ["81,7"], "\(Self.valueCells(en))")
            #expect(Self.valueCells(ru).contains("81,7"))
        }
    }

    @Test(arguments: [SpreadsheetFormat.xlsx, .ods])
    func theFindingsSheetHoldsNumbersAsNumbersAndTextsAsTexts(_ format: SpreadsheetFormat) throws {
        try withDir { dir in
            let sourcePath = try Self.write(Self.shareLines(), in: dir)
            let report = try Self.validate(sourcePath)
            let outPath = dir.appendingPathComponent("annotated.\(format == .xlsx ? "xlsx" : "ods")").path
            try AnnotatedWorkbook.write(source: try Spreadsheet.open(path: sourcePath), report: report, to: outPath, format: format, language: .ru)
            let list = try Sheet(reading: try Spreadsheet.open(path: outPath), index: 0)
            func row(_ place: String) throws -> Int { try #require(list.orderedCells.first { $0.1.value == .text(place) }).0.row }
            let q = try row("ВПР!I7"), typed = try row("ВПР!I6"), sum = try row("ВПР!C7")
            #expect(list[CellReference(row: q, column: 4)] == .number(79.9) && list[CellReference(row: q, column: 5)] == .number(77.5))
            #expect(list[CellReference(row: sum, column: 4)] == .number(72) && list[CellReference(row: sum, column: 5)] == .number(71))
            // The school's text stays the text it typed.
            #expect(list[CellReference(row: typed, column: 4)] == .text("81,7"))
            // Each number carries a format that shows its places: 79,9 and 77,5 in a Russian
            // Excel or LibreOffice, not 79,900000001 nor General's «79.9» as text.
            let zip = try ZipArchive(path: outPath)
            if format == .xlsx {
                // The findings sheet is the one the patch added (the school's sheets keep their parts).
                let findings = zip.entry(named: "xl/worksheets/svod-sheet1.xml") ?? zip.entry(named: "xl/worksheets/sheet1.xml")!
                let sheet = String(decoding: try zip.read(findings), as: UTF8.self)
                let styles = String(decoding: try zip.read(zip.entry(named: "xl/styles.xml")!), as: UTF8.self)
                #expect(Self.xlsxFormat(of: "E\(q + 1)", sheet: sheet, styles: styles) == "0.0")
                #expect(Self.xlsxFormat(of: "F\(q + 1)", sheet: sheet, styles: styles) == "0.0")
                #expect(Self.xlsxFormat(of: "E\(sum + 1)", sheet: sheet, styles: styles) == "0")
                #expect(Self.xlsxFormat(of: "E\(typed + 1)", sheet: sheet, styles: styles) == nil)
            } else {
                let content = String(decoding: try zip.read(zip.entry(named: "content.xml")!), as: UTF8.self)
                #expect(Self.odsPlaces(ofFloat: "79.9", in: content) == 1)
                #expect(Self.odsPlaces(ofFloat: "77.5", in: content) == 1)
                #expect(!content.contains("office:value-type=\"string\" office:value=\"79.9\""))
            }
        }
    }

    /// The engine's notations one by one: what the page shows in each language, and the cell
    /// «Замечания» gets.
    static let notations: [(engine: String, ru: String, en: String, cell: CellValue)] = [
        ("19.6", "19,6", "19.6", .number(19.6)), ("-0.25", "-0,25", "-0.25", .number(-0.25)), ("1.10", "1,10", "1.10", .number(1.1)),
        ("1097", "1097", "1097", .number(1097)), ("TRUE", "ИСТИНА", "TRUE", .bool(true)),
        ("2024-09-02", "02.09.2024", "2024-09-02", .date(CivilDateTime(year: 2024, month: 9, day: 2, hasTime: false)!)),
        ("2024-09-02T08:30:00", "02.09.2024 08:30:00", "2024-09-02T08:30:00", .date(CivilDateTime(year: 2024, month: 9, day: 2, hour: 8, minute: 30)!)),
        // Texts that only look like numbers stay as typed.
        ("81,7", "81,7", "81,7", .text("81,7")), ("1 097", "1 097", "1 097", .text("1 097")), ("5.", "5.", "5.", .text("5.")),
        (".5", ".5", ".5", .text(".5")), ("1e5", "1e5", "1e5", .text("1e5")), ("1.2.3", "1.2.3", "1.2.3", .text("1.2.3")),
        ("12345678901234567", "12345678901234567", "12345678901234567", .text("12345678901234567")),
        ("2024-13-02", "2024-13-02", "2024-13-02", .text("2024-13-02")), ("—", "—", "—", .text("—")),
    ]

    @Test func everyNotationIsShownAsTheLanguageWritesIt() throws {
        try withDir { dir in
            let sourcePath = try Self.write(Self.lines(), in: dir)
            var report = try Self.validate(sourcePath)
            let f = try #require(report.findings.first { $0.place == "ВПР!C7" })
            report.findings = Self.notations.map { n in
                var g = f
                g.actual = n.engine
                g.expected = n.engine
                return g
            }
            report.truncated = [:]
            let ru = Self.valueCells(HTMLReport.render([report], language: .ru))
            let en = Self.valueCells(HTMLReport.render([report], language: .en))
            #expect(ru == Self.notations.flatMap { [Self.html($0.ru), Self.html($0.ru)] })
            #expect(en == Self.notations.flatMap { [Self.html($0.en), Self.html($0.en)] })
            for format in [SpreadsheetFormat.xlsx, .ods] {
                let outPath = dir.appendingPathComponent("annotated.\(format == .xlsx ? "xlsx" : "ods")").path
                try AnnotatedWorkbook.write(source: try Spreadsheet.open(path: sourcePath), report: report, to: outPath, format: format, language: .ru)
                let list = try Sheet(reading: try Spreadsheet.open(path: outPath), index: 0)
                for (i, n) in Self.notations.enumerated() {
                    #expect(list[CellReference(row: i + 1, column: 4)] == n.cell, "\(format) \(n.engine)")
                    #expect(list[CellReference(row: i + 1, column: 5)] == n.cell, "\(format) \(n.engine)")
                }
            }
        }
    }

    /// The format code of a cell of an XLSX sheet svod wrote (nil for General).
    static func xlsxFormat(of ref: String, sheet: String, styles: String) -> String? {
        guard let start = sheet.range(of: "<c r=\"\(ref)\"") else { return "missing \(ref)" }
        let tag = sheet[start.upperBound...].prefix { $0 != ">" }
        guard let s = tag.range(of: "s=\"").map({ Int(tag[$0.upperBound...].prefix { $0 != "\"" })! }) else { return nil }
        guard let xfs = styles.range(of: "<cellXfs") else { return "no cellXfs" }
        let xf = styles[xfs.upperBound...].components(separatedBy: "<xf ").dropFirst()[s + 1]
        guard let id = xf.range(of: "numFmtId=\"").map({ Int(xf[$0.upperBound...].prefix { $0 != "\"" })! }), id != 0 else { return nil }
        if id == 1 { return "0" }
        guard let fmt = styles.range(of: "numFmtId=\"\(id)\" formatCode=\"") else { return "numFmt \(id)" }
        return String(styles[fmt.upperBound...].prefix { $0 != "\"" })
    }

    /// The decimal places an ODS number style gives the first float cell holding `value`.
    static func odsPlaces(ofFloat value: String, in content: String) -> Int? {
        guard let cell = content.range(of: "office:value=\"\(value)\"") else { return nil }
        let open = content[..<cell.lowerBound].range(of: "<table:table-cell ", options: .backwards)!
        let tag = content[open.upperBound...].prefix { $0 != ">" }
        guard tag.contains("office:value-type=\"float\""), let name = tag.range(of: "table:style-name=\"") else { return nil }
        let style = tag[name.upperBound...].prefix { $0 != "\"" }
        guard let def = content.range(of: "style:name=\"\(style)\"") else { return nil }
        let styleTag = content[def.upperBound...].prefix { $0 != ">" }
        guard let ds = styleTag.range(of: "style:data-style-name=\"") else { return nil }
        let dataStyle = styleTag[ds.upperBound...].prefix { $0 != "\"" }
        guard let numberStyle = content.range(of: "<number:number-style style:name=\"\(dataStyle)\"") else { return nil }
        let body = content[numberStyle.upperBound...].prefix(400)
        guard let places = body.range(of: "number:decimal-places=\"") else { return nil }
        return Int(body[places.upperBound...].prefix { $0 != "\"" })
    }

    /// Russian counts: the noun in the form its number asks for.
    static let russianErrors = [1: "1 ошибка", 2: "2 ошибки", 4: "4 ошибки", 5: "5 ошибок", 11: "11 ошибок", 12: "12 ошибок",
                                21: "21 ошибка", 22: "22 ошибки", 25: "25 ошибок", 111: "111 ошибок", 101: "101 ошибка"]

    @Test func countsAndSeveritiesReadRightInEveryReport() throws {
        try withDir { dir in
            let sourcePath = try Self.write(Self.lines(), in: dir)
            var report = try Self.validate(sourcePath)
            let error = try #require(report.findings.first { $0.severity == .error })
            let warning = try #require(report.findings.first { $0.severity == .warning })
            for (n, ru) in Self.russianErrors.sorted(by: { $0.key < $1.key }) {
                let warnings = n % 3 == 0 ? 0 : n % 7
                report.findings = Array(repeating: error, count: n) + Array(repeating: warning, count: warnings)
                let text = TextReport.render(report, language: .ru, colour: false)
                let english = TextReport.render(report, language: .en, colour: false)
                let page = HTMLReport.render([report], language: .ru)
                let englishPage = HTMLReport.render([report], language: .en)
                let first = text.prefix { $0 != "\n" }, firstEn = english.prefix { $0 != "\n" }
                #expect(first.hasSuffix(": " + ru + (warnings == 0 ? "" : ", " + Self.russianWarnings(warnings))), "\(first)")
                #expect(page.contains(">" + ru), "\(n)")
                let en = "\(n) error" + (n == 1 ? "" : "s") + (warnings == 0 ? "" : ", \(warnings) warning" + (warnings == 1 ? "" : "s"))
                #expect(firstEn.hasSuffix(": " + en), "\(firstEn)")
                #expect(englishPage.contains(">" + en + "<"), "\(en)")
                for s in [text, english, page, englishPage] {
                    #expect(s.firstMatch(of: try Regex("(^|[^0-9])1 (errors|warnings)")) == nil && !s.contains("внимание"))
                }
            }
            // Warnings are «предупреждение» in the text report, the page, the findings sheet and the comments.
            report.findings = [error, warning]
            let text = TextReport.render(report, language: .ru, colour: false)
            #expect(text.contains("  предупреждение  ") && text.contains("  ошибка  "), "\(text)")
            #expect(text.hasPrefix("\(report.file) — форма vpr, версия 2: 1 ошибка, 1 предупреждение\n"), "\(text)")
            #expect(HTMLReport.render([report], language: .ru).contains(">предупреждение</span>"))
            let outPath = dir.appendingPathComponent("annotated.xlsx").path
            try AnnotatedWorkbook.write(source: try Spreadsheet.open(path: sourcePath), report: report, to: outPath, format: .xlsx, language: .ru)
            let list = try Sheet(reading: try Spreadsheet.open(path: outPath), index: 0)
            #expect(list.cells.filter { $0.key.column == 2 && $0.key.row > 0 }.map(\.key.row).sorted().map { list[CellReference(row: $0, column: 2)] }
                == [.text("ошибка"), .text("предупреждение")])
            let zip = try ZipArchive(path: outPath)
            let comments = try zip.entries.filter { $0.name.contains("comments") }.map { String(decoding: try zip.read($0), as: UTF8.self) }.joined()
            #expect(comments.contains("Предупреждение — ") && comments.contains("Ошибка — ") && !comments.contains("нимание"))
        }
    }

    static func russianWarnings(_ n: Int) -> String {
        let forms = [1: "предупреждение", 2: "предупреждения", 3: "предупреждения", 4: "предупреждения", 5: "предупреждений", 6: "предупреждений"]
        return "\(n) " + forms[n]!
    }

    @Test func explainedWarningsAndCutCountsAgreeInNumber() throws {
        try withDir { dir in
            var report = try Self.validate(try Self.write(Self.lines(), in: dir))
            let warning = try #require(report.findings.first { $0.severity == .warning })
            var explained = warning
            explained.explanation = "так в системе"
            for (n, ru, en) in [(1, "1 предупреждение пояснено школой", "1 warning explained by the school"),
                                (3, "3 предупреждения пояснены школой", "3 warnings explained by the school"),
                                (5, "5 предупреждений пояснено школой", "5 warnings explained by the school")] {
                report.findings = Array(repeating: explained, count: n)
                report.truncated = [:]
                #expect(HTMLReport.render([report], language: .ru).contains(">Ошибок нет; \(ru)<"))
                #expect(HTMLReport.render([report], language: .en).contains(">No errors; \(en)<"))
                #expect(TextReport.render(report, language: .ru, colour: false).contains(": ошибок нет; \(ru)\n"))
                #expect(TextReport.render(report, language: .ru, colour: false).contains("  предупреждение (пояснено)  "))
            }
            report.findings = [warning]
            for (n, ru, en) in [(1, "… и ещё 1 предупреждение по правилу \(warning.rule)", "… and 1 more warning of rule \(warning.rule)"),
                                (2, "… и ещё 2 предупреждения по правилу \(warning.rule)", "… and 2 more warnings of rule \(warning.rule)"),
                                (7, "… и ещё 7 предупреждений по правилу \(warning.rule)", "… and 7 more warnings of rule \(warning.rule)")] {
                report.truncated = [warning.rule: n]
                #expect(TextReport.render(report, language: .ru, colour: false).contains("  " + ru + "\n"))
                #expect(TextReport.render(report, language: .en, colour: false).contains("  " + en + "\n"))
                #expect(HTMLReport.render([report], language: .ru).contains(">" + ru + "<"))
            }
            // Several files: the lead counts files in the right form too.
            let page = HTMLReport.render(Array(repeating: report, count: 21), language: .ru)
            #expect(page.contains("Проверен 21 файл: без ошибок — 21, с ошибками — 0."))
            #expect(HTMLReport.render(Array(repeating: report, count: 3), language: .ru).contains("Проверено 3 файла:"))
            #expect(HTMLReport.render(Array(repeating: report, count: 3), language: .en).contains("3 files checked: 3 without errors, 0 with errors."))
        }
    }

    // MARK: Annotated workbook

    @Test(arguments: [SpreadsheetFormat.xlsx, .ods])
    func theAnnotatedWorkbookKeepsTheDataAndListsTheFindingsFirst(_ format: SpreadsheetFormat) throws {
        try withDir { dir in
            let sourcePath = try Self.write(Self.lines(), format: format, in: dir)
            let report = try Self.validate(sourcePath)
            let ext = format == .xlsx ? "xlsx" : "ods"
            let outPath = dir.appendingPathComponent("annotated.\(ext)").path
            let outcome = try AnnotatedWorkbook.write(source: try Spreadsheet.open(path: sourcePath), report: report,
                                                      to: outPath, format: format, language: .ru)
            #expect(outcome.findingsSheet == "Замечания")
            #expect(outcome.annotatedCells == Set(report.findings.compactMap { $0.cell.map { "\($0)" } }).count)

            let source = try Spreadsheet.open(path: sourcePath)
            let out = try Spreadsheet.open(path: outPath)
            #expect(try out.sheets.map(\.name) == ["Замечания", "ВПР", "Титул", "Справка"])

            // The findings sheet: a header, then one row per finding with its place linked.
            let list = try Sheet(reading: out, index: 0)
            #expect(list["A1"] == .text("№") && list["B1"] == .text("Место"))
            let c7Row = try #require(list.orderedCells.first { $0.1.value == .text("ВПР!C7") })
            #expect(c7Row.0.column == 1)
            let formula = try #require(c7Row.1.formula)
            #expect(formula.contains("HYPERLINK") && formula.contains("C7"))
            let c7 = try #require(report.findings.first { $0.place == "ВПР!C7" })
            #expect(list[CellReference(row: c7Row.0.row, column: 3)] == .text("Строка «\(c7.rowKey?.ru ?? "")»: " + c7.message.ru))
            #expect(list[CellReference(row: c7Row.0.row, column: 6)] == .text(c7.rule))
            #expect(list.lastCell?.row == report.findings.count)

            // Every original value is where it was, and the only new cells are the empty ones marked.
            for index in 0..<2 {
                let before = try Sheet(reading: source, index: index)
                let after = try Sheet(reading: out, index: index + 1)
                for (ref, cell) in before.cells {
                    #expect(after[ref] == cell.value, "\(before.info.name)!\(ref)")
                    #expect((after.cells[ref]?.formula != nil) == (cell.formula != nil), "\(before.info.name)!\(ref)")
                }
                for (ref, cell) in after.cells where before.cells[ref] == nil { #expect(cell.value.isEmpty, "\(ref)") }
                #expect(after.merges == before.merges)
            }

            // The comments hold the messages.
            let zip = try ZipArchive(path: outPath)
            let parts = format == .xlsx ? zip.entries.filter { $0.name.contains("comments") } : [zip.entry(named: "content.xml")!]
            #expect(!parts.isEmpty)
            let xml = try parts.map { String(decoding: try zip.read($0), as: UTF8.self) }.joined()
            let b8 = try #require(report.findings.first { $0.place == "ВПР!B8" })
            for f in [c7, b8] {
                let escaped = f.message.ru.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                    .replacingOccurrences(of: ">", with: "&gt;")
                #expect(xml.contains(escaped) || xml.contains(escaped.replacingOccurrences(of: "\"", with: "&quot;")), "\(f.message.ru)")
            }
            #expect(xml.contains("svod"))
            if format == .ods { #expect(xml.contains("office:annotation")) }

            // The copy is the school's package: unmarked cells keep their style, marked ones get one derived from it —
            // errors on cells of one style share one, the warning another.
            if format == .xlsx {
                let original = try ZipArchive(path: sourcePath)
                func sheetXML(_ zip: ZipArchive) throws -> String { String(decoding: try zip.read(zip.entry(named: "xl/worksheets/sheet1.xml")!), as: UTF8.self) }
                let (before, after) = (try sheetXML(original), try sheetXML(zip))
                func style(_ ref: String, in sheet: String) -> String? {
                    guard let start = sheet.range(of: "<c r=\"\(ref)\"") else { return nil }
                    let tag = sheet[start.upperBound...].prefix { $0 != ">" }
                    return tag.range(of: "s=\"").map { String(tag[$0.upperBound...].prefix { $0 != "\"" }) }
                }
                #expect(style("C6", in: after) == style("C6", in: before))
                #expect(style("C7", in: after) != style("C7", in: before))
                if style("C7", in: before) == style("B8", in: before) { #expect(style("C7", in: after) == style("B8", in: after)) }
                #expect(style("I6", in: after) != nil && style("I6", in: after) != style("C7", in: after))
                let styles = String(decoding: try zip.read(zip.entry(named: "xl/styles.xml")!), as: UTF8.self)
                #expect(styles.contains(Color.errorFill.hex) && styles.contains(Color.warningFill.hex))
            }
        }
    }

    @Test(arguments: [SpreadsheetFormat.xlsx, .ods])
    func percentCellsStayPercentagesMarkedOrNot(_ format: SpreadsheetFormat) throws {
        try withDir { dir in
            var lines = [Self.line("4", "Математика", [31, 27, 12, 1]), Self.line("4", "Русский язык", [22, 33, 14, 2]),
                         Self.line("5", "История", [10, 20, 30, 3])]
            lines[1][8] = .number(79.9)
            let sourcePath = try Self.write(lines, format: format, percent: true, in: dir)
            let report = try Self.validate(sourcePath)
            #expect(report.findings.contains { $0.place == "ВПР!I7" && $0.rule == "vpr.quality" }, "\(report.findings.map { "\($0.rule) \($0.place ?? "") \($0.message.ru)" })")
            let outPath = dir.appendingPathComponent("annotated.\(format == .xlsx ? "xlsx" : "ods")").path
            try AnnotatedWorkbook.write(source: try Spreadsheet.open(path: sourcePath), report: report, to: outPath, format: format, language: .ru)
            let before = try Sheet(reading: try Spreadsheet.open(path: sourcePath), index: 0)
            let after = try Sheet(reading: try Spreadsheet.open(path: outPath), index: 1)
            for ref in ["H6", "I6", "I7", "H8"].compactMap(CellReference.init) {
                #expect(before.cells[ref]?.isPercent == true)
                #expect(after.cells[ref]?.isPercent == true, "\(ref)")
                #expect(after[ref] == before[ref], "\(ref)")
            }
        }
    }

    @Test func aRepeatedRowIsSplitAroundItsFindings() throws {
        try withDir { dir in
            // ODS stores identical rows once with a repeat count: three copies of one line are two duplicates.
            let sourcePath = try Self.write([Self.line("4", "Математика", [31, 27, 12, 1])], format: .ods, repeatFirst: 4, in: dir)
            let report = try Self.validate(sourcePath)
            #expect(report.findings.map { "\($0.rule) \($0.place ?? "")" } == ["key.duplicate ВПР!A7", "key.duplicate ВПР!A8", "key.duplicate ВПР!A9"])
            let outPath = dir.appendingPathComponent("annotated.ods").path
            try AnnotatedWorkbook.write(source: try Spreadsheet.open(path: sourcePath), report: report, to: outPath, format: .ods, language: .ru)
            let before = try Sheet(reading: try Spreadsheet.open(path: sourcePath), index: 0)
            let after = try Sheet(reading: try Spreadsheet.open(path: outPath), index: 1)
            #expect(before.cells.count == after.cells.count && before.lastCell == after.lastCell)
            for (ref, cell) in before.cells { #expect(after[ref] == cell.value, "\(ref)") }
            let zip = try ZipArchive(path: outPath)
            let content = String(decoding: try zip.read(zip.entry(named: "content.xml")!), as: UTF8.self)
            #expect(Self.count("<office:annotation ", in: content) == 3)
        }
    }

    @Test func anExistingFindingsSheetIsNotOverwritten() throws {
        try withDir { dir in
            let sourcePath = try Self.write(Self.lines(), extraSheet: "Замечания", in: dir)
            let report = try Self.validate(sourcePath)
            let outPath = dir.appendingPathComponent("annotated.xlsx").path
            let outcome = try AnnotatedWorkbook.write(source: try Spreadsheet.open(path: sourcePath), report: report,
                                                      to: outPath, format: .xlsx, language: .ru)
            #expect(outcome.findingsSheet == "Замечания svod")
            #expect(try Spreadsheet.open(path: outPath).sheets.map(\.name) == ["Замечания svod", "ВПР", "Титул", "Замечания"])
        }
    }

    @Test func inEnglishTheSheetIsFindings() throws {
        try withDir { dir in
            let sourcePath = try Self.write(Self.lines(), format: .ods, in: dir)
            var report = try Self.validate(sourcePath)
            report.truncated = ["field.list": 2]
            let outPath = dir.appendingPathComponent("annotated.xlsx").path
            try AnnotatedWorkbook.write(source: try Spreadsheet.open(path: sourcePath), report: report,
                                        to: outPath, format: .xlsx, language: .en)
            let out = try Spreadsheet.open(path: outPath)
            #expect(try out.sheets.first?.name == "Findings")
            let list = try Sheet(reading: out, index: 0)
            #expect(list["B1"] == .text("Place"))
            #expect(list.cells.values.contains { $0.value == .text("… and 2 more errors of rule field.list") })
            #expect(list.lastCell?.row == report.findings.count + 1)
        }
    }

    @Test func aFailedWriteLeavesNothingBehind() throws {
        try withDir { dir in
            let sourcePath = try Self.write(Self.lines(), in: dir)
            let report = try Self.validate(sourcePath)
            let outPath = dir.appendingPathComponent("annotated.csv").path
            #expect(throws: (any Error).self) {
                try AnnotatedWorkbook.write(source: try Spreadsheet.open(path: sourcePath), report: report,
                                            to: outPath, format: .csv, language: .ru)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["form.xlsx"])
        }
    }
}
