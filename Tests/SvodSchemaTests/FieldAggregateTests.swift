import Foundation
import SvodSchema
import Testing

/// `aggregate:`: the defaults by type, the declarations, and the mistakes `svod schemas check` reports.
@Suite struct FieldAggregateTests {
    /// The minimal form with `share` appended to the share field's declaration.
    func form(share: String) -> (FormSchema?, [SchemaIssue]) {
        SchemaLoader.form(SchemaLoaderTests.minimal
            .replacingOccurrences(of: "type: percent, places: 1, min: 0, max: 100}", with: "type: percent, places: 1, min: 0, max: 100\(share)}"), file: "t.yaml")
    }

    @Test func defaultsFollowTheTypeAndTheRules() throws {
        let (f, issues) = SchemaLoader.form(SchemaLoaderTests.minimal, file: "t.yaml")
        #expect(issues.isEmpty, "\(issues)")
        let form = try #require(f), sheet = try #require(form.sheet("results"))
        #expect(form.aggregate(of: sheet.field("class")!, in: sheet) == .group)
        #expect(form.aggregate(of: sheet.field("n")!, in: sheet) == .sum)
        #expect(form.aggregate(of: sheet.field("share")!, in: sheet) == .rule)
    }

    @Test func declarationsAreRead() throws {
        let (f, issues) = form(share: ", aggregate: {mean: n}")
        #expect(issues.isEmpty, "\(issues)")
        let sheet = try #require(f?.sheet("results"))
        #expect(f?.aggregate(of: sheet.field("share")!, in: sheet) == .mean(weight: "n"))
    }

    @Test func mistakesAreReportedAtTheField() {
        for (share, words) in [(", aggregate: average", "sum, rule, count"), (", aggregate: {mean: nowhere}", "{mean: nowhere}"),
                               (", aggregate: count", "только для да/нет")] {
            let (f, issues) = form(share: share)
            #expect(f == nil && issues.contains { $0.message.ru.contains(words) }, "\(share): \(issues.map(\.message.ru))")
        }
    }

    @Test func aDecimalNoRuleComputesMustSayHowItConsolidates() {
        let text = SchemaLoaderTests.minimal.replacingOccurrences(of: "check: share = n / 10 * 100", with: "check: share <= 100")
        let (f, issues) = SchemaLoader.form(text, file: "t.yaml")
        #expect(f == nil && issues.contains { $0.message.ru.contains("укажите, как сводить") }, "\(issues.map(\.message.ru))")
    }
}
