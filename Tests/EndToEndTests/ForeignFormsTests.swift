import Foundation
import SvodTestSupport
import Testing

/// ВПР forms written by another program (openpyxl, and LibreOffice converting them to ODS)
/// with planted mistakes: `svod validate` finds each one at its cell, and nothing else.
@Suite struct ForeignFormsTests {
    struct Case: @unchecked Sendable {
        let file: String
        let mistakes: [[String]]
    }

    static func makeCases(in dir: URL) throws -> [Case]? {
        guard let python = IndependentReader.python else { return nil }
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/Tools/make_vpr_forms.py").path
        let r = try runProcess(python, [script, dir.path])
        guard r.status == 0, let list = try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]] else {
            Issue.record("make_vpr_forms.py failed: \(r.stderr)")
            return []
        }
        return list.map { Case(file: $0["file"] as! String, mistakes: $0["mistakes"] as! [[String]]) }
    }

    func check(_ c: Case, file: String) throws {
        let schemas = TestPaths.packageRoot.appendingPathComponent("Schemas").path
        let r = try runProcess(TestPaths.svodBinary, ["validate", "--schemas", schemas, "--format", "json", file])
        let doc = try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]
        let findings = (doc?["findings"] as? [[String: Any]]) ?? []
        let found = Set(findings.filter { ($0["severity"] as? String) != "info" }.map { "\($0["rule"] as? String ?? "") \($0["cell"] as? String ?? "")" })
        let planted = Set(c.mistakes.map { "\($0[0]) \($0[1])" })
        #expect(found == planted, "\(URL(fileURLWithPath: file).lastPathComponent): found \(found.sorted()), planted \(planted.sorted())")
        let errors = c.mistakes.contains { !["field.format", "column.moved"].contains($0[0]) }
        #expect(r.status == (errors ? 1 : 0), "\(r.stderr)")
    }

    @Test func openpyxlFormsWithPlantedMistakes() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let cases = try Self.makeCases(in: dir) else { print("notice: no .venv; skipped"); return }
        #expect(cases.count >= 7)
        for c in cases { try check(c, file: c.file) }
    }

    /// LibreOffice reads each openpyxl file and saves it as ODS: the same mistakes, the same cells.
    @Test func theSameFormsSavedByLibreOfficeAsODS() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard LibreOffice.isInstalled, let cases = try Self.makeCases(in: dir) else {
            print("notice: LibreOffice or .venv absent; skipped")
            return
        }
        let out = dir.appendingPathComponent("ods")
        _ = try LibreOffice.convert(cases.map(\.file), to: "ods", outdir: out, work: dir)
        for c in cases {
            let ods = out.appendingPathComponent(URL(fileURLWithPath: c.file).deletingPathExtension().lastPathComponent + ".ods").path
            try #require(FileManager.default.fileExists(atPath: ods), "LibreOffice did not convert \(c.file)")
            // Text typed into number cells stays text in ODS too; everything else is the same.
            try check(c, file: ods)
        }
    }
}
