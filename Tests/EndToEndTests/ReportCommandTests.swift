import Foundation
import SvodLocale
import SvodTestSupport
import Testing

/// `svod report`: the year's analytical summary — its charts (inline SVG, each with a title, a
/// description and a table of the same numbers), no scripts, the same bytes twice, and the page
/// rendered by headless Chromium (a screenshot, and an A4 PDF read back for its Russian text).
@Suite struct ReportCommandTests {
    static let samples = TestPaths.packageRoot.appendingPathComponent("Samples")
    func svod(_ args: [String]) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }
    var years: [String] { ["2018-2019", "2019-2020"].map { Self.samples.appendingPathComponent($0).path } }

    @Test func theReportHasItsChartsAndTables() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("report.html"), again = dir.appendingPathComponent("again.html")
        let r = try svod(["report"] + years + ["--period", "2019/2020", "-o", html.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try svod(["report", "--store", SampleStore.path, "--period", "2019/2020", "-o", again.path]).status == 0)
        #expect(try Data(contentsOf: html) == Data(contentsOf: again), "the same page from the files and from the store")
        let page = try String(contentsOf: html, encoding: .utf8)
        // Self-contained: no scripts, nothing loaded from elsewhere (the SVG namespace is a name, not a fetch).
        #expect(!page.contains("<script") && !page.contains(" src=") && !page.contains(" href=") && !page.contains("url("))
        let charts = page.components(separatedBy: "<svg ").count - 1
        #expect(charts == 4, "\(charts) charts")
        #expect(page.components(separatedBy: "<title id=").count - 1 == 4 && page.components(separatedBy: "<desc id=").count - 1 == 4)
        #expect(page.components(separatedBy: "<caption>Те же числа таблицей</caption>").count - 1 == 4)
        for words in ["ВПР: качество по предметам и годам", "Школы зоны риска на 2020/2021", "Эффективность руководителей", "Доли ОО"] {
            #expect(page.contains(words), "\(words)")
        }
        // The 2019/2020 quality of Russian in ВПР, recomputed here from the JSON of the consolidation.
        let json = dir.appendingPathComponent("vpr.json").path
        #expect(try svod(["consolidate", Self.samples.appendingPathComponent("2019-2020/vpr").path, "-o", json]).status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let rows = (((doc["forms"] as? [[String: Any]])?.first?["sheets"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]]) ?? []
        var good = 0.0, n = 0.0
        for row in rows where (row["key"] as? [String: String])?["subject"] == "rus" {
            let v = row["values"] as? [String: NSNumber] ?? [:]
            good += (v["n5"]?.doubleValue ?? 0) + (v["n4"]?.doubleValue ?? 0)
            n += v["n"]?.doubleValue ?? 0
        }
        let quality = String(format: "%.1f", (good * 1000 / n).rounded() / 10).replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: ",0", with: "")
        #expect(page.contains("<tr><td>Русский язык</td><td>—</td><td>61,3</td><td>\(quality)</td></tr>"), "\(quality)")
    }

    @Test func theReportRendersInChromium() throws {
        guard let chromium = PrintedReportTests.chromium, let pdftotext = PrintedReportTests.pdftotext else {
            print("notice: chromium or pdftotext (poppler-utils) is absent; the report is not rendered")
            return
        }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("report.html")
        #expect(try svod(["report", "--store", SampleStore.path, "--period", "2019/2020", "-o", html.path]).status == 0)
        let pdf = dir.appendingPathComponent("report.pdf"), png = dir.appendingPathComponent("report.png")
        try PrintedReportTests.run(chromium, PrintedReportTests.chromiumOptions(dir) + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString])
        try PrintedReportTests.run(chromium, PrintedReportTests.chromiumOptions(dir) + ["--window-size=1280,3000", "--screenshot=\(png.path)", html.absoluteString])
        #expect(((try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0) > 50_000)
        let text = try PrintedReportTests.run(pdftotext, ["-layout", pdf.path, "-"]).stdoutText
        for words in ["Аналитическая справка", "Русский язык", "Школ в зоне риска по каждому критерию", "Школ по итоговому баллу"] {
            #expect(text.contains(words), "\(words)")
        }
        PrintedReportTests.keep(.ru, [html, pdf, png], dir: dir)
    }
}
