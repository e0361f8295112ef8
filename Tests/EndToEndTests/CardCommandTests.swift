import Foundation
import SvodLocale
import SvodTestSupport
import Testing

/// `svod card`: one school's page with its risk grid, rubric and recommendations, a card per
/// school with `--all`, and the page printed by headless Chromium to A4 with its Russian text intact.
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
        // 2017/2018 is not among the samples: the grid says «нет файла», the verdict «нет данных», and the card asks for the forms.
        #expect(page.contains("нет файла") && page.contains("Итог: <strong>нет данных") && page.contains("Сдать недостающие формы"))
        #expect(page.contains("<caption>") && page.components(separatedBy: "<th scope=\"row\">").count - 1 == 7)

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
