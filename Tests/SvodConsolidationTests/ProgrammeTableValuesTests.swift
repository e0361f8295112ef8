import Foundation
@testable import SvodConsolidation
import SvodSchema
@testable import SvodStore
import SvodTestSupport
import Testing

/// Programme tables computed from a consolidation: counts of schools tallied school by school
/// (a row's, and the total's with each school once), their percents, a city percent of two sums,
/// combined cells — and the tallies through JSON, as districts' consolidations carry them.
@Suite struct ProgrammeTableValuesTests {
    static let rows = """
    id: "1"
    title: Строки
    form: t
    sheet: events
    rows: {by: subject, only: [rus, math], total: Всего}
    columns:
      - {label: Участников, field: n}
      - {label: ОО с победителями, schools: {field: wp, above: 0}}
      - {label: Доля таких ОО, schools-percent: {field: wp, above: 0}}
      - {label: Доля победителей, percent: {field: wp, of: n}}
    """
    static let indicators = """
    id: "2"
    title: Показатели
    form: t
    periods: [-1, 0]
    indicators:
      - {label: Выше 30 %, sheet: summary, schools: {field: medals, percent-of: grads, above: 30}}
      - {label: От 20 до 30 %, sheet: summary, schools: {field: medals, percent-of: grads, above: 20, up-to: 30}}
      - label: Медалисты / участники по математике
        parts:
          - {sheet: summary, field: medals, if-any: grads}
          - {sheet: events, field: n, key: {subject: math}}
    """

    /// A catalogue of the shared form and both tables.
    static func catalog(in dir: URL) throws -> SchemaCatalog {
        try ProgrammeTableFixture.make(in: dir, tables: ["1.yaml": rows, "2.yaml": indicators])
        return SchemaCatalog(directory: dir.path)
    }

    /// One school's values: its graduates and medalists, and (subject, n, wp) rows.
    static func school(grads: Int?, medals: Int?, events: [(String, Int, Int)]) -> [StoredValue] {
        var out: [StoredValue] = []
        func add(_ sheet: String, _ key: String, _ field: String, _ kind: String, _ v: String) {
            out.append(StoredValue(sheetID: sheet, sheet: sheet, rowKey: key, key: key, field: field, cell: "A1", kind: kind, value: v))
        }
        if let grads { add("summary", "{}", "grads", "number", "\(grads)") }
        if let medals { add("summary", "{}", "medals", "number", "\(medals)") }
        for (subject, n, wp) in events {
            let key = "{\"subject\":\"\(subject)\"}"
            add("events", key, "subject", "text", subject)
            add("events", key, "n", "number", "\(n)")
            add("events", key, "wp", "number", "\(wp)")
        }
        return out
    }

    /// A: 6 medals of 20 (30 %: not above 30, in the band up to 30), winners in mathematics only;
    /// B: 4 of 10 (40 %), no winners; C: no graduates (not judged), winners in Russian.
    static let schools = [
        school(grads: 20, medals: 6, events: [("rus", 5, 0), ("math", 3, 1)]),
        school(grads: 10, medals: 4, events: [("rus", 0, 0), ("math", 0, 0)]),
        school(grads: 0, medals: 0, events: [("rus", 2, 2)]),
    ]

    static func consolidate(_ catalog: SchemaCatalog, _ schools: [[StoredValue]]) throws -> FormConsolidation {
        let form = try #require(catalog.form("t"))
        let acc = Accumulator(form: form, counting: catalog.schoolConditions(of: "t"))
        var c = acc.empty()
        for s in schools { acc.add(SchoolRecords(s, form: form, isCode: { _, _ in true }), to: &c) }
        return c
    }

    static func values(_ catalog: SchemaCatalog, table: String, _ byOffset: [Int: FormConsolidation]) throws -> [[ProgrammeTableValues.Value?]] {
        let t = try #require(catalog.programmeTables.first { $0.id == table })
        return ProgrammeTableValues(catalog: catalog, table: t, form: try #require(catalog.form("t")), consolidations: byOffset, period: "2019/2020").body()
    }

    @Test func schoolsAreTalliedOneByOne() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try Self.catalog(in: dir)
        #expect(catalog.issues.isEmpty, "\(catalog.issues)")
        let c = try Self.consolidate(catalog, Self.schools)
        let summary = try #require(c.sheet("summary")), events = try #require(c.sheet("events"))
        #expect(summary.total.counts["medals/grads>30"] == SchoolTally(schools: 1, of: 2))
        #expect(summary.total.counts["medals/grads>20<=30"] == SchoolTally(schools: 1, of: 2))
        #expect(events.rows[#"{"subject":"rus"}"#]?.counts["wp>0"] == SchoolTally(schools: 1, of: 3))
        #expect(events.rows[#"{"subject":"math"}"#]?.counts["wp>0"] == SchoolTally(schools: 1, of: 2))
        // The total: A (mathematics) and C (Russian), each once, of the three schools.
        #expect(events.total.counts["wp>0"] == SchoolTally(schools: 2, of: 3))
    }

    @Test func theTablesShowCountsPercentsAndCombinedCells() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try Self.catalog(in: dir)
        let now = try Self.consolidate(catalog, Self.schools)
        // Russian: 7 participants, 1 school of 3 with winners (33,3 %), 2 of 7 winners (28,6 %).
        #expect(try Self.values(catalog, table: "1", [0: now]) == [
            [.label("Русский язык"), .number(7, 0), .number(1, 0), .number(Decimal(string: "33.3")!, 1), .number(Decimal(string: "28.6")!, 1)],
            [.label("Математика"), .number(3, 0), .number(1, 0), .number(50, 1), .number(Decimal(string: "33.3")!, 1)],
            [.label("Всего"), .number(10, 0), .number(2, 0), .number(Decimal(string: "66.7")!, 1), .number(30, 1)],
        ])
        // The year before: one school, 4 medals of 10, no events rows (the second part is «-»).
        let before = try Self.consolidate(catalog, [Self.school(grads: 10, medals: 4, events: [])])
        #expect(try Self.values(catalog, table: "2", [0: now, -1: before]) == [
            [.label("Выше 30 %"), .number(1, 0), .number(1, 0)],
            [.label("От 20 до 30 %"), .number(0, 0), .number(1, 0)],
            [.label("Медалисты / участники по математике"), .text("4/-"), .text("10/3")],
        ])
        // C alone: no graduates, so its 0 medals are no figure (if-any), nor is a count of schools; no mathematics row.
        let none = try Self.consolidate(catalog, [Self.schools[2]])
        #expect(try Self.values(catalog, table: "2", [0: none]) == [
            [.label("Выше 30 %"), .noData, .noData], [.label("От 20 до 30 %"), .noData, .noData], [.label("Медалисты / участники по математике"), .noData, .noData],
        ])
    }

    @Test func aCombinedCellPrintsNumbersAsTheSeed() {
        #expect(ProgrammeTableValues.text(4, places: 1) == "4")
        #expect(ProgrammeTableValues.text(Decimal(string: "48.04")!, places: 1) == "48")
        #expect(ProgrammeTableValues.text(Decimal(string: "4.10")!, places: 1) == "4,1")
        #expect(ProgrammeTableValues.text(Decimal(string: "56.5")!, places: 1) == "56,5")
        #expect(ProgrammeTableValues.text(Decimal(string: "4.05")!, places: 1) == "4,1")
        #expect(ProgrammeTableValues.text(112, places: 0) == "112")
        #expect(ProgrammeTableValues.text(Decimal(string: "-0.25")!, places: 1) == "-0,3")
    }

    /// The tallies go through JSON unchanged; a consolidation written without them is not taken
    /// for zero schools: the city's count is unknown and the table shows «—».
    @Test func talliesTravelThroughJSON() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try Self.catalog(in: dir)
        let c = try Self.consolidate(catalog, Self.schools)
        let json = try ConsolidationJSON(catalog: catalog).render(Consolidation(period: "2019/2020", district: nil, forms: [c]))
        #expect(json.contains(#""counts":{"wp>0":{"schools":1,"of":3}}"#))
        let back = try #require(try ConsolidationReader.read(json: json, file: "d.json", catalog: catalog).forms.first)
        #expect(back.sheets == c.sheets)
        let old = json.replacingOccurrences(of: #","counts":\{[^}]*\}(,"[^"]*":\{[^}]*\})*\}"#, with: "", options: .regularExpression)
        #expect(!old.contains("counts"), "\(old)")
        var city = Accumulator(form: try #require(catalog.form("t")), counting: catalog.schoolConditions(of: "t")).empty()
        city.merge(try #require(try ConsolidationReader.read(json: old, file: "old.json", catalog: catalog).forms.first))
        city.merge(back)
        #expect(city.sheet("summary")?.total.counts["medals/grads>30"]?.unknown == true)
        let rows = try Self.values(catalog, table: "1", [0: city])
        #expect(rows[0][2] == ProgrammeTableValues.Value.noData && rows[0][1] == .number(14, 0))
    }
}
