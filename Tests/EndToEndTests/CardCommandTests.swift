import Foundation
import SvodLocale
import SvodTestSupport
import SvodZip
import Testing

/// `svod card`: one school's page with its risk grid, rubric and recommendations, a card per
/// school with `--all`, the same card as XLSX and ODS read back by other programs, and the page
/// printed by headless Chromium to A4 with its Russian text intact.
@Suite struct CardCommandTests {
    func svod(_ args: [String]) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    @Test func aSchoolsCardHoldsItsIndicatorsAndMeasures() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = SampleStore.path
        let html = dir.appendingPathComponent("co9.html")
        let r = try svod(["card", "--store", store, "--period", "2019/2020", "--school", "co9", "-o", html.path])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<html lang=\"ru\">") && !page.contains("<script"))
        for heading in ["Зона риска на 2020/2021", "Эффективность руководителя", "Доли ОО", "Адресные рекомендации"] {
            #expect(page.contains(heading), "\(heading)")
        }
        // co9 is in the zone by ЕГЭ profile mathematics alone (Samples/README.md): the verdict, the criterion and its measure.
        #expect(page.contains("Итог: <strong>зона риска") && page.contains("выпускников 11 классов к ГИА (математика профильного уровня)"), "\(page.prefix(3000))")
        #expect(page.contains("<caption>") && page.components(separatedBy: "<th scope=\"row\">").count - 1 == 7)
        // co48's 2017/2018 ВПР came late (not in the store): the grid says «нет файла», the verdict «нет данных», and the card asks for the forms.
        let late = dir.appendingPathComponent("co48.html")
        #expect(try svod(["card", "--store", store, "--period", "2019/2020", "--school", "co48", "-o", late.path]).status == 0)
        let latePage = try String(contentsOf: late, encoding: .utf8)
        #expect(latePage.contains("нет файла") && latePage.contains("Итог: <strong>нет данных") && latePage.contains("Сдать недостающие формы"))

        let folder = dir.appendingPathComponent("cards")
        let all = try svod(["card", "--store", store, "--period", "2019/2020", "--all", "-o", folder.path])
        #expect(all.status == 0, "\(all.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }
        #expect(written.count == 63 && written.contains("card-co9.html"))

        let bad = try svod(["card", "--store", store, "--period", "2019/2020", "--school", "nosuch", "-o", html.path])
        #expect(bad.status == 2 && bad.stderr.contains("в реестре нет школы «nosuch»"))
        let both = try svod(["card", "--store", store, "--period", "2019/2020", "-o", html.path, "--lang", "en"])
        #expect(both.status == 2 && both.stderr.contains("give --school CODE or --all"))
    }

    /// A sheet's cells as a reader read them: reference → (type, value).
    private func cells(_ doc: [String: Any], _ sheet: String) -> [String: (String, Any)] {
        let s = (doc["sheets"] as? [[String: Any]])?.first { $0["name"] as? String == sheet }
        var out: [String: (String, Any)] = [:]
        for c in s?["cells"] as? [[Any]] ?? [] where c.count == 3 { out[c[0] as? String ?? ""] = (c[1] as? String ?? "", c[2]) }
        return out
    }

    /// The card as XLSX and ODS, read back by python-calamine and openpyxl: the rubric's total (a number, and
    /// the «Итого» under the lines) and the risk verdict are what `svod indicators --format json` gives the school;
    /// LibreOffice recalculates the «Итого» to the total svod cached.
    @Test func theCardAsAWorkbookReadsBackInOtherPrograms() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = SampleStore.path, xlsx = dir.appendingPathComponent("vosh.xlsx").path, ods = dir.appendingPathComponent("vosh.ods").path
        for path in [xlsx, ods] {
            let r = try svod(["card", "--store", store, "--period", "2019/2020", "--school", "vosh", "-o", path])
            #expect(r.status == 0 && r.stdoutText == "\(path)\n", "\(r.stderr)")
        }
        // Dated 2000-01-01 unless --as-of says otherwise, as `svod indicators` dates its workbook.
        let dated = dir.appendingPathComponent("dated.xlsx").path
        #expect(try svod(["card", "--store", store, "--period", "2019/2020", "--school", "vosh", "--as-of", "01.12.2020", "-o", dated]).status == 0)
        for (path, day) in [(xlsx, "2000-01-01"), (dated, "2020-12-01")] {
            let zip = try ZipArchive(path: path)
            let core = String(decoding: try zip.read(try #require(zip.entry(named: "docProps/core.xml"))), as: UTF8.self)
            #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(day)"), "\(core)")
        }
        let indicators = try svod(["indicators", "--store", store, "--period", "2019/2020", "--format", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: indicators.stdout) as? [String: Any])
        let risk = try #require(((doc["risk_zones"] as? [String: Any])?["schools"] as? [[String: Any]])?.first { $0["school"] as? String == "vosh" })
        let rubric = try #require(((doc["director_rubric"] as? [String: Any])?["schools"] as? [[String: Any]])?.first { $0["school"] as? String == "vosh" })
        let total = try #require((rubric["total"] as? NSNumber)?.doubleValue)
        let verdict = try #require(["risk": "зона риска", "clear": "нет", "no-data": "нет данных"][risk["verdict"] as? String ?? ""])
        #expect(verdict == "зона риска", "vosh: in the zone by ЕГЭ profile mathematics (Samples/README.md)")

        guard let calamine = try IndependentReader.calamine.read([xlsx, ods]), let openpyxl = try IndependentReader.openpyxl.read([xlsx]) else {
            print("notice: no .venv; the card's workbook is not read back")
            return
        }
        for read in calamine + openpyxl {
            #expect(read["error"] is NSNull, "\(read["file"] ?? ""): \(read["error"] ?? "")")
            let names = (read["sheets"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["Карта школы", "Зона риска", "Рубрика", "Доли ОО", "Рекомендации"], "\(names ?? [])")
            let card = cells(read, "Карта школы")
            #expect(card["A3"]?.1 as? String == "Показатель" && card["B4"]?.1 as? String == verdict, "\(String(describing: card["B4"]))")
            let row = try #require(card.first { ($0.value.1 as? String)?.contains("итого баллов") == true }?.key.dropFirst())
            #expect(card["B\(row)"]?.0 == "number" && (card["B\(row)"]?.1 as? NSNumber)?.doubleValue == total, "\(String(describing: card["B\(row)"]))")
            let lines = cells(read, "Рубрика")
            let sum = try #require(lines.first { $0.value.1 as? String == "Итого" }?.key.dropFirst())
            #expect((lines["C\(sum)"]?.1 as? NSNumber)?.doubleValue == total)
            #expect((cells(read, "Зона риска")["A1"]?.1 as? String)?.hasSuffix("итог — \(verdict)") == true)
            #expect(cells(read, "Рекомендации").values.contains { ($0.1 as? String)?.hasPrefix("в зоне риска по критерию") == true })
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice") else { print("notice: no LibreOffice; the card's «Итого» is not recalculated"); return }
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/Tools/recalc_compare.py").path
        let check = try runProcess(try #require(IndependentReader.python), [script, xlsx, dir.appendingPathComponent("lo").path])
        #expect(check.status == 0 && check.stdoutText.contains("formulas 1 differ 0"), "\(check.stdoutText)\(check.stderr)")
    }

    /// `--all --format ods` writes a workbook per school; `--format` beside a file must agree with its extension.
    @Test func everyCardAsAWorkbookAndTheWrongCalls() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("cards").path
        let all = try svod(["card", "--store", SampleStore.path, "--period", "2019/2020", "--all", "--format", "ods", "-o", folder])
        #expect(all.status == 0, "\(all.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(written.count == 63 && written.allSatisfy { $0.hasSuffix(".ods") } && written.contains("card-co9.ods"))
        let calls: [([String], String)] = [
            (["--school", "co9", "-o", dir.appendingPathComponent("co9.pdf").path], "карта пишется в .html, .xlsx или .ods"),
            (["--school", "co9", "--format", "ods", "-o", dir.appendingPathComponent("co9.xlsx").path, "--lang", "en"], "--format ods, but -o"),
            (["--all", "--format", "pdf", "-o", folder], "--format: «pdf» — ожидается html, xlsx или ods"),
        ]
        for (args, message) in calls {
            let r = try svod(["card", "--store", SampleStore.path, "--period", "2019/2020"] + args)
            #expect(r.status == 2 && r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("co9.xlsx").path))
    }

    @Test func theCardPrintsOnA4() throws {
        guard let chromium = PrintedReportTests.chromium, let pdftotext = PrintedReportTests.pdftotext else {
            print("notice: chromium or pdftotext (poppler-utils) is absent; the card is not printed")
            return
        }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("card.html")
        let r = try svod(["card", "--store", SampleStore.path, "--period", "2019/2020", "--school", "gym11", "-o", html.path])
        #expect(r.status == 0, "\(r.stderr)")
        let pdf = dir.appendingPathComponent("card.pdf"), png = dir.appendingPathComponent("card.png")
        try PrintedReportTests.run(chromium, PrintedReportTests.chromiumOptions(dir) + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString])
        try PrintedReportTests.run(chromium, PrintedReportTests.chromiumOptions(dir) + ["--window-size=1280,2400", "--screenshot=\(png.path)", html.absoluteString])
        #expect(((try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0) > 10_000)
        let text = try PrintedReportTests.run(pdftotext, ["-layout", pdf.path, "-"]).stdoutText
        for words in ["Зона риска на 2020/2021", "Эффективность руководителя", "Адресные рекомендации", "В среднем"] {
            #expect(text.contains(words), "\(words)")
        }
        let pages = text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.count
        #expect((2...6).contains(pages), "\(pages) pages")
        PrintedReportTests.keep(.ru, [html, pdf, png], dir: dir)
    }
}
