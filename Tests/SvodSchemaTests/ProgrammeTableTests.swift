import Foundation
import SvodSchema
import SvodTestSupport
import Testing

/// The programme tables' declarations (`Schemas/tables/*.yaml`): every measure a cell can show,
/// combined cells, counts of schools by a condition — and each mistake reported at its line.
@Suite struct ProgrammeTableTests {
    /// A catalogue of the shared form and one table; its issues.
    func issues(table: String) throws -> [SchemaIssue] {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ProgrammeTableFixture.make(in: dir, tables: ["x.yaml": table])
        return SchemaCatalog(directory: dir.path).issues
    }

    @Test func everyMeasureReadsAsDeclared() throws {
        let (table, issues) = SchemaLoader.programmeTable("""
            id: "x"
            title: X
            form: t
            sheet: events
            rows: {by: subject}
            columns:
              - {label: a, field: n}
              - {label: b, schools: true}
              - {label: c, schools: {field: wp, above: 0}}
              - {label: d, schools-percent: {field: wp, percent-of: n, above: 10, up-to: 20.5}, places: 2}
              - {label: e, percent: {field: wp, of: n}}
            """, file: "x.yaml")
        #expect(issues.isEmpty, "\(issues)")
        let t = try #require(table)
        let band = SchoolCondition(sheet: "events", field: "wp", percentOf: "n", above: 10, upTo: Decimal(string: "20.5"))
        #expect(t.columns.map(\.measure) == [.field("n"), .schools, .count(SchoolCondition(sheet: "events", field: "wp", above: 0)),
                                             .countPercent(band, places: 2), .percent(field: "wp", of: "n", places: 1)])
        #expect(band.id == "wp/n>10<=20.5" && t.conditions.map(\.id) == ["wp>0", "wp/n>10<=20.5"])
    }

    @Test func aCombinedCellHasItsParts() throws {
        let (table, issues) = SchemaLoader.programmeTable("""
            id: "x"
            title: X
            form: t
            periods: [-1, 0]
            indicators:
              - {label: Один, sheet: summary, field: grads}
              - label: Два
                parts:
                  - {sheet: summary, field: medals, if-any: grads}
                  - {sheet: events, field: n, key: {subject: math}}
            """, file: "x.yaml")
        #expect(issues.isEmpty, "\(issues)")
        let t = try #require(table)
        #expect(t.indicators.map(\.parts.count) == [1, 2] && t.indicators[1].join == "/")
        #expect(t.indicators[1].parts[0].ifAny == "grads" && t.indicators[1].parts[1].key == ["subject": "math"])
    }

    /// A percent is compared exactly, never rounded first; a school that cannot be judged is not counted either way.
    @Test func aConditionJudgesOneSchoolExactly() {
        let over30 = SchoolCondition(sheet: "summary", field: "medals", percentOf: "grads", above: 30)
        let band = SchoolCondition(sheet: "summary", field: "medals", percentOf: "grads", above: 20, upTo: 30)
        func school(_ medals: Decimal?, _ grads: Decimal?) -> (String) -> Decimal? { { $0 == "medals" ? medals : grads } }
        #expect(over30.holds(school(6, 20)) == false)         // exactly 30 % is not above 30 %
        #expect(band.holds(school(6, 20)) == true)            // … and is in the band up to 30 % inclusive
        #expect(over30.holds(school(20, 67)) == false)        // 29,85 % (printed 29,9)
        #expect(over30.holds(school(61, 200)) == true)        // 30,5 %
        #expect(band.holds(school(61, 200)) == false)
        #expect(over30.holds(school(3, 0)) == nil && over30.holds(school(nil, 10)) == nil && over30.holds(school(3, nil)) == nil)
        let any = SchoolCondition(sheet: "events", field: "n", above: 0)
        #expect(any.holds { _ in 0 } == false && any.holds { _ in 1 } == true && any.id == "n>0")
    }

    /// Each mistake is reported at its line, in both languages: what the loader sees by itself
    /// (a column's measure, a condition) and what it sees against the form (names that do not
    /// exist, values that cannot be computed). The mistaken line is the table's 7th in a row table
    /// of `events` (`columns:`), its 6th in an indicator table (`indicators:`).
    @Test(arguments: [
        ("columns", "{label: a, field: n, schools: true}", "указано: field, schools"),
        ("columns", "{label: a}", "укажите одно из"),
        ("columns", "{label: a, schools: {field: n, above: 10, up-to: 10}}", "«up-to» (10) должно быть больше «above» (10)"),
        ("columns", "{label: a, schools: {field: n, above: много}}", "«above» — число, а не «много»"),
        ("columns", "{label: a, schools: {field: n}}", "нет обязательного ключа «above»"),
        ("columns", "{label: a, schools: {field: n, above: 0, over: 3}}", "неизвестный ключ «over»"),
        ("columns", "{label: a, field: n, places: 1}", "«places» — только для"),
        ("columns", "{label: a, percent: {field: n, of: wp}, places: 7}", "«places» — целое от 0 до 4"),
        ("columns", "{label: a, percent: {field: n}}", "нет обязательного ключа «of»"),
        ("indicators", "{label: a, sheet: summary, schools: {field: medals, percent-of: pupils, above: 30}}", "нет поля «summary.pupils»"),
        ("indicators", "{label: a, sheet: summary, schools: {field: note, above: 0}}", "поле «summary.note» не числовое"),
        ("indicators", "{label: a, sheet: summary, field: grads, if-any: note}", "поле «summary.note» не числовое"),
        ("indicators", "{label: a, sheet: pupils, field: grads}", "нет листа «pupils»"),
        ("indicators", "{label: a, sheet: events, field: n, key: {subject: chem}}", "строки «subject: chem» нет среди строк листа «events»"),
        ("indicators", "{label: a, sheet: events, field: n, key: {level: x}}", "«level» не ключ листа «events»"),
        ("indicators", "{label: a, sheet: stages, schools: {field: n, above: 0}, key: {subject: rus}}", "не по части ключа"),
    ])
    func mistakesAreReportedAtTheirLine(shape: String, line: String, text: String) throws {
        let head = shape == "columns" ? "sheet: events\nrows: {by: subject}" : "periods: [0]"
        let found = try issues(table: "id: \"x\"\ntitle: X\nform: t\n\(head)\n\(shape):\n  - \(line)\n")
        #expect(found.contains { $0.location.line == (shape == "columns" ? 7 : 6) && $0.message.ru.contains(text) && !$0.message.en.isEmpty }, "\(found)")
    }

    @Test func aCombinedCellNeedsTwoParts() {
        let (table, issues) = SchemaLoader.programmeTable("""
            id: "x"
            title: X
            form: t
            periods: [0]
            indicators:
              - label: Один
                parts: [{sheet: summary, field: grads}]
            """, file: "x.yaml")
        #expect(table == nil && issues.contains { $0.location.line == 7 && $0.message.en.contains("at least two values") }, "\(issues)")
    }

    @Test func aCountOfSchoolsOnRowsByPartOfAKeyIsRefused() throws {
        let found = try issues(table: """
            id: "x"
            title: X
            form: t
            sheet: stages
            rows: {by: subject, only: [rus, chem]}
            columns:
              - {label: a, field: n}
              - {label: b, schools: {field: n, above: 0}}
              - {label: c, percent: {field: n, of: n}}
            """)
        #expect(found.contains { $0.location.line == 8 && $0.message.ru.contains("школ в ней не сосчитать") }, "\(found)")
        // ЕГЭ's lesson: a code the sheet's fixed rows do not have would print «—» every year.
        #expect(found.contains { $0.location.line == 5 && $0.message.ru.contains("строки «chem» нет среди строк листа «stages»") }, "\(found)")
        #expect(found.count == 2, "\(found)")
    }

    /// The bundled tables load, and the new ones count schools where the seed counts them.
    @Test func theBundledTablesLoad() throws {
        let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)
        #expect(catalog.issues.isEmpty, "\(catalog.issues)")
        let ids = catalog.programmeTables.map(\.id)
        #expect(["2.5.6", "2.8", "2.9", "2.10"].allSatisfy(ids.contains) && ids.firstIndex(of: "2.9")! < ids.firstIndex(of: "2.10")!)
        #expect(catalog.schoolConditions(of: "ege").map(\.id) == ["medals/grads>10<=20", "medals/grads>20<=30", "medals/grads>30"])
        #expect(catalog.schoolConditions(of: "upbringing").map(\.id) == ["programmes>0"])
    }
}
