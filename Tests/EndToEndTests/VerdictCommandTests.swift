import Foundation
import SvodTestSupport
import Testing

/// Issue 11 as a user meets it: every input is in every report, last period's file must be
/// last period's, and an explanation typed into the marked copy counts.
@Suite struct VerdictCommandTests {
    let samples = TestPaths.packageRoot.appendingPathComponent("Samples")
    func svod(_ args: [String]) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }
    func sample(_ path: String) -> String { samples.appendingPathComponent(path).path }

    private func folderWithAnOldExcelFile() throws -> URL {
        let dir = try TestPaths.temporaryDirectory()
        try FileManager.default.copyItem(atPath: sample("planted/2019-2020/vpr-2019-2020-co14-sum-does-not-add-up.xlsx"),
                                         toPath: dir.appendingPathComponent("co14.xlsx").path)
        try FileManager.default.copyItem(atPath: sample("2019-2020/vpr/vpr-2019-2020-co9.ods"), toPath: dir.appendingPathComponent("co9.ods").path)
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 1016)
        try Data(ole).write(to: dir.appendingPathComponent("co10.xls"))
        return dir
    }

    @Test(arguments: ["text", "html", "json"])
    func everyReportListsTheFilesItCouldNotRead(_ format: String) throws {
        let dir = try folderWithAnOldExcelFile()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try svod(["validate", "--format", format, dir.path])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stdoutText.contains("co10.xls"), "\(format): \(r.stdoutText.prefix(2000))")
        #expect(r.stdoutText.contains("co14.xlsx"))
        switch format {
        case "text":
            #expect(r.stdoutText.contains("co10.xls — не проверен:") && r.stdoutText.contains("не проверены: 1"), "\(r.stdoutText)")
            #expect(!r.stdoutText.contains("co9.ods"), "a clean file is listed only with --all-files")
        case "html":
            #expect(r.stdoutText.contains("не проверены — 1") && r.stdoutText.contains("Не проверен: "), "\(r.stdoutText.prefix(3000))")
            // The clean file has no section, only its line in the list at the end.
            #expect(r.stdoutText.contains("Без замечаний — 1 файл") && r.stdoutText.contains("МБОУ ЦО № 9"))
            // Files of two folders with only the root in common are shown whole, no «Папка: /».
            let two = try svod(["validate", "--format", "html", dir.path, sample("planted/2019-2020/vpr-2019-2020-co41-renamed-sheet.xlsx")])
            #expect(!two.stdoutText.contains("<span class=\"path\">/</span>") && two.stdoutText.contains(">" + (dir.path + "/co10.xls").replacingOccurrences(of: "/", with: "/<wbr>") + "<"), "\(two.stdoutText.prefix(3000))")
        default:
            let doc = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]])
            #expect(doc.count == 3 && doc.contains { ($0["file"] as? String)?.hasSuffix("co10.xls") == true && $0["error"] as? String == "unreadable" })
            let co14 = try #require(doc.first { ($0["file"] as? String)?.hasSuffix("co14.xlsx") == true })
            #expect(co14["school"] as? String == "co14" && co14["period"] as? String == "2019/2020")
            let f = try #require((co14["findings"] as? [[String: Any]])?.first)
            #expect(f["row_key"] as? String == "4, Русский язык", "\(f)")
        }
    }

    @Test func previousMustBeTheSameFormSchoolAndThePeriodBefore() throws {
        let now = sample("2019-2020/vpr/vpr-2019-2020-co9.ods")
        let right = try svod(["validate", now, "--previous", sample("2018-2019/vpr/vpr-2018-2019-co9.ods")])
        #expect(right.status == 0, "\(right.stdoutText)\(right.stderr)")
        for (previous, says) in [(sample("2019-2020/rkr/rkr-2019-2020-co9.ods"), "другая форма"),
                                 (sample("2018-2019/vpr/vpr-2018-2019-co10.xlsx"), "другой школы"),
                                 (now, "перед «2019/2020» идёт «2018/2019»")] {
            let r = try svod(["validate", now, "--previous", previous])
            #expect(r.status == 2 && r.stderr.contains(says), "\(previous): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1 && !r.stdoutText.contains("ошибок нет"), "\(r.stderr)")
            let en = try svod(["validate", now, "--previous", previous, "--lang", "en"])
            #expect(en.status == 2 && en.stderr.hasPrefix("svod: error:") && !en.stderr.contains("файл"), "\(en.stderr)")
        }
    }

    /// Last period's file is one school's: with a folder it is refused before any file is read.
    @Test func previousWithAFolderIsAWrongCall() throws {
        let r = try svod(["validate", sample("2019-2020/vpr"), "--previous", sample("2018-2019/vpr/vpr-2018-2019-co9.ods")])
        #expect(r.status == 2 && r.stderr.contains("--previous") && r.stderr.split(separator: "\n").count == 1 && r.stdoutText.isEmpty, "\(r.stderr)")
    }

    @Test func aTemplateWithOnlyTheTitleFilledFails() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blank = dir.appendingPathComponent("vpr.xlsx").path
        #expect(try svod(["template", "--form", "vpr", "--school", "co9", "--period", "2024/2025", "-o", blank]).status == 0)
        let r = try svod(["validate", blank])
        #expect(r.status == 1 && r.stdoutText.contains("[form.empty]") && r.stdoutText.contains("[sheet.empty]"), "\(r.stdoutText)")
    }

    /// The marked copy's «Замечания» offers a column «Пояснение школы»: what the school types there counts.
    @Test func anExplanationTypedIntoTheMarkedCopyIsTaken() throws {
        guard let python = IndependentReader.python else {
            print("notice: no .venv; the marked-copy explanation test is skipped")
            return
        }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("marked.xlsx").path
        let source = sample("planted/2019-2020/vpr-2019-2020-co36-number-as-text.xlsx")
        let first = try svod(["validate", source, "--annotate", copy, "--format", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        // The school types its explanation as a person would, in openpyxl's hands (not svod's).
        let script = """
        import sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb.worksheets[0]
        heads = [c.value for c in ws[1]]
        rule, text = heads.index("Правило") + 1, heads.index("Пояснение школы") + 1
        for row in ws.iter_rows(min_row=2):
            if row[rule - 1].value == "field.format":
                ws.cell(row=row[0].row, column=text, value="Так выгрузила система")
        ws.cell(row=ws.max_row + 1, column=rule, value="vpr.quality-trend")
        ws.cell(row=ws.max_row, column=text, value="Сменился учитель")
        wb.save(sys.argv[1])
        """
        let py = dir.appendingPathComponent("explain.py")
        try script.write(to: py, atomically: true, encoding: .utf8)
        let edit = try runProcess(python, [py.path, copy])
        #expect(edit.status == 0, "\(edit.stderr)")
        let again = try svod(["validate", copy, "--format", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: again.stdout) as? [String: Any])
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "field.format" && $0["explanation"] as? String == "Так выгрузила система" }, "\(findings)")
        #expect(findings.contains { $0["rule"] as? String == "explanation.unused" }, "an explanation of nothing is said")
        #expect((doc["counts"] as? [String: Any])?["warning"] as? Int == 0)
    }
}
