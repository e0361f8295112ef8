import Foundation
import SvodSchema
import SvodTestSupport
import Testing

@Suite struct SchemaLoaderTests {
    static let minimal = """
    id: test
    version: 2
    title: {ru: Тест, en: Test}
    mechanism: 1
    period: academic-year
    periodicity: Ежегодно, ноябрь
    sheets:
      - id: results
        name: Итоги
        key: [class]
        fields:
          - {code: class, label: Класс, type: code, list: classes, required: true}
          - {code: n, label: Участников, aliases: [Писали работу], type: integer, min: 0}
          - {code: share, label: "Доля, %", type: percent, places: 1, min: 0, max: 100}
    rules:
      - id: share
        check: share = n / 10 * 100
        when: n > 0
        tolerance: published
        message: {ru: "Доля {actual}, ожидалось {expected}", en: "Share {actual}, expected {expected}"}
    """

    @Test func aFormMayServeSeveralMechanisms() throws {
        let (form, issues) = SchemaLoader.form(Self.minimal.replacingOccurrences(of: "mechanism: 1", with: "mechanism: [7, 8]"), file: "t.yaml")
        #expect(issues.isEmpty, "\(issues)")
        #expect(form?.mechanisms == [7, 8])
    }

    @Test func loadsAFormWithEverythingInPlace() throws {
        let (form, issues) = SchemaLoader.form(Self.minimal, file: "test.yaml")
        #expect(issues.isEmpty, "\(issues)")
        let f = try #require(form)
        #expect(f.id == "test" && f.version == 2 && f.title.en == "Test" && f.periodicity.ru == "Ежегодно, ноябрь")
        #expect(f.mechanisms == [1])
        let s = try #require(f.sheet("results"))
        #expect(s.fields.map(\.code) == ["class", "n", "share"])
        #expect(s.field("share")?.type == .percent(places: 1))
        #expect(s.field("n")?.aliases == ["Писали работу"])
        #expect(f.rules.first?.tolerance == .published && f.rules.first?.sheet == "results" && f.rules.first?.when == "n > 0")
    }

    /// Each mistake is reported at its line, in both languages; nothing is silently ignored.
    @Test(arguments: [
        ("      - {code: n, label: Участников, aliases: [Писали работу], type: integer, min: 0}",
         "      - {code: n, label: Участников, aliases: [Писали работу], type: integr, min: 0}", 13, "integr"),
        ("    version: 2", "    verison: 2", 1, "version"),
        ("        tolerance: published", "        tolerence: published", 19, "tolerence"),
        ("      - {code: share, label: \"Доля, %\", type: percent, places: 1, min: 0, max: 100}",
         "      - {code: n, label: \"Доля, %\", type: percent, places: 1, min: 0, max: 100}", 14, "дважды"),
        ("    mechanism: 1", "    mechanism: 12", 4, "mechanism"),
        ("    mechanism: 1", "    mechanism: [7, 7]", 4, "mechanism"),
        ("    mechanism: 1", "    mechanism: [8, 10]", 4, "mechanism"),
        ("    mechanism: 1", "    mechanism: []", 4, "mechanism"),
        ("        key: [class]", "        key: [klass]", 8, "klass"),
        ("      - {code: share, label: \"Доля, %\", type: percent, places: 1, min: 0, max: 100}",
         "      - {code: share, label: \"Доля, %\", type: percent, places: 1, min: 100, max: 0}", 14, "min"),
    ])
    func reportsMistakesWithTheirLine(_ original: String, _ broken: String, _ line: Int, _ mentions: String) {
        let text = Self.minimal.replacingOccurrences(of: original.trimmingCharacters(in: .whitespaces),
                                                     with: broken.trimmingCharacters(in: .whitespaces))
        #expect(text != Self.minimal, "the test's substitution must apply")
        let (form, issues) = SchemaLoader.form(text, file: "test.yaml")
        #expect(form == nil)
        let issue = issues.first { $0.message.ru.contains(mentions) || $0.message.en.contains(mentions) }
        #expect(issue != nil, "\(issues)")
        #expect(issue?.location.line == line, "\(issues)")
        #expect(issue?.line(.ru).hasPrefix("test.yaml:\(line):") == true)
    }

    @Test func aComputedFieldTakesItsFormulaFromItsRule() throws {
        let computed = Self.minimal.replacingOccurrences(of: "min: 0, max: 100}", with: "min: 0, max: 100, computed: true}")
        let (form, issues) = SchemaLoader.form(computed, file: "test.yaml")
        #expect(issues.isEmpty, "\(issues)")
        let f = try #require(form)
        #expect(f.sheet("results")?.field("share")?.computed == true)
        #expect(f.formula(of: "share", sheet: "results")?.description == "n / 10 * 100")
        #expect(f.formula(of: "n", sheet: "results") == nil)

        let orphan = Self.minimal.replacingOccurrences(of: "type: integer, min: 0}", with: "type: integer, min: 0, computed: true}")
        let (none, problems) = SchemaLoader.form(orphan, file: "test.yaml")
        #expect(none == nil && problems.contains { $0.message.en.contains("computed field 'n'") && $0.location.line == 13 }, "\(problems)")
    }

    @Test func notYAMLIsReportedAtItsPlace() {
        let (form, issues) = SchemaLoader.form("id: x\n  bad: [unclosed\n", file: "bad.yaml")
        #expect(form == nil && issues.count == 1)
        #expect(issues.first?.location.file == "bad.yaml")
    }

    @Test func theBundledSchemasLoadCleanly() throws {
        let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)
        #expect(catalog.issues.isEmpty, "\(catalog.issues.map { $0.line(.en) })")
        #expect(catalog.form("vpr") != nil && catalog.form("rkr") != nil)
        #expect(catalog.list("subjects")?.items.contains { $0.name == "Математика" } == true)
        // The catalogue's conventions: 81 organisations, 62 of them general-education schools
        // (seed line 455); every form opens with the same «Титул», school at C3 and period at C4.
        #expect(catalog.organisations.count == 81)
        #expect(catalog.organisations.filter { $0.kind == "general-school" }.count == 62)
        for form in catalog.forms {
            let title = form.sheets.first
            #expect(title?.id == "title" && title?.name == "Титул" && title?.layout == .form, "\(form.id)")
            #expect(title?.field("school")?.cell == "C3" && title?.field("school")?.type == .code(list: "organisations"), "\(form.id)")
            #expect(title?.field("period")?.cell == "C4" && title?.field("period")?.pattern != nil, "\(form.id)")
            #expect(!form.rules.isEmpty && !form.submitters.isEmpty, "\(form.id)")
        }
        #expect(catalog.forms.count >= 14)
    }

    @Test func aFieldNamingAMissingListIsReported() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("forms"), withIntermediateDirectories: true)
        try Self.minimal.write(to: dir.appendingPathComponent("forms/test.yaml"), atomically: true, encoding: .utf8)
        let catalog = SchemaCatalog(directory: dir.path)
        #expect(catalog.issues.contains { $0.message.en.contains("no code list 'classes'") && $0.location.line == 12 }, "\(catalog.issues)")
    }
}
