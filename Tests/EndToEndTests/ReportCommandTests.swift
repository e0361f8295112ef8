import Foundation
import SvodLocale
import SvodTestSupport
import Testing

/// `svod report`: the year's analytical summary — its charts (inline SVG, each with a title, a
/// description and a table of the same numbers; profile classes and additional education checked
/// against the consolidation of the same files), no scripts, the same bytes twice, and the page
/// rendered by headless Chromium (a screenshot, and an A4 PDF read back for its Russian text).
@Suite struct ReportCommandTests {
    static let samples = TestPaths.packageRoot.appendingPathComponent("Samples")
    func svod(_ args: [String]) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }
    var years: [String] { SampleStore.years }

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
        #expect(charts == 6, "\(charts) charts")
        #expect(page.components(separatedBy: "<title id=").count - 1 == 6 && page.components(separatedBy: "<desc id=").count - 1 == 6)
        #expect(page.components(separatedBy: "<caption>Те же числа таблицей</caption>").count - 1 == 6)
        for words in ["ВПР: качество по предметам и годам", "Школы зоны риска на 2020/2021", "Эффективность руководителей", "Доли ОО",
                      "<title id=\"tprofiles\">Профильные классы (группы) по профилям, 2020/2021</title>", "Профильное обучение",
                      "<title id=\"tdod\">Дополнительное образование: занимающихся по направленностям, человек</title>"] {
            #expect(page.contains(words), "\(words)")
        }
        // The quality of Russian in ВПР of each year, recomputed here from the JSON of each year's consolidation.
        var cells = ""
        for year in ["2017-2018", "2018-2019", "2019-2020"] {
            let json = dir.appendingPathComponent("vpr-\(year).json").path
            #expect(try svod(["consolidate", Self.samples.appendingPathComponent("\(year)/vpr").path, "-o", json]).status == 0)
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
            let rows = (((doc["forms"] as? [[String: Any]])?.first?["sheets"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]]) ?? []
            var good = 0.0, n = 0.0
            for row in rows where (row["key"] as? [String: String])?["subject"] == "rus" {
                let v = row["values"] as? [String: NSNumber] ?? [:]
                good += (v["n5"]?.doubleValue ?? 0) + (v["n4"]?.doubleValue ?? 0)
                n += v["n"]?.doubleValue ?? 0
            }
            cells += "<td>" + String(format: "%.1f", (good * 1000 / n).rounded() / 10).replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: ",0", with: "") + "</td>"
        }
        #expect(page.contains("<tr><td>Русский язык</td>\(cells)</tr>"), "\(cells)")
        try expectProfilesAndAdditionalEducation(page)
    }

    /// The consolidation's rows of one sheet: key → values.
    func consolidated(_ folder: String, sheet: String) throws -> [[String: String]: [String: Double]] {
        let out = try svod(["consolidate", Self.samples.appendingPathComponent(folder).path, "--format", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: out.stdout) as? [String: Any], "\(out.stderr)")
        let s = ((doc["forms"] as? [[String: Any]])?.first?["sheets"] as? [[String: Any]])?.first { $0["id"] as? String == sheet }
        var rows: [[String: String]: [String: Double]] = [:]
        for r in s?["rows"] as? [[String: Any]] ?? [] {
            rows[r["key"] as? [String: String] ?? [:]] = (r["values"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue }
        }
        return rows
    }

    /// Profile classes from the 2020/2021 career files (2019/2020 has none: the caption says so) and
    /// additional education of 2019/2020, each against the consolidation of the same files.
    func expectProfilesAndAdditionalEducation(_ page: String) throws {
        func number(_ d: Double) -> String {
            String(format: "%.1f", (d * 10).rounded() / 10).replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: ",0", with: "")
        }
        #expect(page.contains("2020/2021 (за 2019/2020 файлов формы нет — взят ближайший следующий год)"))
        let profiles = try consolidated("2020-2021/career", sheet: "profiles")
        let tech = try #require(profiles[["profile": "tech"]]), all = try #require(profiles[[:]])
        #expect(page.contains("<tr><td>Технологический</td><td>\(number(tech["classes"] ?? -1))</td><td>\(number(tech["pupils"] ?? -1))</td>"), "\(tech)")
        #expect(page.contains("<tr><td>Всего</td><td>\(number(all["classes"] ?? -1))</td><td>\(number(all["pupils"] ?? -1))</td>"), "\(all)")

        let people = try consolidated("2019-2020/dod", sheet: "associations")
        let earlier = try consolidated("2018-2019/dod", sheet: "associations")
        let art = (earlier[["direction": "art"]]?["people"] ?? -1, people[["direction": "art"]]?["people"] ?? -1)
        #expect(page.contains("<tr><td>Художественное</td><td>—</td><td>\(number(art.0))</td><td>\(number(art.1))</td></tr>"), "\(art)")
        let coverage = try #require(try consolidated("2019-2020/dod", sheet: "coverage")[[:]])
        let share = number((coverage["covered"] ?? 0) * 100 / (coverage["pupils"] ?? 1))
        #expect(page.contains("<td>2019/2020</td><td>63</td><td>\(number(coverage["pupils"] ?? -1))</td><td>\(number(coverage["covered"] ?? -1))</td><td>\(share)</td></tr>"),
                "\(coverage) \(share)")
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
        for words in ["Аналитическая справка", "Русский язык", "Школ в зоне риска по каждому критерию", "Школ по итоговому баллу",
                      "Профильных классов (групп) по профилям", "Туристско-краеведческое", "Охват, %"] {
            #expect(text.contains(words), "\(words)")
        }
        PrintedReportTests.keep(.ru, [html, pdf, png], dir: dir)
    }
}
