import Foundation
import SvodSpreadsheet
import SvodTestSupport
import SvodZip
import SvodWorkbook
import Testing

/// `svod validate` and `svod schemas` as a coordinator and a script use them.
@Suite struct ValidateCommandTests {
    let schemas = TestPaths.packageRoot.appendingPathComponent("Schemas").path
    let sample = TestPaths.packageRoot.appendingPathComponent("Samples/vpr-2019-2020-mbou-co-9.ods").path

    func svod(_ args: [String]) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    /// The sample with one cell changed, written by svod.
    func broken(in dir: URL, change: (inout [OutputRow]) -> Void) throws -> String {
        let reader = try Spreadsheet.open(path: sample)
        var rows: [OutputRow] = []
        let r = try reader.rows(ofSheet: try #require(reader.sheets.firstIndex { $0.name == "ВПР" }))
        while let row = try r.nextRow() {
            rows.append(OutputRow(index: row.index, cells: row.cells.map { OutputCell(column: $0.column, value: $0.value) }))
        }
        change(&rows)
        let path = dir.appendingPathComponent("vpr.xlsx").path
        let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
        try w.beginSheet(SheetSetup(name: "ВПР"))
        for row in rows { try w.write(row) }
        try w.endSheet()
        try TitleSheet.write(to: w)
        try w.finish()
        return path
    }

    @Test func theSampleIsValid() throws {
        let r = try svod(["validate", "--schemas", schemas, sample])
        #expect(r.status == 0, "\(r.stdoutText)\(r.stderr)")
        #expect(r.stdoutText.contains("ошибок нет"))
    }

    @Test func aMistakeExitsWithOneAndIsReportedInJSON() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try broken(in: dir) { rows in
            // Row 6 (index 5): «5» from 31 to 30, so 71 participants no longer add up.
            if let i = rows.firstIndex(where: { $0.index == 5 }) { rows[i].cells[3].value = .number(30) }
        }
        let r = try svod(["validate", "--schemas", schemas, "--format", "json", "--lang", "en", path])
        #expect(r.status == 1, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect(doc["valid"] as? Bool == false)
        #expect((doc["form"] as? [String: Any])?["id"] as? String == "vpr")
        #expect((doc["sha256"] as? String)?.count == 64)
        let findings = try #require(doc["findings"] as? [[String: Any]])
        let f = try #require(findings.first { $0["rule"] as? String == "vpr.participants" })
        #expect(f["cell"] as? String == "C6" && f["row"] as? Int == 6 && f["sheet"] as? String == "ВПР")
        #expect(f["actual"] as? String == "71" && f["expected"] as? String == "70" && f["difference"] as? String == "1")
        #expect((f["message"] as? String)?.contains("71") == true)
        let text = try svod(["validate", "--schemas", schemas, path])
        #expect(text.status == 1 && text.stdoutText.contains("ВПР!C6") && text.stdoutText.contains("ошибка"))
    }

    @Test func htmlAndAnnotatedCopyFromTheCommandLine() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try broken(in: dir) { rows in
            if let i = rows.firstIndex(where: { $0.index == 5 }) { rows[i].cells[3].value = .number(30) }
        }
        let html = try svod(["validate", "--schemas", schemas, "--format", "html", path])
        #expect(html.status == 1 && html.stdoutText.hasPrefix("<!DOCTYPE html>") && html.stdoutText.contains("ВПР!C6"))
        for ext in ["xlsx", "ods"] {
            let copy = dir.appendingPathComponent("checked.\(ext)").path
            let r = try svod(["validate", "--schemas", schemas, "--annotate", copy, path])
            #expect(r.status == 1, "\(r.stderr)")
            let reader = try Spreadsheet.open(path: copy)
            #expect(try reader.sheets.map(\.name) == ["Замечания", "ВПР", "Титул"])
            let findings = try Sheet(reading: reader, index: 0)
            #expect(findings.cells.values.contains { $0.value == .text("ВПР!C6") })
            let data = try Sheet(reading: reader, index: 1)
            #expect(data["D6"] == .number(30) && data["B6"] == .text("Математика"), "the school's values are kept")
        }
    }

    /// What validation finds, place by place, without the file name.
    func findings(_ path: String) throws -> [String] {
        let r = try svod(["validate", "--schemas", schemas, "--format", "json", path])
        let doc = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        return ((doc?["findings"] as? [[String: Any]]) ?? []).map { f in
            ["rule", "sheet", "cell", "severity", "message", "actual", "expected"].map { "\(f[$0] ?? "")" }.joined(separator: "|")
        }
    }

    @Test func aMarkedCopyIsTheSchoolsFileAndChecksTheSame() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let planted = TestPaths.packageRoot.appendingPathComponent("Samples/planted/2019-2020")
        let files = try FileManager.default.contentsOfDirectory(atPath: planted.path).filter { $0.hasSuffix(".xlsx") }.sorted()
        #expect(files.count >= 8)
        for name in files {
            let path = planted.appendingPathComponent(name).path, copy = dir.appendingPathComponent(name).path
            let before = try findings(path)
            guard !before.isEmpty else { continue }
            let r = try svod(["validate", "--schemas", schemas, "--annotate", copy, path])
            #expect(r.status != 2 && FileManager.default.fileExists(atPath: copy), "\(name): \(r.stderr)")
            #expect(try findings(copy) == before, "\(name): the marked copy checks as the original")
            // The school's parts that carry no mark come back byte for byte.
            let original = try ZipArchive(path: path), marked = try ZipArchive(path: copy)
            for entry in original.entries where entry.name.hasPrefix("docProps/") || entry.name.contains("sharedStrings") || entry.name.contains("theme") {
                #expect(try marked.entry(named: entry.name).map { try marked.read($0) } == (try original.read(entry)), "\(name): \(entry.name)")
            }
        }
    }

    @Test func strictFailsOnUnexplainedWarnings() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try broken(in: dir) { rows in
            if let i = rows.firstIndex(where: { $0.index == 5 }) { rows[i].cells[8].value = .text("81,7") }
        }
        #expect(try svod(["validate", "--schemas", schemas, path]).status == 0)
        #expect(try svod(["validate", "--schemas", schemas, "--strict", path]).status == 1)
    }

    @Test func unreadableFilesAndWrongCallsExitWithTwo() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let junk = dir.appendingPathComponent("junk.xlsx")
        try Data("not a spreadsheet".utf8).write(to: junk)
        let r = try svod(["validate", "--schemas", schemas, junk.path])
        #expect(r.status == 2 && r.stderr.split(separator: "\n").count == 1)
        let json = try svod(["validate", "--schemas", schemas, "--format", "json", junk.path])
        let doc = try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any]
        #expect(json.status == 2 && doc?["error"] as? String == "unreadable" && doc?["file"] as? String == junk.path)
        #expect(try svod(["validate", "--schemas", schemas, "--form", "nope", sample]).status == 2)
        #expect(try svod(["validate"]).status == 2)
    }

    /// A folder stands for every file in it (lock files and hidden files left out): the forms are
    /// checked, anything else is listed as not checked with its reason, and the tally counts all.
    @Test func aFolderIsEveryFormInIt() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = try broken(in: dir) { rows in
            if let i = rows.firstIndex(where: { $0.index == 5 }) { rows[i].cells[3].value = .number(30) }
        }
        let inbox = dir.appendingPathComponent("inbox/co9")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: broken, toPath: inbox.appendingPathComponent("vpr-broken.xlsx").path)
        try FileManager.default.copyItem(atPath: sample, toPath: inbox.appendingPathComponent("vpr.ods").path)
        for junk in ["~$vpr-broken.xlsx", ".~lock.vpr.ods#", ".hidden.xlsx", "notes.txt"] {
            try Data("x".utf8).write(to: inbox.appendingPathComponent(junk))
        }
        let r = try svod(["validate", "--schemas", schemas, dir.appendingPathComponent("inbox").path])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stdoutText.contains("Файлов: 3; прошли проверку: 1; с ошибками: 1; не проверены: 1"), "\(r.stdoutText)")
        #expect(r.stdoutText.contains("notes.txt — не проверен: файл — простой текст"), "\(r.stdoutText)")
        // A clean file is not listed by default; --all-files lists it too.
        #expect(!r.stdoutText.contains("vpr.ods"))
        let all = try svod(["validate", "--schemas", schemas, "--all-files", dir.appendingPathComponent("inbox").path])
        #expect(all.stdoutText.contains("vpr.ods —") && all.stdoutText.contains("ошибок нет"), "\(all.stdoutText)")
        // Annotated copies keep their place below the folder (two schools' vpr.xlsx do not collide)
        // and never replace the school's own file.
        let other = dir.appendingPathComponent("inbox/co10")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: broken, toPath: other.appendingPathComponent("vpr-broken.xlsx").path)
        for junk in [".Trash-1000/files"] {
            try FileManager.default.createDirectory(at: inbox.appendingPathComponent(junk), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: broken, toPath: inbox.appendingPathComponent(junk + "/old.xlsx").path)
        }
        let notes = dir.appendingPathComponent("notes")
        let annotated = try svod(["validate", "--schemas", schemas, "--annotate", notes.path, dir.appendingPathComponent("inbox").path])
        #expect(annotated.status == 2 && annotated.stdoutText.contains("Файлов: 4;"), "\(annotated.stdoutText)\(annotated.stderr)")
        for copy in ["co9/vpr-broken.xlsx", "co9/vpr.ods", "co10/vpr-broken.xlsx"] {
            #expect(FileManager.default.fileExists(atPath: notes.appendingPathComponent(copy).path), "\(copy)")
        }
        let before = try Data(contentsOf: inbox.appendingPathComponent("vpr-broken.xlsx"))
        let over = try svod(["validate", "--schemas", schemas, "--annotate", dir.appendingPathComponent("inbox").path,
                             dir.appendingPathComponent("inbox").path])
        #expect(over.status == 2 && (over.stdoutText + over.stderr).contains("другую папку"), "\(over.stdoutText)\(over.stderr)")
        #expect(try Data(contentsOf: inbox.appendingPathComponent("vpr-broken.xlsx")) == before, "the school's file is untouched")
        let empty = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try svod(["validate", "--schemas", schemas, empty.path])
        #expect(none.status == 2 && none.stderr.contains("в папке нет файлов"), "\(none.stderr)")
    }

    @Test func schemasShowGivesTheLayoutAsJSON() throws {
        let r = try svod(["schemas", "show", "vpr", "--schemas", schemas, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        let sheets = try #require(doc["sheets"] as? [[String: Any]])
        #expect(sheets.first?["name"] as? String == "Титул" && sheets.first?["layout"] as? String == "form")
        let title = try #require(sheets.first?["fields"] as? [[String: Any]])
        #expect(title.first { $0["code"] as? String == "school" }?["cell"] as? String == "C3")
        let sheet = try #require(sheets.first { $0["name"] as? String == "ВПР" })
        #expect(sheet["first_data_row"] as? Int == 2)
        let fields = try #require(sheet["fields"] as? [[String: Any]])
        #expect(fields.first { $0["code"] as? String == "n5" }?["column"] as? String == "D")
        let list = try svod(["schemas", "list", "--schemas", schemas])
        #expect(list.stdoutText.contains("vpr") && list.stdoutText.contains("rkr"))
    }

    @Test func schemasCheckPointsAtTheLine() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("forms"), withIntermediateDirectories: true)
        try "id: x\nversion: 1\ntitle: X\nmechanism: 1\nperiod: academic-year\nperiodicity: Ежегодно\nsheets:\n  - id: s\n    name: S\n    fields:\n      - {code: a, label: A, type: integr}\n"
            .write(to: dir.appendingPathComponent("forms/x.yaml"), atomically: true, encoding: .utf8)
        let r = try svod(["schemas", "check", dir.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("x.yaml:11:"), "\(r.stderr)")
        #expect(r.stderr.contains("integr"))
    }
}
