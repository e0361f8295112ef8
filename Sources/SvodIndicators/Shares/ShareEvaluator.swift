import Foundation
import SvodExpressions
import SvodSchema

/// One indicator of schools: which schools meet it, the share or the number, and who could not be judged.
public struct ShareResult: Sendable, Equatable {
    public var indicator: String
    /// Schools meeting the condition, in registry order.
    public var meeting: [String]
    /// Schools whose inputs are missing (no file): left out of the share, never counted as «нет».
    public var unknown: [String]
    public var share: ShareOfSchools
}

/// The shares and counts of schools of a year (3.3, 3.4, 4.1, 4.3–4.5).
public struct SharesReport: Sendable, Equatable {
    public var period: String
    public var results: [ShareResult]
}

/// Counts the schools meeting each declared condition.
public struct ShareEvaluator {
    public let shares: SchoolShares
    public let catalog: SchemaCatalog

    /// An evaluator of `shares` over the forms of `catalog`.
    public init(shares: SchoolShares, catalog: SchemaCatalog) {
        self.shares = shares
        self.catalog = catalog
    }

    /// Every indicator of `period` over `schools` (registry codes, in the order to list them).
    public func evaluate(period: String, schools: [String], data: SchoolSheets) throws -> SharesReport {
        let reader = InputReader(catalog: catalog, period: period, data: data)
        var results: [ShareResult] = []
        for indicator in shares.indicators {
            // A school the indicator's forms are not due from (the primary school and the ЕГЭ) is not among its schools at all.
            let due = schools.filter { school in indicator.inputs.allSatisfy { catalog.isDue($0.form, from: school) } }
            var city: [String: ExpressionValue] = [:]
            for i in indicator.inputs { city[i.name] = try reader.city(i, schools: due) }
            var meeting: [String] = [], unknown: [String] = []
            for school in due {
                var inputs: [String: ExpressionValue] = [:]
                for i in indicator.inputs { inputs[i.name] = try reader.value(i, school: school) }
                switch try? indicator.condition.evaluate(InputEnvironment(inputs: inputs, city: city)) {
                case .bool(true)?: meeting.append(school)
                case .bool(false)?: break
                default: unknown.append(school)
                }
            }
            results.append(ShareResult(indicator: indicator.id, meeting: meeting, unknown: unknown,
                                       share: ShareOfSchools(count: meeting.count, of: due.count - unknown.count, unknown: unknown.count)))
        }
        return SharesReport(period: period, results: results)
    }
}
