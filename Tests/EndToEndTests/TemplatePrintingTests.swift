import Foundation
import SvodTestSupport
import Testing

/// A blank template as the school prints it, through LibreOffice's PDF export: «Титул» on one
/// page with its labels beside their cells, the ВПР table across one page's width and on at most
/// three pages down, its heading on each.
@Suite struct TemplatePrintingTests {
    @Test(arguments: ["xlsx", "ods"])
    func theVPRTemplatePrintsOnFivePagesOfA4(_ ext: String) throws {
        guard LibreOffice.isInstalled, FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            print("notice: LibreOffice or poppler-utils is missing; the template is not printed")
            return
        }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("vpr.\(ext)").path
        let made = try runProcess(TestPaths.svodBinary, ["template", "--form", "vpr", "-o", path,
                                                          "--schemas", TestPaths.packageRoot.appendingPathComponent("Schemas").path])
        #expect(made.status == 0, "\(made.stderr)")
        let out = dir.appendingPathComponent("pdf")
        let r = try #require(try LibreOffice.convert([path], to: "pdf", outdir: out, work: dir))
        let pdf = out.appendingPathComponent("vpr.pdf").path
        #expect(r.status == 0 && FileManager.default.fileExists(atPath: pdf), "\(r.stderr)")
        let info = try runProcess(URL(fileURLWithPath: "/usr/bin/pdfinfo"), [pdf]).stdoutText
        let count = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        var table = 0, title = 0
        for page in 1...max(1, count) {
            let text = try runProcess(URL(fileURLWithPath: "/usr/bin/pdftotext"), ["-f", "\(page)", "-l", "\(page)", "-layout", pdf, "-"]).stdoutText
            if text.contains("проверочных работ — ВПР") {
                table += 1
                // Every column's heading on the page: the table is as wide as one page.
                for heading in ["Класс", "Предмет", "«5»", "«2»", "Качество"] { #expect(text.contains(heading), "page \(page): \(heading)") }
            }
            if text.contains("Код ОО") || text.contains("Образовательная организация") { title += 1 }
        }
        #expect(table >= 1 && table <= 3, "the ВПР table on \(table) pages")
        #expect(title == 1, "«Титул» on \(title) pages")
        #expect(count == table + 2, "\(count) pages: «Титул», the table, «Пояснения»")
    }
}
