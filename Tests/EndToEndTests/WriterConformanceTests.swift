import Foundation
import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
import SvodZip
import Testing

/// Files svod writes, checked by others: read back by svod, openpyxl, python-calamine and
/// LibreOffice, and their XML validated against the ECMA-376 and ODF 1.3 schemas.
@Suite struct WriterConformanceTests {
    enum Kind: String, CaseIterable, CustomStringConvertible {
        case xlsx, ods
        var format: SpreadsheetFormat { self == .xlsx ? .xlsx : .ods }
        var description: String { rawValue }
    }

    static func writeSample(_ kind: Kind, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("sample.\(kind.rawValue)").path
        let writer = try SpreadsheetOutput.create(path: path, format: kind.format)
        try SampleWorkbook.write(to: writer)
        try writer.finish()
        return path
    }

    static func inspect(_ path: String) throws -> [String: Any] {
        let r = try runProcess(TestPaths.svodBinary, ["inspect", "--format", "json", path])
        #expect(r.status == 0, "\(r.stderr)")
        return (try? JSONSerialization.jsonObject(with: r.stdout) as? [String: Any]) ?? [:]
    }

    @Test(arguments: Kind.allCases)
    func svodReadsBackEveryValueMergeAndFormula(_ kind: Kind) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.writeSample(kind, in: dir)
        let bad = CorpusComparison.mismatches(expected: SampleWorkbook.expected, actual: try Self.inspect(path))
        #expect(bad.isEmpty, "\(bad.prefix(10).joined(separator: "\n"))")
        let reader = try Spreadsheet.open(path: path)
        let properties = try reader.customProperties
        for (name, value) in SampleWorkbook.customProperties { #expect(properties[name] == value, "custom property \(name)") }
        let dump = try WorkbookDump(reader)
        for (sheet, ranges) in SampleWorkbook.merges { #expect(dump.merges[sheet]?.sorted() == ranges.sorted(), "merges of \(sheet)") }
        #expect(dump.sheets.map(\.name) == ["ВПР", "Коды", "Итоги 2024"])
        let f2 = dump.formula("ВПР", "F2")
        #expect(f2 == (kind == .xlsx ? "(D2+E2)/C2" : "of:=([.D2]+[.E2])/[.C2]"))
        #expect(dump.formula("Итоги 2024", "B4") == (kind == .xlsx ? "'ВПР'!C7" : "of:=[$'ВПР'.C7]") || dump.formula("Итоги 2024", "B4") == "of:=[$ВПР.C7]")
    }

    @Test func openpyxlAndCalamineReadTheXLSX() throws {
        guard IndependentReader.python != nil else { print("notice: no .venv; skipped"); return }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.writeSample(.xlsx, in: dir)
        let openpyxl = try #require(try IndependentReader.openpyxl.read([path])?.first)
        #expect(openpyxl["error"] is NSNull, "\(String(describing: openpyxl["error"]))")
        // openpyxl does not decode OOXML's _xHHHH_ escapes in inline strings, so it shows the
        // escaped underscore that keeps the literal text "_x0041_" from reading as "A"
        // (calamine and Excel decode it; svod writes what Excel writes).
        let literal = SampleWorkbook.trickyTexts[4]
        var bad = CorpusComparison.mismatches(expected: Self.replacing(SampleWorkbook.expected, literal, with: ["string", "_x005F" + literal]),
                                              actual: openpyxl)
        #expect(bad.isEmpty, "openpyxl:\n\(bad.prefix(10).joined(separator: "\n"))")
        let calamine = try #require(try IndependentReader.calamine.read([path])?.first)
        bad = CorpusComparison.mismatches(expected: Self.withoutErrors(SampleWorkbook.expected), actual: calamine)
        #expect(bad.isEmpty, "calamine:\n\(bad.prefix(10).joined(separator: "\n"))")
    }

    @Test func calamineReadsTheODS() throws {
        guard IndependentReader.python != nil else { print("notice: no .venv; skipped"); return }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.writeSample(.ods, in: dir)
        let calamine = try #require(try IndependentReader.calamine.read([path])?.first)
        #expect(calamine["error"] is NSNull, "\(String(describing: calamine["error"]))")
        // calamine drops <text:tab/> and does not parse time values past 24 hours; LibreOffice
        // writes both the same way svod does (checked below by reading LibreOffice's own files).
        var expected = Self.replacing(Self.withoutErrors(SampleWorkbook.expected), "a\tb", with: ["string", "ab"])
        expected = Self.replacing(expected, 90_000.0, with: ["string", "PT25H00M00S"])
        let bad = CorpusComparison.mismatches(expected: expected, actual: calamine)
        #expect(bad.isEmpty, "calamine:\n\(bad.prefix(10).joined(separator: "\n"))")
    }

    /// The expectation with the cell holding `value` expected as `replacement` ([type, value]).
    static func replacing(_ doc: [String: Any], _ value: AnyHashable, with replacement: [Any]) -> [String: Any] {
        var doc = doc
        doc["sheets"] = (doc["sheets"] as! [[String: Any]]).map { s in
            var s = s
            s["cells"] = (s["cells"] as! [[Any]]).map { c in (c[2] as? AnyHashable) == value ? [c[0]] + replacement : c }
            return s
        }
        return doc
    }

    /// python-calamine's to_python() shows error cells as empty strings.
    static func withoutErrors(_ doc: [String: Any]) -> [String: Any] {
        var doc = doc
        doc["sheets"] = (doc["sheets"] as! [[String: Any]]).map { s in
            var s = s
            s["cells"] = (s["cells"] as! [[Any]]).filter { ($0[1] as? String) != "error" }
            return s
        }
        return doc
    }

    /// LibreOffice opens the file and saves it in the other format; svod reads what LibreOffice wrote.
    @Test(arguments: Kind.allCases)
    func libreOfficeOpensAndResavesIt(_ kind: Kind) throws {
        guard LibreOffice.isInstalled else {
            print("notice: LibreOffice (soffice) is absent; skipped")
            return
        }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.writeSample(kind, in: dir)
        let target = kind == .xlsx ? "ods" : "xlsx"
        let out = dir.appendingPathComponent("lo")
        let r = try #require(try LibreOffice.convert([path], to: target, outdir: out, work: dir))
        let converted = out.appendingPathComponent("sample.\(target)").path
        try #require(FileManager.default.fileExists(atPath: converted), "LibreOffice did not convert: \(r.stderr)")
        var expected = SampleWorkbook.expected
        // LibreOffice's model has no boolean type, only numbers formatted as booleans: its XLSX
        // import gives t="b" cells no such format, and a formula's boolean result is a number
        // in either import; svod's ODS boolean cells carry the boolean data style and stay booleans.
        expected["sheets"] = (expected["sheets"] as! [[String: Any]]).map { s in
            var s = s
            s["cells"] = (s["cells"] as! [[Any]]).map { c in
                guard (c[1] as? String) == "bool", kind == .xlsx || (c[0] as? String) == "G7" else { return c }
                return [c[0], "number", (c[2] as? Bool) == true ? 1.0 : 0.0]
            }
            return s
        }
        if kind == .ods {
            // LibreOffice writes a tab in a cell as <text:tab/>, as svod does, and drops it when reading ODS.
            expected = Self.replacing(expected, "a\tb", with: ["string", "ab"])
        }
        let bad = CorpusComparison.mismatches(expected: expected, actual: try Self.inspect(converted))
        #expect(bad.isEmpty, "LibreOffice → \(target):\n\(bad.prefix(10).joined(separator: "\n"))")
        let dump = try WorkbookDump(Spreadsheet.open(path: converted))
        for (sheet, ranges) in SampleWorkbook.merges { #expect(dump.merges[sheet]?.sorted() == ranges.sorted(), "merges of \(sheet)") }
    }

    @Test(arguments: Kind.allCases)
    func partsValidateAgainstTheStandardsSchemas(_ kind: Kind) throws {
        guard let schemas = StandardSchemas.folder else {
            print("notice: ../shared/schemas or xmllint absent; schema validation skipped")
            return
        }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.writeSample(kind, in: dir)
        let names = try ZipArchive(path: path).entries.map(\.name)
        // The sample has comments and custom properties: their parts are checked too.
        if kind == .xlsx {
            #expect(names.contains("docProps/custom.xml") && names.contains { $0.hasPrefix("xl/comments") })
        }
        let problems = try StandardSchemas.problems(files: [path], scratch: dir, schemas: schemas)
        if !problems.isEmpty { Issue.record("\(problems.joined(separator: "\n"))") }
    }
}
