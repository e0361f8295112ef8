import Foundation
import SvodSchema
import SvodTestSupport
import Testing

/// `svod schemas check` holds keyed rows and other forms' values to what exists: the form, its
/// sheet and field, a key of the sheet's shape whose items are in their lists; and to what a
/// comparison of two files may be (a warning, of forms of one period kind, declared once).
@Suite final class CrossFormSchemaTests {
    /// Every folder a test made, removed with the suite.
    private var folders: [URL] = []
    deinit { for f in folders { try? FileManager.default.removeItem(at: f) } }

    func folder() throws -> URL {
        let dir = try TestPaths.temporaryDirectory()
        folders.append(dir)
        try CrossFormFixture.schemas(in: dir)
        return dir
    }

    /// The fixture's catalogue with the training form's text changed by `edit`, and that form's file.
    func catalog(_ edit: (String) -> String = { $0 }) throws -> (SchemaCatalog, String) {
        let dir = try folder()
        let file = dir.appendingPathComponent("forms/xf-pd.yaml")
        try edit(CrossFormFixture.pd).write(to: file, atomically: true, encoding: .utf8)
        return (SchemaCatalog(directory: dir.path), file.path)
    }

    /// The 1-based line of the fixture's first line containing `text`.
    func line(of text: String, in yaml: String = CrossFormFixture.pd) -> Int {
        (yaml.components(separatedBy: "\n").firstIndex { $0.contains(text) } ?? -1) + 1
    }

    @Test func theFixtureLoadsAndItsComparisonsAreWarnings() throws {
        let (c, _) = try catalog()
        #expect(c.issues.isEmpty, "\(c.issues.map { $0.line(.en) })")
        let rules = try #require(c.form("xf-pd")).rules
        #expect(rules.map(\.severity) == [.warning, .warning] && rules.map(\.otherForms) == [["xf-staff"], ["xf-staff"]])
        #expect(rules.first?.valueReferences.first?.description == "form(\"xf-staff\").staff.n")
    }

    /// Each mistake is one issue at the line of the rule's `check` (or `severity`), naming what is wrong.
    @Test(arguments: [
        ("form(\"xf-staff\").staff.n[\"Учителя\"]", "form(\"xf-stuff\").staff.n[\"Учителя\"]", "нет формы «xf-stuff»"),
        ("form(\"xf-staff\").staff.n[\"Учителя\"]", "form(\"xf-staff\").stuff.n[\"Учителя\"]", "нет листа «stuff»"),
        ("form(\"xf-staff\").staff.n[\"Учителя\"]", "form(\"xf-staff\").staff.total[\"Учителя\"]", "нет поля «total»"),
        ("form(\"xf-staff\").staff.n[\"Учителя\"]", "form(\"xf-staff\").staff.n[\"Учитиля\"]", "«Учитиля» нет в справочнике «Должности педагогических работников» (поле «position»); может быть, «Учителя»?"),
        ("form(\"xf-staff\").staff.n[\"Учителя\"]", "form(\"xf-staff\").staff.n[\"Учителя\", \"rus\"]", "ключ листа «staff» — 1 поле (position), а указано значений: 2"),
        ("form(\"xf-staff\").staff.n[\"Учителя\"]", "form(\"xf-staff\").title.school[\"co9\"]", "не таблица с ключом"),
        ("form(\"xf-staff\").staff.n[\"Учителя\"]", "form(\"xf-pd\").dpo.ped", "это сама форма «xf-pd»"),
        ("rus <= form", "rus - previous.rus <= form", "не сочетаются с прошлым периодом"),
    ])
    func aMistakeIsReportedAtTheCheckLine(_ from: String, _ to: String, _ words: String) throws {
        let (c, file) = try catalog { $0.replacingOccurrences(of: from, with: to) }
        let issue = try #require(c.issues.first { $0.message.ru.contains(words) }, "\(c.issues.map { $0.line(.ru) })")
        #expect(issue.location.file == file && issue.location.line == line(of: "check: rus <="), "\(issue.line(.ru))")
        #expect(issue.message.ru.contains("правило «xf-pd.rus»") && issue.message.en.contains("rule 'xf-pd.rus'"), "\(issue.message.en)")
        #expect(c.form("xf-pd") == nil || !c.issues.isEmpty)
    }

    @Test func aComparisonOfTwoFilesIsNoError() throws {
        let (c, _) = try catalog { $0.replacingOccurrences(of: "  - id: xf-pd.rus\n    sheet: dpo\n", with: "  - id: xf-pd.rus\n    sheet: dpo\n    severity: error\n") }
        let issue = try #require(c.issues.first, "severity: error must be refused")
        #expect(issue.message.ru.contains("а не error") && issue.location.line == line(of: "sheet: dpo", in: CrossFormFixture.pd) + 5, "\(issue.line(.ru))")
        let info = try catalog { $0.replacingOccurrences(of: "  - id: xf-pd.rus\n    sheet: dpo\n", with: "  - id: xf-pd.rus\n    sheet: dpo\n    severity: info\n") }.0
        #expect(info.issues.isEmpty && info.form("xf-pd")?.rules.last?.severity == .info)
    }

    @Test func aKeyedRowOfTheFormsOwnTableIsHeldToItsShape() throws {
        let own = "check: ped = form(\"xf-staff\").staff.n"
        let (c, _) = try catalog { $0.replacingOccurrences(of: own, with: "check: dpo.ped[\"x\"] = form(\"xf-staff\").staff.n") }
        #expect(c.issues.contains { $0.message.ru.contains("лист «dpo» — не таблица с ключом") && $0.location.line == line(of: own) },
                "\(c.issues.map { $0.line(.ru) })")
    }

    /// A rule read once per file may not name a table's own column bare: it would be no one value.
    @Test func aBareTableFieldInARuleReadingAnotherFormIsRefused() throws {
        let dir = try folder()
        let staff = CrossFormFixture.staff + """

        rules:
          - id: xf-staff.bare
            sheet: staff
            check: n <= form("xf-pd").dpo.ped
            message: {ru: "{actual}", en: "{actual}"}
        """
        try staff.write(to: dir.appendingPathComponent("forms/xf-staff.yaml"), atomically: true, encoding: .utf8)
        let c = SchemaCatalog(directory: dir.path)
        #expect(c.issues.contains { $0.message.ru.contains("поле «n» таблицы «staff» назовите строкой") }, "\(c.issues.map { $0.line(.ru) })")
        // With the bare name replaced by the total, the two forms read each other: one rule covers both ways.
        try staff.replacingOccurrences(of: "check: n <=", with: "check: staff.n <=").write(to: dir.appendingPathComponent("forms/xf-staff.yaml"),
                                                                                            atomically: true, encoding: .utf8)
        let loop = SchemaCatalog(directory: dir.path)
        #expect(loop.issues.contains { $0.message.ru.contains("сверяются по кругу (xf-pd → xf-staff → xf-pd)") }, "\(loop.issues.map { $0.line(.ru) })")
    }

    @Test func formsOfDifferentPeriodKindsAreNotCompared() throws {
        let dir = try folder()
        try CrossFormFixture.staff.replacingOccurrences(of: "period: academic-year", with: "period: quarter")
            .write(to: dir.appendingPathComponent("forms/xf-staff.yaml"), atomically: true, encoding: .utf8)
        let c = SchemaCatalog(directory: dir.path)
        #expect(c.issues.contains { $0.message.ru.contains("за период вида quarter") }, "\(c.issues.map { $0.line(.ru) })")
    }

    /// The bundled catalogue's comparisons load, and each is a warning reading a form that exists.
    @Test func theBundledComparisonsLoad() throws {
        let c = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)
        #expect(c.issues.isEmpty, "\(c.issues.map { $0.line(.en) })")
        let comparisons = c.forms.flatMap { f in f.rules.filter { !$0.otherForms.isEmpty }.map { "\(f.id): \($0.id)" } }
        #expect(comparisons.count >= 12, "\(comparisons)")
        for form in c.forms { for r in form.rules where !r.otherForms.isEmpty { #expect(r.severity == .warning, "\(r.id)") } }
    }
}
