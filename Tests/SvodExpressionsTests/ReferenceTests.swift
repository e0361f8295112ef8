import Foundation
import Testing
@testable import SvodExpressions

/// A table's row by its key (`procedures.held["vpr"]`) and another form of the same school and
/// period (`form("staff").staff.n["teachers"]`): how they parse, print, evaluate and fail.
@Suite struct ReferenceTests {
    /// What the validator binds for references: rows by key text, other forms' columns.
    struct Environment: ExpressionEnvironment {
        var references: [ValueReference: ExpressionValue] = [:]
        var columns: [ValueReference: [ExpressionValue]] = [:]
        func value(of name: String) -> ExpressionValue { name == "n" ? .number(5) : .missing }
        func column(_ name: String) -> [ExpressionValue]? { nil }
        func value(of reference: ValueReference) -> ExpressionValue { references[reference] ?? .missing }
        func column(_ reference: ValueReference) -> [ExpressionValue]? { columns[reference] }
    }

    @Test(arguments: [
        ("procedures.held[\"vpr\"]", ValueReference(sheet: "procedures", field: "held", key: [.text("vpr")])),
        ("results.n[\"4\", «Русский язык»]", ValueReference(sheet: "results", field: "n", key: [.text("4"), .text("Русский язык")])),
        ("results.n[4; \"rus\"]", ValueReference(sheet: "results", field: "n", key: [.number(4), .text("rus")])),
        ("form(\"contingent\").levels.ooo_finished", ValueReference(form: "contingent", sheet: "levels", field: "ooo_finished")),
        ("ФОРМА(\"teachers-pd\").dpo.rus_total", ValueReference(form: "teachers-pd", sheet: "dpo", field: "rus_total")),
        ("Form(\"staff\").staff.n[\"teachers\"]", ValueReference(form: "staff", sheet: "staff", field: "n", key: [.text("teachers")])),
    ])
    func parses(_ text: String, _ expected: ValueReference) throws {
        let parsed = try Expression.parse(text)
        #expect(parsed == .reference(expected))
        // The canonical text parses back to the same reference.
        #expect(try Expression.parse(parsed.description) == parsed, "\(parsed.description)")
    }

    @Test func canonicalTextIsTheRulesOwnSpelling() throws {
        let e = try Expression.parse("rus + math <= ФОРМА(\"staff\").staff.n[\"teachers\"] + results.n[4, \"a\"\"b\"]")
        #expect(e.description == "rus + math <= form(\"staff\").staff.n[\"teachers\"] + results.n[4, \"a\"\"b\"]")
    }

    @Test func namesAndReferencesAreListedApart() throws {
        let e = try Expression.parse("held = COUNTA(form(\"vpr\").results.subject) + procedures.held[\"vpr\"] + form(\"vpr\").results.subject")
        #expect(e.orderedReferences == ["held"])
        #expect(e.valueReferences == [ValueReference(form: "vpr", sheet: "results", field: "subject"),
                                      ValueReference(sheet: "procedures", field: "held", key: [.text("vpr")])])
        #expect(e.aggregatedReferences == [ValueReference(form: "vpr", sheet: "results", field: "subject")])
    }

    @Test func referencesEvaluateThroughTheEnvironment() throws {
        let row = ValueReference(form: "staff", sheet: "staff", field: "n", key: [.text("teachers")])
        let column = ValueReference(form: "vpr", sheet: "results", field: "subject")
        var env = Environment()
        env.references[row] = .number(40)
        env.columns[column] = [.text("rus"), .text("math"), .missing]
        #expect(try Expression.parse("form(\"staff\").staff.n[\"teachers\"] - n").evaluate(env) == .number(35))
        #expect(try Expression.parse("COUNTA(form(\"vpr\").results.subject)").evaluate(env) == .number(2))
        // A reference nobody binds is missing, as an unknown name is.
        #expect(try Expression.parse("form(\"staff\").staff.n[\"pdo\"]").evaluate(env) == .missing)
        #expect(try Expression.parse("procedures.held[\"vpr\"]").evaluate(TestEnvironment()) == .missing)
    }

    @Test(arguments: [
        ("held[\"vpr\"]", 5, "после листа и поля"),
        ("a.b.c[\"x\"]", 6, "после листа и поля"),
        ("t.f[x]", 5, "в ключе строки"),
        ("t.f[]", 5, "в ключе строки"),
        ("t.f[\"a\"", 8, "ожидалась «]»"),
        ("form(staff).staff.n", 6, "код формы в кавычках"),
        ("form(\"\").staff.n", 6, "код формы в кавычках"),
        ("form(\"staff\")", 14, "лист и поле другой формы"),
        ("form(\"staff\").staff", 14, "лист и поле другой формы"),
        ("form(\"staff\") + 1", 15, "лист и поле другой формы"),
        ("(a).b", 4, "лишний фрагмент"),
    ])
    func mistakesPointAtTheirColumn(_ text: String, _ column: Int, _ words: String) throws {
        do {
            let parsed = try Expression.parse(text)
            Issue.record("parsed \(text) as \(parsed)")
        } catch let error as ExpressionError {
            #expect(error.column == column, "\(error.ru)")
            #expect(error.ru.contains(words) && error.ru.contains("позиции \(column)") && error.en.contains("column \(column)"), "\(error.ru) / \(error.en)")
        }
    }
}
