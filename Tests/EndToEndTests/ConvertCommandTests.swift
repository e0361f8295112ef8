import Foundation
import SvodTestSupport
import Testing

/// `svod convert` as people and scheduled jobs use it.
@Suite struct ConvertCommandTests {
    let sample = TestPaths.packageRoot.appendingPathComponent("Samples/vpr-2019-2020-mbou-co-9.ods").path

    func svod(_ args: String...) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    @Test(arguments: ["xlsx", "ods"])
    func convertsTheSampleAndReadsBackTheSame(_ ext: String) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.\(ext)").path
        let r = try svod("convert", sample, out)
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let before = try svod("inspect", "--format", "json", sample).stdoutText
        let after = try svod("inspect", "--format", "json", out).stdoutText
        let strip = { (s: String) in s.split(separator: "\n").dropFirst(2).joined(separator: "\n") }  // the "file" line differs
        #expect(strip(before) == strip(after))
    }

    @Test func csvForRussianExcel() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("vpr.csv").path
        let r = try svod("convert", "--excel-ru", "--sheet", "ВПР", sample, out)
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM, or Excel reads UTF-8 as cp1251")
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[2].hasSuffix("16.11.2020"), "\(lines[2])")
        #expect(lines[5] == "4;Математика;71;31;27;12;1;98,6;81,7")
    }

    @Test func jsonIsTheInspectShape() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("vpr.json").path
        #expect(try svod("convert", sample, out).status == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        #expect((doc?["sheets"] as? [Any])?.count == 3)
        #expect(doc?["error"] is NSNull)
    }

    /// A failed conversion leaves the previous output as it was and no temporary file beside it.
    @Test func aFailureLeavesTheTargetUntouched() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.xlsx")
        try Data(Array(try Data(contentsOf: URL(fileURLWithPath: sample)).prefix(3000))).write(to: broken)
        for ext in ["xlsx", "ods", "csv", "json"] {
            let out = dir.appendingPathComponent("out.\(ext)")
            try Data("прежний".utf8).write(to: out)
            let r = try svod("convert", broken.path, out.path)
            #expect(r.status == 2)
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(try String(contentsOf: out, encoding: .utf8) == "прежний")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == ["broken.xlsx", "out.csv", "out.json", "out.ods", "out.xlsx"])
    }

    /// A CSV holds one sheet: the user is told which was written and which were not.
    @Test func csvOfAWorkbookWithSeveralSheetsSaysWhichWasWritten() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("vpr.csv").path
        let r = try svod("convert", sample, out)
        #expect(r.status == 0)
        #expect(r.stderr == "svod: предупреждение: \(out): CSV хранит один лист: записан «Титул», не записаны «ВПР», «Пояснения»; "
                + "чтобы записать другой, укажите --sheet ИМЯ\n", "\(r.stderr)")
        let en = try svod("convert", "--lang", "en", sample, out)
        #expect(en.stderr == "svod: warning: \(out): CSV holds one sheet: 'Титул' was written, not 'ВПР', 'Пояснения'; "
                + "for another, give --sheet NAME\n", "\(en.stderr)")
        let chosen = try svod("convert", "--sheet", "ВПР", sample, out)
        #expect(chosen.status == 0 && chosen.stderr.isEmpty, "\(chosen.stderr)")
        let json = try svod("convert", sample, dir.appendingPathComponent("vpr.json").path)
        #expect(json.status == 0 && json.stderr.isEmpty, "every sheet goes into JSON")
    }

    @Test func anUnknownOutputFormatIsAUsageError() throws {
        let r = try svod("convert", sample, "/tmp/out.pdf")
        #expect(r.status == 2)
        #expect(r.stderr.contains("--to"))
        let missing = try svod("convert", "--sheet", "Нет такого", sample, "/tmp/svod-never.xlsx")
        #expect(missing.status == 2 && missing.stderr.contains("Нет такого"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/svod-never.xlsx"))
    }

    /// Sheet names ODS allows and Excel does not are made legal, and the user is told.
    @Test func illegalSheetNamesAreRenamedAndReported() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = "Итоги: 2024/2025 учебный год — все школы"
        let content = ODSFixture.content("<table:table table:name=\"\(name)\"><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table>")
        let ods = dir.appendingPathComponent("in.ods")
        try Data(ODSFixture.package(content: content)).write(to: ods)
        let out = dir.appendingPathComponent("out.xlsx").path
        let r = try svod("convert", ods.path, out)
        #expect(r.status == 0)
        #expect(r.stderr.contains("переименован"), "\(r.stderr)")
        let listing = try svod("inspect", out).stdoutText
        #expect(listing.contains("«Итоги_ 2024_2025 учебный год —»"), "\(listing)")
    }

    /// What `--excel-ru` writes, `--excel-ru` reads back: CSV → XLSX with the types restored.
    @Test func russianCSVRoundTripsThroughXLSX() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("vpr.csv").path
        let xlsx = dir.appendingPathComponent("vpr.xlsx").path
        #expect(try svod("convert", "--excel-ru", "--sheet", "ВПР", sample, csv).status == 0)
        let r = try svod("convert", "--excel-ru", csv, xlsx)
        #expect(r.status == 0, "\(r.stderr)")
        let listing = try svod("inspect", xlsx).stdoutText
        #expect(listing.contains("H6  число  98.6"), "\(listing)")
        #expect(listing.contains("C3  дата  2020-11-16"), "\(listing)")
    }
}
