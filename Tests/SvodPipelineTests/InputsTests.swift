import Foundation
import SvodPipeline
import SvodSchema
import SvodTestSupport
import SvodValidation
import Testing

/// Folders stand for every file a school could have sent; none is skipped without a word.
@Suite struct InputsTests {
    private func folder(_ files: [String: [UInt8]]) throws -> URL {
        let dir = try TestPaths.temporaryDirectory()
        for (name, bytes) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return dir
    }

    @Test func everyFileButHiddenAndLockFilesIsAnInput() throws {
        let dir = try folder(["a.xlsx": [1], "b.xls": [2], "c.csv": [3], "d.xml": [4], "e.xlsb": [5], "scan.pdf": [6],
                              "~$a.xlsx": [7], ".~lock.f.ods#": [8], ".hidden.xlsx": [9], ".git/x.xlsx": [10], "sub/g.ods": [11]])
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = Inputs.expand([dir.path]).map(\.relative)
        #expect(names == ["a.xlsx", "b.xls", "c.csv", "d.xml", "e.xlsb", "scan.pdf", "sub/g.ods"])
        let all = Inputs.expand([dir.path])
        #expect(all.allSatisfy { $0.inFolder })
    }

    /// The walk gives what a sort of the whole tree gives, folder by folder: numbers as numbers,
    /// a subfolder's files where its name falls; a link to a folder is not followed; a dangling
    /// link is an input (the check refuses it with its reason).
    @Test func aFolderIsWalkedInPathOrder() throws {
        let dir = try folder(["s10.xlsx": [1], "s2.xlsx": [2], "b/s1.ods": [3], "b/c/z.xlsx": [4], "b/a.xlsx": [5], "a.xlsx": [6], "c9/x.xlsx": [7]])
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("b/up").path, withDestinationPath: dir.path)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("b/gone.xlsx").path, withDestinationPath: dir.appendingPathComponent("nowhere.xlsx").path)
        let names = Inputs.walk([dir.path, "/nonexistent/y.xlsx"]).map(\.relative)
        #expect(names == ["a.xlsx", "b/a.xlsx", "b/c/z.xlsx", "b/gone.xlsx", "b/s1.ods", "c9/x.xlsx", "s2.xlsx", "s10.xlsx", "y.xlsx"])
        #expect(Inputs.expand([dir.path]).map(\.path) == Inputs.walk([dir.path]).map(\.path))
    }

    @Test func aFileGivenItselfIsAnInputEvenWhenItIsMissing() {
        let inputs = Inputs.expand(["/nonexistent/x.xlsx"])
        #expect(inputs.map(\.path) == ["/nonexistent/x.xlsx"] && inputs.map(\.relative) == ["x.xlsx"] && inputs.allSatisfy { !$0.inFolder })
    }

    /// An `.xls`, a CSV, a non-spreadsheet: each comes back as a verdict with its reason.
    @Test func filesThatAreNotFormsAreRefusedWithTheirReason() throws {
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let dir = try folder(["old.xls": ole, "data.csv": Array("Класс;Предмет\n4;Математика\n".utf8), "empty.xlsx": []])
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)
        let checker = SubmissionChecker(catalog: catalog)
        let verdicts = Inputs.expand([dir.path]).map { checker.check($0.path) }
        #expect(verdicts.count == 3)
        for v in verdicts {
            #expect(v.report == nil && v.refusal != nil, "\(v.file)")
            #expect(!(v.refusal?.message.ru.isEmpty ?? true) && !(v.refusal?.message.en.isEmpty ?? true))
        }
        let missing = checker.check(dir.appendingPathComponent("absent.xlsx").path)
        #expect(missing.refusal != nil)
    }
}
