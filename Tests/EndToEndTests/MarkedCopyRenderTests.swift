import Foundation
import SvodTestSupport
import SvodWorkbook
import Testing

/// Marked copies as a person sees them: LibreOffice prints them to PDF, the pages are rendered,
/// and the page of the school's data sheet shows the mark's fill (the findings sheet has fills
/// of its own, so it is told apart by its heading). `SVOD_KEEP_RENDERS=DIR` keeps the PDFs and pages.
@Suite struct MarkedCopyRenderTests {
    let schemas = TestPaths.packageRoot.appendingPathComponent("Schemas").path
    static let planted = TestPaths.packageRoot.appendingPathComponent("Samples/planted/2019-2020")

    /// Pixels of `ppm` (binary P6) within 12 of `color` in each channel.
    static func pixels(near color: Color, in ppm: Data) -> Int {
        let bytes = [UInt8](ppm)
        var fields: [String] = []
        var i = 0
        while fields.count < 4 && i < bytes.count {
            while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x0A) { i += 1 }
            var j = i
            while j < bytes.count && bytes[j] != 0x20 && bytes[j] != 0x0A { j += 1 }
            fields.append(String(decoding: bytes[i..<j], as: UTF8.self))
            i = j
        }
        i += 1
        guard fields.first == "P6" else { return 0 }
        let want = [Int(color.red), Int(color.green), Int(color.blue)]
        var n = 0
        while i + 2 < bytes.count {
            if abs(Int(bytes[i]) - want[0]) <= 12 && abs(Int(bytes[i + 1]) - want[1]) <= 12 && abs(Int(bytes[i + 2]) - want[2]) <= 12 { n += 1 }
            i += 3
        }
        return n
    }

    @Test(arguments: [("vpr-2019-2020-co14-sum-does-not-add-up.xlsx", Color.errorFill), ("vpr-2019-2020-co19-percent-as-text.ods", Color.warningFill)])
    func theMarkShowsOnTheSchoolsSheet(_ name: String, _ fill: Color) throws {
        guard LibreOffice.isInstalled, FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftoppm") else {
            print("notice: LibreOffice or poppler-utils is missing; the marked copies are not rendered")
            return
        }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent(name).path
        let r = try runProcess(TestPaths.svodBinary, ["validate", "--schemas", schemas, "--annotate", copy, Self.planted.appendingPathComponent(name).path])
        #expect(r.status != 2, "\(r.stderr)")
        let out = dir.appendingPathComponent("pdf")
        let converted = try #require(try LibreOffice.convert([copy], to: "pdf", outdir: out, work: dir))
        let pdf = out.appendingPathComponent((name as NSString).deletingPathExtension + ".pdf")
        #expect(converted.status == 0 && FileManager.default.fileExists(atPath: pdf.path), "\(converted.stderr)")
        let pages = try runProcess(URL(fileURLWithPath: "/usr/bin/pdftoppm"), ["-r", "40", pdf.path, dir.appendingPathComponent("page").path])
        #expect(pages.status == 0)
        var dataPageFilled = false, findingsFirst = false, findingsPages = 0
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("page") && $0.hasSuffix(".ppm") }.sorted()
        #expect(!files.isEmpty)
        for (k, file) in files.enumerated() {
            let number = k + 1
            let words = try runProcess(URL(fileURLWithPath: "/usr/bin/pdftotext"), ["-f", "\(number)", "-l", "\(number)", pdf.path, "-"]).stdoutText
            // The findings sheet's pages each start with its heading (it may run over several pages across).
            let headings = ["Место", "Серьёзность", "Сообщение", "Фактически", "Ожидалось", "Правило", "Пояснение школы"]
            let findingsPage = headings.contains { words.contains($0) }
            if findingsPage { findingsPages += 1 }
            if k == 0 { findingsFirst = words.contains("Место") }
            guard !findingsPage else { continue }
            if Self.pixels(near: fill, in: try Data(contentsOf: dir.appendingPathComponent(file))) > 20 { dataPageFilled = true }
        }
        #expect(findingsFirst, "the findings sheet prints first")
        #expect(findingsPages == 1, "a finding or two print on one landscape page, not \(findingsPages)")
        #expect(dataPageFilled, "the school's sheet shows the fill \(fill.hex)")
        if let keep = ProcessInfo.processInfo.environment["SVOD_KEEP_RENDERS"], !keep.isEmpty {
            try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            _ = try? runProcess(URL(fileURLWithPath: "/usr/bin/pdftoppm"), ["-png", "-r", "70", pdf.path, keep + "/marked-" + (name as NSString).deletingPathExtension])
        }
    }
}
