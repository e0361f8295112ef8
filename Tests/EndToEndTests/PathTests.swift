import Foundation
import SvodTestSupport
import Testing

/// Paths a call names: a missing input says why once, an output with no folder or no format
/// is refused before any work, in one line of the user's language.
@Suite struct PathTests {
    let sample = TestPaths.packageRoot.appendingPathComponent("Samples/vpr-2019-2020-mbou-co-9.ods").path

    func svod(_ args: String...) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    @Test func aMissingFileSaysSoNamingItOnce() throws {
        let r = try svod("validate", "/nonexistent/школа.xlsx")
        #expect(r.status == 2 && r.stderr == "svod: ошибка: /nonexistent/школа.xlsx: файл не найден\n", "\(r.stderr)")
        let en = try svod("validate", "/nonexistent/школа.xlsx", "--lang", "en")
        #expect(en.stderr == "svod: error: /nonexistent/школа.xlsx: the file does not exist\n", "\(en.stderr)")
        let inspect = try svod("inspect", "/nonexistent/школа.xlsx")
        #expect(inspect.status == 2 && inspect.stderr == "svod: ошибка: /nonexistent/школа.xlsx: файл не найден\n", "\(inspect.stderr)")
        let json = try svod("inspect", "--format", "json", "/nonexistent/школа.xlsx")
        let doc = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect(doc["detail"] as? String == "файл не найден", "detail follows --lang")
        let jsonEn = try svod("inspect", "--format", "json", "--lang", "en", "/nonexistent/школа.xlsx")
        #expect((try JSONSerialization.jsonObject(with: jsonEn.stdout) as? [String: Any])?["detail"] as? String == "the file does not exist")
        let csv = try svod("convert", "/nonexistent/школа.csv", "/tmp/svod-never.xlsx")
        #expect(csv.status == 2 && csv.stderr == "svod: ошибка: /nonexistent/школа.csv: файл не найден\n", "\(csv.stderr)")
    }

    @Test func aFolderWhereAFileIsExpectedSaysSo() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("form.xlsx")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let r = try svod("inspect", folder.path)
        #expect(r.status == 2 && r.stderr == "svod: ошибка: \(folder.path): это папка, а не файл\n", "\(r.stderr)")
        let previous = try svod("validate", "--previous", folder.path, sample)
        #expect(previous.status == 2 && previous.stderr == "svod: ошибка: --previous «\(folder.path)»: это папка, а не файл\n", "\(previous.stderr)")
        #expect(previous.stdout.isEmpty, "refused before the file is checked")
        let missing = try svod("validate", "--previous", "/nonexistent/прошлый.xlsx", sample)
        #expect(missing.status == 2 && missing.stderr == "svod: ошибка: --previous «/nonexistent/прошлый.xlsx»: файл не найден\n",
                "\(missing.stderr)")
    }

    @Test func annotateNeedsAFolderAndAFormatBeforeAnyWork() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let noFolder = try svod("validate", "--annotate", "/nonexistent/dir/x.xlsx", sample)
        #expect(noFolder.status == 2 && noFolder.stdout.isEmpty, "\(noFolder.stdoutText)")
        #expect(noFolder.stderr == "svod: ошибка: --annotate: нет папки «/nonexistent/dir», куда записать «x.xlsx»\n", "\(noFolder.stderr)")
        #expect(!noFolder.stderr.contains("No such file"))
        let en = try svod("validate", "--annotate", "/nonexistent/dir/x.xlsx", "--lang", "en", sample)
        #expect(en.stderr == "svod: error: --annotate: there is no folder '/nonexistent/dir' to write 'x.xlsx' in\n", "\(en.stderr)")
        for name in ["out.csv", "out", "out.pdf"] {
            let target = dir.appendingPathComponent(name).path
            let r = try svod("validate", "--annotate", target, sample)
            #expect(r.status == 2 && r.stdout.isEmpty, "\(name): \(r.stdoutText)")
            #expect(r.stderr == "svod: ошибка: --annotate: по имени «\(target)» не определить формат файла: укажите расширение .xlsx или .ods\n",
                    "\(name): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: target), "\(name) was written")
        }
        let ok = try svod("validate", "--annotate", dir.appendingPathComponent("checked.ODS").path, sample)
        #expect(ok.status == 0, "\(ok.stderr)")
        // Several files: a folder, which may not be a file.
        let file = dir.appendingPathComponent("notes.txt")
        try Data("x".utf8).write(to: file)
        let several = try svod("validate", "--annotate", file.path, sample, sample)
        #expect(several.status == 2 && several.stderr == "svod: ошибка: --annotate: «\(file.path)» — это файл, а нужна папка\n", "\(several.stderr)")
    }

    @Test func outputsOfConvertAndTemplateNeedTheirFolder() throws {
        let convert = try svod("convert", sample, "/nonexistent/dir/x.csv")
        #expect(convert.status == 2 && convert.stderr == "svod: ошибка: нет папки «/nonexistent/dir», куда записать «x.csv»\n", "\(convert.stderr)")
        let template = try svod("template", "--form", "vpr", "-o", "/nonexistent/dir/vpr.xlsx")
        #expect(template.status == 2 && template.stderr == "svod: ошибка: -o: нет папки «/nonexistent/dir», куда записать «vpr.xlsx»\n",
                "\(template.stderr)")
        let format = try svod("template", "--form", "vpr", "-o", "/tmp/vpr")
        #expect(format.status == 2 && format.stderr.contains("не определить формат файла: укажите расширение .xlsx или .ods"), "\(format.stderr)")
    }
}
