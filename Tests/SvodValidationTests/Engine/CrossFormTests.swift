import Foundation
import SvodLocale
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import Testing

/// Rules reading another form of the school for the period (`form("xf-staff")`): with the other
/// form's values they hold or fail at this file's cell as warnings; without them they do not run
/// and say so; a source that does not cover the form is not asked; and the rules of a form that
/// reads this one run on it when the source says this file arrived second.
@Suite final class CrossFormTests {
    /// The other form's file, checked first; `covers` false stands for a run with no such file.
    final class Source: CrossFormSource {
        var values: [String: FormValues] = [:]
        var covered = true
        var checksReaders = false
        func covers(_ form: String) -> Bool { covered }
        func values(of form: String, school: String, period: String) -> CrossFormLookup {
            values[form].map { .found($0) } ?? .absent(.init(ru: "нет файла", en: "no file"))
        }
    }

    let dir: URL
    let catalog: SchemaCatalog
    let validator: Validator

    init() throws {
        dir = try TestPaths.temporaryDirectory()
        try CrossFormFixture.schemas(in: dir)
        catalog = SchemaCatalog(directory: dir.path)
        #expect(catalog.issues.isEmpty, "\(catalog.issues.map { $0.line(.en) })")
        validator = Validator(catalog: catalog)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func staff(teachers: Double, others: Double) throws -> ValidationReport {
        let path = dir.appendingPathComponent("staff-\(teachers)-\(others).xlsx").path
        try CrossFormFixture.writeStaff(path, teachers: teachers, others: others)
        return try validator.validate(try Spreadsheet.open(path: path), form: try #require(catalog.form("xf-staff")), file: path, sha256: "")
    }

    func pd(ped: Double, rus: Double, _ source: Source?, school: String = "co9") throws -> ValidationReport {
        let path = dir.appendingPathComponent("pd-\(ped)-\(rus).xlsx").path
        try CrossFormFixture.writePD(path, school: school, ped: ped, rus: rus)
        return try validator.validate(try Spreadsheet.open(path: path), form: try #require(catalog.form("xf-pd")), file: path, sha256: "",
                                      crossForm: source)
    }

    func shown(_ r: ValidationReport) -> [String] { r.findings.map { "\($0.rule) \($0.severity.rawValue) \($0.place ?? "")" } }

    func source(teachers: Double = 10, others: Double = 2) throws -> Source {
        let s = Source()
        let report = try staff(teachers: teachers, others: others)
        let kept: FormValues? = report.formValues
        #expect(kept != nil, "what xf-pd reads of xf-staff is kept")
        s.values["xf-staff"] = kept
        return s
    }

    @Test func theRulesAreWarningsReadingTheOtherForm() throws {
        let form = try #require(catalog.form("xf-pd"))
        #expect(form.rules.allSatisfy { $0.severity == .warning && $0.otherForms == ["xf-staff"] })
        #expect(validator.crossForm.depth(of: "xf-pd") == 1 && validator.crossForm.depth(of: "xf-staff") == 0)
        #expect(validator.crossForm.readers(of: "xf-staff") == ["xf-pd"])
    }

    @Test func agreeingFormsHaveNoFindings() throws {
        let r = try pd(ped: 12, rus: 3, try source())
        #expect(r.findings.isEmpty, "\(shown(r))")
    }

    @Test func aMismatchIsAWarningAtThisFilesCell() throws {
        let r = try pd(ped: 13, rus: 11, try source())
        #expect(shown(r) == ["xf-pd.ped warning ДПО!C3", "xf-pd.rus warning ДПО!C4"], "\(shown(r))")
        #expect(r.findings.first?.message.ru == "Педагогов 13, а в форме «Кадры» 12", "\(r.findings.first?.message.ru ?? "")")
        #expect(r.isValid, "a warning does not refuse the file")
    }

    @Test func withoutTheOtherFormTheRulesDoNotRunAndSaySo() throws {
        let r = try pd(ped: 13, rus: 11, Source())
        #expect(shown(r) == ["crossform.not-compared info "], "\(shown(r))")
        let m = try #require(r.findings.first?.message)
        #expect(m.ru.contains("«Кадры (проверка)» (xf-staff): нет файла") && m.ru.contains("правила xf-pd.ped, xf-pd.rus не проверены"), "\(m.ru)")
        #expect(m.en.contains("rules xf-pd.ped, xf-pd.rus were not checked"), "\(m.en)")
    }

    @Test func aSourceThatHasNoneOfTheFormIsNotAskedAndNoSourceIsNoComparison() throws {
        let s = try source()
        s.covered = false
        #expect(try pd(ped: 13, rus: 11, s).findings.isEmpty)
        #expect(try pd(ped: 13, rus: 11, nil).findings.isEmpty)
    }

    /// The staff file arriving after the training file: the training form's rule runs on it,
    /// against the training file's values, and points at the staff file's cell it reads.
    @Test func theFormReadIsCheckedWhenItArrivesSecond() throws {
        let s = Source()
        s.checksReaders = true
        let first = try pd(ped: 13, rus: 3, s)
        #expect(shown(first) == ["crossform.not-compared info "], "\(shown(first))")
        #expect(first.formValues == nil, "no form reads xf-pd: a run keeps nothing of it")
        // The training file as the store gives it back: its values by sheet, key and field.
        let stored = validator.crossForm.collector(for: try #require(catalog.form("xf-pd")))
        for (field, n) in [("ped", 13), ("rus", 3), ("unread", 7)] { stored.take(sheet: "dpo", key: [:], field: field, value: .number(Decimal(n))) }
        s.values["xf-pd"] = stored.finish()
        let path = dir.appendingPathComponent("staff-second.xlsx").path
        try CrossFormFixture.writeStaff(path, teachers: 10, others: 2)
        let r = try validator.validate(try Spreadsheet.open(path: path), form: try #require(catalog.form("xf-staff")), file: path, sha256: "", crossForm: s)
        #expect(shown(r) == ["xf-pd.ped warning Кадры!B4"], "\(shown(r))")
        #expect(r.findings.first?.message.ru.hasPrefix("Педагогов 13, а в форме «Кадры» 12 (сверка формы «ДПО (проверка)» (xf-pd)") == true,
                "\(r.findings.first?.message.ru ?? "")")
    }

    /// The consolidation evaluates the same rule over values it has, without files.
    @Test func aRuleEvaluatesOverResolvedValues() throws {
        struct City: CrossFormResolver {
            func value(form: String, sheet: String, key: [String]?, field: String) -> Decimal? {
                switch (form, sheet, key, field) {
                case ("xf-pd", "dpo", nil, "rus"): return 50
                case ("xf-staff", "staff", ["teachers"]?, "n"): return 40   // the key arrives as the list code
                default: return nil
                }
            }
        }
        let form = try #require(catalog.form("xf-pd"))
        let rus = try #require(form.rules.first { $0.id == "xf-pd.rus" })
        #expect(try validator.evaluate(rus, of: form, resolver: City()) == RuleOutcome(holds: false, actual: 50, expected: 40))
        let ped = try #require(form.rules.first { $0.id == "xf-pd.ped" })
        #expect(try validator.evaluate(ped, of: form, resolver: City()) == nil, "a missing value skips the rule")
    }
}
