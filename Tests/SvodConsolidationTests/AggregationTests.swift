import Foundation
@testable import SvodConsolidation
import SvodSchema
@testable import SvodStore
import SvodTestSupport
import Testing

/// Schools' values into city rows: sums, the rule recomputed over the sums (never the mean of the
/// schools' shares), weighted means, да/нет counts, and a row read back from JSON adding up the same.
@Suite struct AggregationTests {
    static let schema = SchemaFolder.form(id: "t", """
    sheets:
      - id: results
        name: Итоги
        key: [class]
        fields:
          - {code: class, label: Класс, type: code, list: classes, required: true}
          - {code: n, label: Писали, type: integer}
          - {code: n5, label: Пятёрок, type: integer}
          - {code: share, label: Доля, type: percent, places: 1}
          - {code: mean, label: Средний балл, type: decimal, places: 1, aggregate: {mean: n}}
          - {code: plan, label: План, type: boolean}
    rules:
      - id: t.share
        check: share = n5 / n * 100
        when: n > 0
        tolerance: published
        message: {ru: "доля", en: "share"}
    """)

    func value(_ field: String, _ kind: String, _ v: String, cls: String = "4") -> StoredValue {
        StoredValue(sheetID: "results", sheet: "Итоги", rowKey: cls, key: "{\"class\":\"\(cls)\"}", field: field, cell: "A1", kind: kind, value: v)
    }

    func school(_ n: String, _ n5: String, share: String, mean: String, plan: Bool) -> [StoredValue] {
        [value("class", "text", "4"), value("n", "number", n), value("n5", "number", n5), value("share", "number", share),
         value("mean", "number", mean), value("plan", "bool", plan ? "1" : "0")]
    }

    @Test func sharesAreRecomputedFromTheSumsAndMeansWeighted() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try SchemaFolder.make(in: dir, form: Self.schema, named: "t")
        let catalog = SchemaCatalog(directory: dir.path)
        #expect(catalog.issues.isEmpty, "\(catalog.issues)")
        let form = try #require(catalog.form("t"))
        let acc = Accumulator(form: form)
        var c = acc.empty()
        // 1 of 3 and 2 of 7: the mean of the shares (33,3 and 28,6) is 31,0; the city's share is 3 of 10 = 30,0.
        for s in [school("3", "1", share: "33.3", mean: "4", plan: true), school("7", "2", share: "28.6", mean: "3", plan: false)] {
            acc.add(SchoolRecords(s, form: form, isCode: { _, _ in true }), to: &c)
        }
        let sheet = try #require(form.sheet("results")), p = PublishedValues(form: form, consolidation: c)
        let row = try #require(c.sheets[0].rows.values.first)
        #expect(row.schools == 2 && c.sheets[0].total.schools == 2)
        #expect(p.value(sheet.field("n")!, sheet: sheet, row: row) == 10)
        #expect(p.value(sheet.field("share")!, sheet: sheet, row: row) == 30)
        // (4 × 3 + 3 × 7) / 10 = 3,3
        #expect(p.value(sheet.field("mean")!, sheet: sheet, row: row) == Decimal(string: "3.3"))
        #expect(p.value(sheet.field("plan")!, sheet: sheet, row: row) == 1 && p.yesShare(sheet.field("plan")!, row: row) == 50)
        #expect(CityChecks(catalog: catalog).run(p).isEmpty)
    }

    @Test func roundingIsHalfAwayFromZero() {
        #expect(PublishedValues.rounded(Decimal(string: "74.25")!, 1) == Decimal(string: "74.3"))
        #expect(PublishedValues.rounded(Decimal(string: "-0.05")!, 1) == Decimal(string: "-0.1"))
    }

    @Test func aRowWrittenAsJSONReadsBackToTheSameTotals() throws {
        var t = FieldTotal()
        t.add(number: Decimal(string: "71.7")!, weight: 2480)
        t.add(number: 3, weight: 1)
        var yes = FieldTotal()
        yes.add(answer: true)
        yes.add(answer: false)
        for total in [t, yes] {
            let back = ConsolidationReader.total(try JSONValue.parse(ConsolidationJSON.parts(total)))
            #expect(back == total)
        }
    }
}
