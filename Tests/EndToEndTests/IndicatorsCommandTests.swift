import Foundation
import SvodTestSupport
import Testing

/// `svod indicators` on the bundled years: every verdict follows from the rows it prints (checked
/// here independently of svod's own code), the store and the files agree, and the workbook's
/// share formulas recalculate in LibreOffice to the values svod cached.
@Suite struct IndicatorsCommandTests {
    static let samples = TestPaths.packageRoot.appendingPathComponent("Samples")
    func svod(_ args: [String]) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }
    var years: [String] { ["2017-2018", "2018-2019", "2019-2020"].map { Self.samples.appendingPathComponent($0).path } }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// The seed's rule, written again here: a row fails at ≥ threshold or without top results; a year counts with one failing row.
    private func recomputed(_ criterion: [String: Any], threshold: Double, needed: Int?, rowsNeeded: Int) -> String {
        let years = criterion["years"] as? [[String: Any]] ?? []
        var counted = 0, missing = 0, failingRows = 0
        for y in years {
            guard let rows = y["rows"] as? [[String: Any]] else { missing += 1; continue }
            let failing = rows.filter { r in
                let n = (r["participants"] as? NSNumber)?.doubleValue ?? 0, low = (r["low"] as? NSNumber)?.doubleValue ?? 0
                let top = (r["top"] as? NSNumber)?.doubleValue
                return low * 100 >= threshold * n || top == 0
            }.count
            failingRows += failing
            if failing >= rowsNeeded { counted += 1 }
        }
        if let needed { return counted >= needed ? "risk" : (counted + missing < needed ? "clear" : "no-data") }
        return failingRows >= rowsNeeded ? "risk" : (missing > 0 ? "no-data" : "clear")
    }

    @Test func everyVerdictFollowsFromItsRows() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ind.json").path
        let r = try svod(["indicators"] + years + ["--period", "2019/2020", "-o", out])
        #expect(r.status == 0, "\(r.stdoutText)\(r.stderr)")
        #expect(r.stdoutText.contains("Школы зоны риска на 2020/2021: "), "\(r.stdoutText)")
        let doc = try json(out)
        #expect(doc["format"] as? String == "svod-indicators" && doc["period"] as? String == "2019/2020")
        let zones = try #require(doc["risk_zones"] as? [String: Any])
        #expect(zones["identification"] as? String == "2020/2021")
        let criteria = try #require(zones["criteria"] as? [[String: Any]])
        #expect(criteria.count == 7)
        let vpr4 = try #require(criteria.first { $0["id"] as? String == "vpr4" })
        #expect(vpr4["years"] as? [String] == ["2019/2020", "2018/2019", "2017/2018"])
        let rules: [String: (Double, Int?, Int)] = ["vpr4": (20, 2, 1), "ege-rus": (30, 2, 1), "ege-math-prof": (30, 2, 1), "ege-math-base": (30, 2, 1),
                                                    "oge-math": (30, 2, 1), "oge-rus": (30, 2, 1), "vpr56": (30, nil, 2)]
        let schools = try #require(zones["schools"] as? [[String: Any]])
        #expect(schools.count == 63)
        var inZone = 0, known = 0
        for s in schools {
            var risk = false, unknown = false
            for c in s["criteria"] as? [[String: Any]] ?? [] {
                let id = c["id"] as? String ?? "", verdict = c["verdict"] as? String ?? ""
                if verdict == "not-applicable" { continue }
                let (threshold, needed, rowsNeeded) = try #require(rules[id])
                #expect(verdict == recomputed(c, threshold: threshold, needed: needed, rowsNeeded: rowsNeeded), "\(s["school"] ?? "") \(id)")
                risk = risk || verdict == "risk"
                unknown = unknown || verdict == "no-data"
            }
            let verdict = risk ? "risk" : (unknown ? "no-data" : "clear")
            #expect(s["verdict"] as? String == verdict, "\(s["school"] ?? "")")
            if verdict == "risk" { inZone += 1 }
            if verdict != "no-data" { known += 1 }
        }
        let indicator = try #require((zones["indicators"] as? [String: Any])?["in_zone"] as? [String: Any])
        #expect(indicator["count"] as? Int == inZone && indicator["of"] as? Int == known)
        // The school whose 2017/2018 ВПР is in late/ (not given here): its 4th-grade criterion splits and is «нет данных».
        #expect(schools.contains { ($0["criteria"] as? [[String: Any]])?.contains { $0["verdict"] as? String == "no-data" } == true })
    }

    /// The schools the samples plant in or just out of a risk zone (`risk_plants` of the manifest,
    /// Samples/README.md) get the verdict each was planted for — the late school «нет данных»
    /// until its late file is given —, and every other school in a zone is there only by ЕГЭ
    /// profile mathematics, as the clean figures put it.
    @Test func thePlantedSchoolsGetTheirVerdicts() throws {
        let manifest = try json(Self.samples.appendingPathComponent("manifest-2019-2020.json").path)
        let plants = try #require(manifest["risk_plants"] as? [[String: Any]])
        #expect(plants.count == 6)
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func verdicts(_ extra: [String]) throws -> [String: [String: Any]] {
            let out = dir.appendingPathComponent("plants.json").path
            let r = try svod(["indicators"] + years + extra + ["--period", "2019/2020", "-o", out])
            #expect(r.status == 0, "\(r.stderr)")
            let zones = try #require(try json(out)["risk_zones"] as? [String: Any])
            let schools = try #require(zones["schools"] as? [[String: Any]])
            return Dictionary(schools.map { ($0["school"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        }
        func check(_ got: [String: Any]?, _ want: [String: Any]?, _ what: String) {
            #expect(got?["verdict"] as? String == want?["verdict"] as? String, "\(what): \(got?["verdict"] ?? "-")")
            #expect(Set(got?["risks"] as? [String] ?? []) == Set(want?["risks"] as? [String] ?? []), "\(what): \(got?["risks"] ?? "-")")
            if let dynamics = want?["positive_dynamics"] as? Bool {
                #expect(got?["positive_dynamics"] as? Bool == dynamics, "\(what): dynamics")
            }
        }
        let plain = try verdicts([])
        for p in plants {
            let school = p["school"] as? String ?? ""
            check(plain[school], p["expect"] as? [String: Any], "\(p["name"] ?? "") \(school)")
        }
        let planted = Set(plants.compactMap { $0["school"] as? String })
        for (school, s) in plain where !planted.contains(school) && s["verdict"] as? String == "risk" {
            #expect(s["risks"] as? [String] == ["ege-math-prof"], "\(school): \(s["risks"] ?? "-")")
        }
        let late = try #require(plants.first { $0["late"] != nil })
        let withLate = try verdicts([Self.samples.appendingPathComponent("late").path])
        let school = late["school"] as? String ?? ""
        check(withLate[school], late["expect_with_late"] as? [String: Any], "late \(school)")
    }

    /// The rubric of 2019/2020: every school's total is the sum of its lines, places follow the totals
    /// (equal totals share one), and a line whose file is missing says so instead of scoring 0.
    @Test func theRubricAddsUpAndRanks() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ind.json").path
        let r = try svod(["indicators", "--store", SampleStore.path, "--period", "2019/2020", "-o", out])
        #expect(r.status == 0 && r.stdoutText.contains("Рубрика руководителя, 2019/2020: школ 62"), "\(r.stdoutText)\(r.stderr)")
        let rubric = try #require(try json(out)["director_rubric"] as? [String: Any])
        #expect((rubric["lines"] as? [[String: Any]])?.count == 34)
        let schools = try #require(rubric["schools"] as? [[String: Any]])
        #expect(schools.count == 62)
        let totals = schools.map { ($0["total"] as? NSNumber)?.doubleValue ?? .nan }
        for (s, total) in zip(schools, totals) {
            let lines = s["lines"] as? [[String: Any]] ?? []
            let sum = lines.compactMap { ($0["points"] as? NSNumber)?.doubleValue }.reduce(0, +)
            #expect(sum == total, "\(s["school"] ?? "")")
            #expect(s["rank"] as? Int == 1 + totals.filter { $0 > total }.count, "\(s["school"] ?? "")")
            let empty = lines.filter { $0["points"] is NSNull }
            #expect(s["lines_without_data"] as? Int == empty.count)
            // The career form of the samples is of 2020/2021, and no director file of 2018/2019 exists.
            #expect(Set(empty.compactMap { $0["id"] as? String }).isSuperset(of: ["6.2", "10.3"]), "\(s["school"] ?? "")")
            #expect(empty.allSatisfy { ($0["problem"] as? String)?.hasPrefix("нет данных") == true })
        }
        // The shares of schools: each names its schools, and the share is the one a person computes from them.
        let shares = try #require(try json(out)["school_shares"] as? [[String: Any]])
        #expect(shares.count == 55)
        for x in shares {
            let s = try #require(x["schools"] as? [String: Any])
            let count = s["count"] as? Int ?? -1, of = s["of"] as? Int ?? -1
            #expect((x["meeting"] as? [String])?.count == count && (x["unknown"] as? [String])?.count == s["unknown"] as? Int)
            if of > 0 { #expect(abs(((s["percent"] as? NSNumber)?.doubleValue ?? -1) - (Double(count) * 1000 / Double(of)).rounded() / 10) < 1e-9, "\(x["id"] ?? "")") }
        }
    }

    /// The same numbers from a store as from the files; the workbook's shares recalculate to their cached values.
    @Test func theStoreAgreesAndTheWorkbookRecalculates() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let forms = ["vpr", "ege", "gia9", "director", "contingent", "staff", "talents", "teachers-pd"]
        let imported = try svod(["import"] + years.flatMap { y in forms.map { "\(y)/\($0)" }.filter { FileManager.default.fileExists(atPath: $0) } } + ["--store", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        let fromStore = dir.appendingPathComponent("store.json").path, fromFiles = dir.appendingPathComponent("files.json").path
        #expect(try svod(["indicators", "--store", store, "--period", "2019/2020", "-o", fromStore]).status == 0)
        #expect(try svod(["indicators"] + years.flatMap { y in forms.map { "\(y)/\($0)" }.filter { FileManager.default.fileExists(atPath: $0) } }
                         + ["--period", "2019/2020", "-o", fromFiles]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fromStore)) == Data(contentsOf: URL(fileURLWithPath: fromFiles)))
        let book = dir.appendingPathComponent("ind.xlsx").path
        let w = try svod(["indicators", "--store", store, "--period", "2019/2020", "-o", book])
        #expect(w.status == 0, "\(w.stderr)")
        guard let python = IndependentReader.python, FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice") else {
            print("notice: no .venv or LibreOffice; the indicators workbook is not recalculated")
            return
        }
        let names = try runProcess(python, ["-c", "import openpyxl,sys; print(openpyxl.load_workbook(sys.argv[1]).sheetnames)", book])
        #expect(names.stdoutText.contains("'Зоны риска', 'Зоны риска — школы', 'Зоны риска — строки', 'Рубрика руководителя', 'Рубрика — строки'"),
                "\(names.stdoutText)\(names.stderr)")
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/Tools/recalc_compare.py").path
        let check = try runProcess(python, [script, book, dir.appendingPathComponent("lo").path])
        #expect(check.status == 0 && check.stdoutText.contains("differ 0"), "\(check.stdoutText)\(check.stderr)")
    }

    @Test func wrongCallsSayWhatIsExpected() throws {
        let noPeriod = try svod(["indicators", "-o", "/tmp/x.json"])
        #expect(noPeriod.status == 2 && noPeriod.stderr.contains("--period"))
        let en = try svod(["indicators", "--period", "2019/2020", "-o", "/tmp/x.txt", "--lang", "en"])
        #expect(en.status == 2 && en.stderr.contains("indicators are written to .xlsx, .ods or .json"), "\(en.stderr)")
        let notAYear = try svod(["indicators", years[0], "--period", "весна", "-o", "/tmp/x.json"])
        #expect(notAYear.status == 2 && notAYear.stderr.contains("не учебный год"), "\(notAYear.stderr)")
    }
}
