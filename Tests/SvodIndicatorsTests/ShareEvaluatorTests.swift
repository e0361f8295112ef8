import Foundation
import SvodIndicators
import SvodSchema
import SvodTestSupport
import Testing

/// «Доля ОО, …» on a small city: schools answering «да», schools without the file named apart and
/// left out of the share, a compound condition, and a «количество» without a share.
@Suite struct ShareEvaluatorTests {
    static let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)
    let evaluator = ShareEvaluator(shares: catalog.schoolShares!, catalog: catalog)
    let year = "2019/2020"

    private func result(_ r: SharesReport, _ id: String) throws -> ShareResult { try #require(r.results.first { $0.indicator == id }) }

    @Test func sharesOfSchoolsAnsweringYes() throws {
        #expect(Self.catalog.issues.isEmpty, "\(Self.catalog.issues)")
        var f = FixtureSheets()
        for (school, creative) in [("a", true), ("b", false), ("c", true)] {
            f.data["talents|practice|\(year)", default: [:]][school] = [SheetRow(key: [:], numbers: [:], answers: ["param_creative": creative])]
        }
        // d sent no talents file: not «нет», «нет данных».
        f.add("objectivity", "procedures", year, "a", ["procedure": "vpr"], ["held": 4, "observed": 4, "video_held": 0])
        f.add("objectivity", "procedures", year, "a", ["procedure": "oge"], ["held": 2, "observed": 2, "video_held": 1])
        f.add("objectivity", "procedures", year, "b", ["procedure": "vpr"], ["held": 4, "observed": 3, "video_held": 0])
        f.add("objectivity", "procedures", year, "c", ["procedure": "vpr"], ["held": 0, "observed": 0, "video_held": 0])
        f.add("ege", "summary", year, "a", [:], ["medal_no60": 0])
        f.add("ege", "summary", year, "b", [:], ["medal_no60": 2])
        let r = try evaluator.evaluate(period: year, schools: ["a", "b", "c", "d"], data: f)
        let creative = try result(r, "talents.param_creative")
        #expect(creative.meeting == ["a", "c"] && creative.unknown == ["d"])
        #expect(creative.share == ShareOfSchools(count: 2, of: 3, unknown: 1) && creative.share.percent == Decimal(string: "66.7"))
        // Observers at every procedure: a (6 of 6) yes; b (3 of 4) no; c held none: no; d: no file.
        let observers = try result(r, "objectivity.observers")
        #expect(observers.meeting == ["a"] && observers.unknown == ["d"] && observers.share.percent == Decimal(string: "33.3"))
        let medalists = try result(r, "objectivity.medalists")
        #expect(medalists.meeting == ["b"] && medalists.unknown == ["c", "d"])
        #expect(Self.catalog.schoolShares!.indicators.first { $0.id == "objectivity.medalists" }?.isShare == false)
    }
}
