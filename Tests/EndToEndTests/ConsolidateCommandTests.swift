import Foundation
import SvodStore
import SvodTestSupport
import Testing

/// `svod consolidate` on the bundled year: the seed's city figures from the schools' files, the
/// same numbers through the store and through the five districts' consolidations, the same
/// bytes twice, and formulas that LibreOffice recalculates to the values svod cached.
@Suite struct ConsolidateCommandTests {
    static let samples = TestPaths.packageRoot.appendingPathComponent("Samples")
    func svod(_ args: [String]) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }
    func folder(_ form: String) -> String { Self.samples.appendingPathComponent("2019-2020/\(form)").path }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    func rows(_ doc: [String: Any], form: String, sheet: String) throws -> [[String: Any]] {
        let f = try #require((doc["forms"] as? [[String: Any]])?.first { $0["id"] as? String == form })
        let s = try #require((f["sheets"] as? [[String: Any]])?.first { $0["id"] as? String == sheet })
        return try #require(s["rows"] as? [[String: Any]])
    }

    /// Table 2.3.1 (seed line 529): the 62 schools' РКР files add up to the city's row exactly.
    @Test func theSchoolsAddUpToTable231() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("rkr.json").path
        let r = try svod(["consolidate", folder("rkr"), "-o", out])
        #expect(r.status == 0, "\(r.stdoutText)\(r.stderr)")
        let total = try #require(try rows(try json(out), form: "rkr", sheet: "results").last)
        #expect((total["key"] as? [String: Any])?.isEmpty == true && total["schools"] as? Int == 62)
        let v = try #require(total["values"] as? [String: NSNumber])
        let seed: [String: Double] = ["n": 3800, "below": 138, "level": 96.4, "enough": 3662, "quality": 74.2,
                                      "n5": 1125, "n4": 1694, "n3": 843, "n2": 138]
        for (field, expected) in seed { #expect(v[field]?.doubleValue == expected, "\(field): \(v[field] ?? -1)") }
        #expect(r.stdoutText.contains("rkr: сдали 62, нет 0"), "\(r.stdoutText)")
    }

    /// The programme's tables from two years of files: 2.2.1 compares the years side by side,
    /// 2.4.1 ends with «Всего человеко-экзаменов», 2.12.1 with ИТОГО — the seed's figures.
    @Test func theProgrammeTablesShowTheSeedsFigures() throws {
        guard let python = IndependentReader.python else { print("notice: no .venv; the programme tables are not read back"); return }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("city.xlsx").path
        let earlier = ["vpr", "gia9", "dod"].map { Self.samples.appendingPathComponent("2018-2019/\($0)").path }
        let r = try svod(["consolidate"] + ["rkr", "vpr", "gia9", "dod"].map(folder) + earlier + ["--period", "2019/2020", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let check = try runProcess(python, ["-c", """
            import openpyxl, sys
            wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
            def rows(n): return [list(r) for r in wb[n].iter_rows(values_only=True)]
            print(rows("Таблица 2.3.1")[2])
            print([r for r in rows("Таблица 2.2.1") if r[0] == "6, Русский язык"][0])
            print(rows("Таблица 2.4.1")[-1])
            print([r for r in rows("Таблица 2.12.1") if r[0] == "ИТОГО" or r[1] == "человек"][-2:])
            """, out])
        let lines = check.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(check.stdoutText)\(check.stderr)")
        guard lines.count == 4 else { return }
        #expect(lines[0] == "['г. Тула', 3800, 138, 96.4, 3662, 74.2, 1125, 1694, 843, 138]")
        #expect(lines[1] == "['6, Русский язык', 90.8, 87.3, '—', 53.8, 46.2, '—']")
        #expect(lines[2] == "['Всего человеко-экзаменов', '—', 18588, 18557]")
        #expect(lines[3].contains("['ИТОГО', 'объединений', '—', 1762, 1847]") || lines[3].contains("'человек', '—', 34957, 39283]"), "\(lines[3])")
    }

    /// The seed's own tables given as published figures: where the seed does not add up by itself
    /// (2.7.1's ИТОГО 228 of profiles adding up to 233) and where it differs from the schools' sums
    /// (2.6.1's chemistry 95,6 / 75,4 % against 95,5 / 75,3) is in «Контроль свода», exit 1; 2.3.1 agrees.
    @Test func thePublishedTablesAreComparedWithTheSchoolsSums() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = Self.samples.appendingPathComponent("seed")
        let later = ["career", "diag10"].map { Self.samples.appendingPathComponent("2020-2021/\($0)").path }
        let r = try svod(["consolidate"] + later + ["--published", seed.appendingPathComponent("2020-2021").path, "-o", dir.appendingPathComponent("c.json").path])
        #expect(r.status == 1, "\(r.stdoutText)\(r.stderr)")
        for text in ["опубликовано 228, а по файлам школ 233", "Итог профильных классов 228, а по листу «Профили» — 233",
                     "diag10 / results / Химия / success: «% выполнения»: опубликовано 95,6, а по файлам школ 95,5"] {
            #expect(r.stdoutText.contains(text), "\(text)\n\(r.stdoutText)")
        }
        let doc = try json(dir.appendingPathComponent("c.json").path)
        #expect((doc["checks"] as? [[String: Any]])?.contains { $0["rule"] as? String == "consolidation.published" } == true)
        let rkr = try svod(["consolidate", folder("rkr"), "--published", seed.appendingPathComponent("2019-2020/rkr-2019-2020-seed.xlsx").path,
                            "-o", dir.appendingPathComponent("r.json").path])
        #expect(rkr.status == 0 && rkr.stdoutText.contains("замечаний контроля свода: 0"), "\(rkr.stdoutText)")
    }

    /// Cross-form rules on the city's numbers: with every school's gia9 and contingent they hold;
    /// with one school's gia9 missing the city's graduates no longer match «ООО: завершили».
    @Test func crossFormRulesHoldForTheCity() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = try svod(["consolidate", folder("contingent"), folder("gia9"), "-o", dir.appendingPathComponent("a.json").path])
        #expect(whole.status == 0 && whole.stdoutText.contains("замечаний контроля свода: 0"), "\(whole.stdoutText)")
        let partial = dir.appendingPathComponent("gia9")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder("gia9")).sorted().dropFirst() {
            try FileManager.default.createSymbolicLink(at: partial.appendingPathComponent(name), withDestinationURL: URL(fileURLWithPath: folder("gia9")).appendingPathComponent(name))
        }
        let r = try svod(["consolidate", folder("contingent"), partial.path, "-o", dir.appendingPathComponent("b.json").path])
        #expect(r.status == 1 && r.stdoutText.contains("Контроль свода: gia9") && r.stdoutText.contains("по городу: "), "\(r.stdoutText)")
    }

    /// The same inputs give the same bytes: no clock, no unordered dictionary in the output.
    @Test func twoRunsGiveIdenticalFiles() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for ext in ["xlsx", "ods", "json"] {
            var bytes: [Data] = []
            for n in 1...2 {
                let out = dir.appendingPathComponent("city\(n).\(ext)").path
                let r = try svod(["consolidate", folder("rkr"), folder("upbringing"), "-o", out])
                #expect(r.status == 0, "\(r.stderr)")
                bytes.append(try Data(contentsOf: URL(fileURLWithPath: out)))
            }
            #expect(bytes[0] == bytes[1] && !bytes[0].isEmpty, "\(ext) differs between runs")
        }
    }

    /// Registry code → district code, read from the bundled registry.
    static func districts() throws -> [String: String] {
        let text = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Schemas/reference/organisations.yaml"), encoding: .utf8)
        var out: [String: String] = [:], code: String?
        for line in text.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("- code:") { code = String(t.dropFirst(7)).split(separator: "#")[0].trimmingCharacters(in: .whitespaces) }
            if t.hasPrefix("district:"), let c = code { out[c] = t.dropFirst(9).trimmingCharacters(in: .whitespaces) }
        }
        return out
    }

    /// The files of the year split into the five districts, each consolidated alone, then the five
    /// consolidations consolidated (four as JSON, one as its workbook): the city is the same as
    /// consolidating every school at once — sums, rules' shares, weighted means, да/нет counts.
    @Test func districtsOfDistrictsGiveTheCity() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let forms = ["rkr", "upbringing", "ege"]
        let district = try Self.districts()
        #expect(Set(district.values).count == 5)
        let manifest = try json(Self.samples.appendingPathComponent("manifest-2019-2020.json").path)
        let files = (manifest["files"] as? [[String: Any]] ?? []).filter {
            $0["kind"] as? String == "school" && $0["year"] as? String == "2019/2020" && forms.contains($0["form"] as? String ?? "")
        }
        var lower: [String] = []
        for (i, d) in Set(district.values).sorted().enumerated() {
            let own = dir.appendingPathComponent(d)
            try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
            for f in files where district[f["school"] as? String ?? ""] == d {
                let path = Self.samples.appendingPathComponent(f["path"] as! String)
                try FileManager.default.createSymbolicLink(at: own.appendingPathComponent(path.lastPathComponent), withDestinationURL: path)
            }
            let out = dir.appendingPathComponent("\(d).\(i == 0 ? "xlsx" : "json")").path
            let r = try svod(["consolidate", own.path, "--district", d, "-o", out])
            #expect(r.status == 0, "\(d): \(r.stdoutText)\(r.stderr)")
            lower.append(out)
        }
        let direct = dir.appendingPathComponent("direct.json").path, city = dir.appendingPathComponent("city.json").path
        let a = try svod(["consolidate"] + forms.map(folder) + ["-o", direct])
        let b = try svod(["consolidate"] + lower + ["-o", city])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stdoutText)\(b.stderr)")
        let x = try json(direct), y = try json(city)
        for form in forms {
            let fx = try #require((x["forms"] as? [[String: Any]])?.first { $0["id"] as? String == form })
            let fy = try #require((y["forms"] as? [[String: Any]])?.first { $0["id"] as? String == form })
            #expect(fx["submitted"] as? [String] == fy["submitted"] as? [String] && fx["missing"] as? [String] == fy["missing"] as? [String])
            let sx = try JSONSerialization.data(withJSONObject: fx["sheets"]!, options: .sortedKeys)
            let sy = try JSONSerialization.data(withJSONObject: fy["sheets"]!, options: .sortedKeys)
            #expect(sx == sy, "\(form): the districts' consolidation differs from the direct one")
            #expect((fy["sources"] as? [[String: Any]])?.allSatisfy { $0["via"] is String } == true)
        }
    }

    /// From the store: the same city rows as from the files, and the files' fates are in «Источники».
    @Test func theStoreGivesWhatTheFilesGive() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let imported = try svod(["import", folder("rkr"), "--store", store])
        #expect(imported.status == 0, "\(imported.stdoutText.suffix(200))")
        let fromStore = dir.appendingPathComponent("store.json").path, fromFiles = dir.appendingPathComponent("files.json").path
        let a = try svod(["consolidate", "--store", store, "--period", "2019/2020", "--form", "rkr", "-o", fromStore])
        let b = try svod(["consolidate", folder("rkr"), "-o", fromFiles])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        let x = try JSONSerialization.data(withJSONObject: try rows(try json(fromStore), form: "rkr", sheet: "results"), options: .sortedKeys)
        let y = try JSONSerialization.data(withJSONObject: try rows(try json(fromFiles), form: "rkr", sheet: "results"), options: .sortedKeys)
        #expect(x == y)
        #expect(try SQLiteStore(path: store).integrityProblems().isEmpty)
        let missingPeriod = try svod(["consolidate", "--store", store, "-o", fromStore])
        #expect(missingPeriod.status == 2 && missingPeriod.stderr.contains("--period"), "\(missingPeriod.stderr)")
    }

    /// A file with errors, a file of another period and a file that is no spreadsheet are left out
    /// and named, each with why; the consolidation goes on.
    @Test func everyInputAppearsWithItsFate() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let junk = dir.appendingPathComponent("notes.txt")
        try Data("не таблица".utf8).write(to: junk)
        let otherJSON = dir.appendingPathComponent("other.json")
        try Data(#"{"sheets": []}"#.utf8).write(to: otherJSON)
        let planted = Self.samples.appendingPathComponent("planted/2019-2020/rkr-2019-2020-co57-wrong-share.xlsx").path
        let quarter = Self.samples.appendingPathComponent("2019-2020/upbringing-quarterly/upbringing-quarterly-2020-q1-co9.xlsx").path
        let out = dir.appendingPathComponent("city.xlsx").path
        let r = try svod(["consolidate", folder("rkr"), planted, quarter, junk.path, otherJSON.path, "--period", "2019/2020", "-o", out])
        #expect(r.status == 0, "\(r.stdoutText)\(r.stderr)")
        for file in [planted, quarter, junk.path, otherJSON.path] { #expect(r.stdoutText.contains("\(file) — не вошёл в свод: "), "\(file)") }
        #expect(r.stdoutText.contains("не вошли в свод: 4"), "\(r.stdoutText)")
        guard let python = IndependentReader.python else { print("notice: no .venv; the workbook is not read back"); return }
        let check = try runProcess(python, ["-c", """
            import openpyxl, sys
            wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
            rows = list(wb["Источники"].iter_rows(values_only=True))
            print(sum(1 for r in rows if r[4] == "не вошёл в свод"), sum(1 for r in rows if r[4] == "принят"))
            print(wb["Контроль свода"]["A2"].value)
            print(wb.sheetnames[-1], wb["svod-data"].sheet_state)
            """, out])
        #expect(check.stdoutText.hasPrefix("4 62\nЗамечаний нет") && check.stdoutText.contains("svod-data hidden"), "\(check.stdoutText)\(check.stderr)")
    }

    /// The consolidated workbook's XML validates against ECMA-376 (XLSX) and ODF 1.3 (ODS).
    @Test func theWorkbookValidatesAgainstTheStandardsSchemas() throws {
        guard let schemas = StandardSchemas.folder else {
            print("notice: ../shared/schemas or xmllint absent; schema validation skipped")
            return
        }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        for ext in ["xlsx", "ods"] {
            let out = dir.appendingPathComponent("city.\(ext)").path
            let r = try svod(["consolidate", folder("rkr"), folder("upbringing"), "-o", out])
            #expect(r.status == 0, "\(r.stderr)")
            files.append(out)
        }
        let problems = try StandardSchemas.problems(files: files, scratch: dir, schemas: schemas)
        if !problems.isEmpty { Issue.record("\(problems.prefix(20).joined(separator: "\n"))") }
    }

    /// LibreOffice recalculates every formula of the workbook (XLSX and ODS) to the value svod cached.
    @Test func libreOfficeRecalculatesToTheCachedValues() throws {
        guard let python = IndependentReader.python, FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice") else {
            print("notice: no .venv or LibreOffice; the recalculation check is skipped")
            return
        }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/Tools/recalc_compare.py").path
        for ext in ["xlsx", "ods"] {
            let out = dir.appendingPathComponent("city.\(ext)").path
            let r = try svod(["consolidate", folder("rkr"), folder("upbringing"), folder("ege"), folder("talents"), "-o", out])
            #expect(r.status == 0, "\(r.stderr)")
            let check = try runProcess(python, [script, out, dir.appendingPathComponent("lo-\(ext)").path])
            #expect(check.status == 0 && check.stdoutText.contains("differ 0"), "\(ext): \(check.stdoutText)\(check.stderr)")
        }
    }
}
