import Foundation
import SvodTestSupport
import Testing

/// The bundled year of submissions (`Samples/<year>/`, listed in `Samples/manifest-<year>.json`,
/// beside the year's folder so that validating the folder checks only what schools sent):
/// every school's file validates with no finding at all, every planted mistake and every place
/// where the seed's own tables do not add up is reported at its cell, and nothing else is.
@Suite struct SamplesTests {
    struct Entry {
        let path: String
        let kind: String
        let form: String
        let byForm: Bool
        let previous: String?
        let expected: Set<String>
    }

    static let root = TestPaths.packageRoot.appendingPathComponent("Samples")

    static func entries() throws -> [Entry] {
        let years = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        var out: [Entry] = []
        for year in years {
            let url = root.appendingPathComponent("manifest-\(year).json")
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for f in doc["files"] as? [[String: Any]] ?? [] {
                let expected = (f["expected"] as? [[String: Any]] ?? []).map { e in
                    Self.key(e["rule"] as? String, e["severity"] as? String, e["sheet"] as? String, e["cell"] as? String)
                }
                out.append(Entry(path: f["path"] as? String ?? "", kind: f["kind"] as? String ?? "", form: f["form"] as? String ?? "",
                                 byForm: f["validate_form"] as? Bool ?? false, previous: f["previous"] as? String, expected: Set(expected)))
            }
        }
        return out
    }

    static func key(_ rule: String?, _ severity: String?, _ sheet: String?, _ cell: String?) -> String {
        "\(rule ?? "") \(severity ?? "") \(sheet ?? "")!\(cell ?? "")"
    }

    /// Reports by file path from one `svod validate --format json` call.
    static func validate(_ files: [String], extra: [String] = []) throws -> [String: [String: Any]] {
        let schemas = TestPaths.packageRoot.appendingPathComponent("Schemas").path
        let r = try runProcess(TestPaths.svodBinary, ["validate", "--schemas", schemas, "--format", "json"] + extra + files)
        #expect(r.status != 2, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: r.stdout)
        let reports = files.count == 1 ? [doc as? [String: Any] ?? [:]] : doc as? [[String: Any]] ?? []
        return Dictionary(reports.map { ($0["file"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func everySampleGivesExactlyItsListedFindings() throws {
        let entries = try Self.entries()
        guard !entries.isEmpty else { Issue.record("no Samples/manifest-<year>.json"); return }
        #expect(Set(entries.map(\.kind)).isSuperset(of: ["school", "planted", "seed"]))
        let path = { (e: Entry) in Self.root.appendingPathComponent(e.path).path }
        // Plain entries in one call per form, as check_samples.py runs them: a file's listed
        // findings are its own, and a run of one form asks no other form for a comparison (the
        // forms compared together: theSchoolsFormsAgreeWithEachOther). One with a form or a
        // previous period on its own (the same file may be listed alone and against last year).
        let plain = entries.filter { !$0.byForm && $0.previous == nil }
        var together: [String: [String: Any]] = [:]
        for form in Set(plain.map(\.form)).sorted() {
            together.merge(try Self.validate(plain.filter { $0.form == form }.map(path)), uniquingKeysWith: { a, _ in a })
        }
        var clean = 0
        for e in entries {
            var own = together[path(e)]
            if e.byForm || e.previous != nil {
                var extra: [String] = []
                if e.byForm { extra += ["--form", e.form] }
                if let p = e.previous { extra += ["--previous", Self.root.appendingPathComponent(p).path] }
                own = try Self.validate([path(e)], extra: extra)[path(e)]
            }
            let report = try #require(own, "no report for \(e.path)")
            #expect(report["error"] == nil && (report["form"] as? [String: Any])?["id"] as? String == e.form,
                    "\(e.path): refused, or taken for another form: \(report)")
            let found = Set((report["findings"] as? [[String: Any]] ?? []).map {
                Self.key($0["rule"] as? String, $0["severity"] as? String, $0["sheet"] as? String, $0["cell"] as? String)
            })
            #expect(found == e.expected, "\(e.path): found \(found.sorted()), listed \(e.expected.sorted())")
            if e.kind == "school" && found.isEmpty { clean += 1 }
        }
        print("samples: \(entries.count) files, \(clean) school files clean, \(entries.filter { $0.kind != "school" }.count) with listed findings")
    }

    /// Every school's forms of 2019/2020 checked in one run agree with each other (the
    /// catalogue's cross-form rules, `Schemas/README.md` «Сверки между формами»): no comparison
    /// fails, and the only notes are for the two organisations whose objectivity form names a
    /// procedure they send no file of: the evening school (no ВПР) and the Плехановская НОШ (no РКР:
    /// it writes the three 4th-grade ВПР works, no 9th or 11th grade).
    @Test func theSchoolsFormsAgreeWithEachOther() throws {
        let schools = try Self.entries().filter { $0.kind == "school" && $0.path.hasPrefix("2019-2020/") }
        let reports = try Self.validate(schools.map { Self.root.appendingPathComponent($0.path).path })
        var notes: [String] = []
        for (file, report) in reports {
            for f in report["findings"] as? [[String: Any]] ?? [] {
                let rule = f["rule"] as? String ?? ""
                #expect(rule == "crossform.not-compared", "\(file): \(rule) \(f["message"] ?? "")")
                notes.append(((file as NSString).lastPathComponent as NSString).deletingPathExtension + " " + (f["message"] as? String ?? "").prefix(60))
            }
        }
        #expect(notes.count == 2 && notes.contains { $0.hasPrefix("objectivity-2019-2020-plekhanovo не сверено с формой «Результаты региональных") }
                && notes.contains { $0.hasPrefix("objectivity-2019-2020-vosh не сверено с формой «Результаты Всероссийских") },
                "\(notes.sorted())")
    }

    /// The school files add up to the city tables of the programme's Section II (read back with
    /// the built svod; the arithmetic is `Samples/check_samples.py --sums-only`, in Python).
    @Test func theSchoolsAddUpToTheSeedsCityTables() throws {
        guard let python = IndependentReader.python else { print("notice: no .venv; city sums skipped"); return }
        let r = try runProcess(python, [Self.root.appendingPathComponent("check_samples.py").path, "--sums-only",
                                        "--svod", TestPaths.svodBinary.path])
        #expect(r.status == 0, "\(r.stdoutText.suffix(3000))\(r.stderr)")
        #expect(r.stdoutText.contains(" 0 failed"), "\(r.stdoutText.suffix(2000))")
    }
}
