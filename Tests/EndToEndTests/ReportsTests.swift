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
            #expect(page.contains("Ошибок: \(report.count(.error)), предупреждений: \(report.count(.warning, explained: false))"))
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
            #expect(page.contains("… и ещё 3 по правилу field.list"))
            let english = HTMLReport.render([report], language: .en)
            #expect(english.contains("<html lang=\"en\">") && english.contains("… and 3 more of field.list"))
            #expect(english.contains("Errors: "))
        }
    }

    @Test func severalFilesShareOnePageAndACleanOneSaysSo() throws {
        try withDir { dir in
            let bad = try Self.validate(try Self.write(Self.lines(), in: dir, name: "bad"))
            let good = try Self.validate(try Self.write([Self.line("4", "Математика", [31, 27, 12, 1])], in: dir, name: "good"))
            #expect(good.findings.isEmpty, "\(good.findings.map { "\($0.rule) \($0.place ?? "")" })")
            let page = HTMLReport.render([bad, good], language: .ru)
            #expect(Self.count("<!DOCTYPE html>", in: page) == 1)
            #expect(page.contains("Ошибок нет"))
            #expect(page.contains("bad.xlsx") && page.contains("good.xlsx"))
            #expect(page.contains("id=\"file-1\"") && page.contains("id=\"file-2\""))
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
            #expect(list[CellReference(row: c7Row.0.row, column: 3)] == .text(c7.message.ru))
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
            let parts = format == .xlsx ? zip.entries.filter { $0.name.hasPrefix("xl/comments") } : [zip.entry(named: "content.xml")!]
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

            // Marked cells carry a style and unmarked ones none; errors share one, the warning has another.
            if format == .xlsx {
                let sheet = String(decoding: try zip.read(zip.entry(named: "xl/worksheets/sheet2.xml")!), as: UTF8.self)
                func style(_ ref: String) -> String? {
                    guard let start = sheet.range(of: "<c r=\"\(ref)\"") else { return nil }
                    let tag = sheet[start.upperBound...].prefix { $0 != ">" }
                    return tag.range(of: "s=\"").map { String(tag[$0.upperBound...].prefix { $0 != "\"" }) }
                }
                #expect(style("C6") == nil)
                #expect(style("C7") != nil && style("C7") == style("B8") && style("C7") == style("E9"))
                #expect(style("I6") != nil && style("I6") != style("C7"))
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
            #expect(list.cells.values.contains { $0.value == .text("… and 2 more of field.list") })
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
