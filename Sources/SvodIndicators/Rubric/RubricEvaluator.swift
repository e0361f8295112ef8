import Foundation
import SvodExpressions
import SvodSchema

/// One rubric line for one school: the inputs it read and the points it gave.
public struct RubricLineResult: Sendable, Equatable {
    public var line: String
    /// Input name → the school's value (a number, да/нет, or missing), and the city's sum beside it.
    public var inputs: [String: ExpressionValue]
    public var city: [String: ExpressionValue]
    /// The points; nil when an input is missing («нет данных»).
    public var points: Decimal?
    /// Why the points could not be computed (a missing file, a division by zero), in Russian.
    public var problem: String?
}

/// One school's rubric: every line, the total of the lines computed, and its rank in the city.
public struct SchoolRubric: Sendable, Equatable {
    public var school: String
    public var lines: [RubricLineResult]
    public var total: Decimal { lines.compactMap(\.points).reduce(0, +) }
    /// Lines without data: the total is then a lower bound, and the card says so.
    public var missing: Int { lines.filter { $0.points == nil }.count }
    /// 1 for the highest total; equal totals share a rank (1, 2, 2, 4).
    public var rank: Int
}

/// The rubric of a year for every school that sends the director's form.
public struct RubricReport: Sendable, Equatable {
    public var period: String
    public var schools: [SchoolRubric]
}

/// Scores each school by the catalogue's rubric (seed 4.2): the inputs read from the schools'
/// forms of the year (or the year before), each line's expression, the total and the rank.
public struct RubricEvaluator {
    public let rubric: DirectorRubric
    public let catalog: SchemaCatalog

    /// An evaluator of `rubric` over the forms of `catalog`.
    public init(rubric: DirectorRubric, catalog: SchemaCatalog) {
        self.rubric = rubric
        self.catalog = catalog
    }

    /// The rubric of `period` for `schools` (registry codes, in the order to list them).
    public func evaluate(period: String, schools: [String], data: SchoolSheets) throws -> RubricReport {
        let reader = InputReader(catalog: catalog, period: period, data: data)
        // The city's sums first: «выше средней по МО» compares a school with them.
        var city: [String: [String: ExpressionValue]] = [:]
        for line in rubric.lines {
            for i in line.inputs { city[line.id, default: [:]][i.name] = try reader.city(i, schools: schools) }
        }
        var results: [SchoolRubric] = []
        for school in schools {
            var lines: [RubricLineResult] = []
            for line in rubric.lines {
                var inputs: [String: ExpressionValue] = [:]
                for i in line.inputs { inputs[i.name] = try reader.value(i, school: school) }
                lines.append(score(line, inputs: inputs, city: city[line.id] ?? [:]))
            }
            results.append(SchoolRubric(school: school, lines: lines, rank: 0))
        }
        // A place is one more than the number of higher totals: each total computed once, then sorted.
        let totals = results.map(\.total)
        let descending = totals.sorted(by: >)
        for i in results.indices {
            results[i].rank = 1 + Self.countAbove(totals[i], in: descending)
        }
        return RubricReport(period: period, schools: results)
    }

    /// How many of `descending` are greater than `value` (binary search).
    static func countAbove(_ value: Decimal, in descending: [Decimal]) -> Int {
        var low = 0, high = descending.count
        while low < high {
            let mid = (low + high) / 2
            if descending[mid] > value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func score(_ line: DirectorRubric.Line, inputs: [String: ExpressionValue], city: [String: ExpressionValue]) -> RubricLineResult {
        var result = RubricLineResult(line: line.id, inputs: inputs, city: city, points: nil, problem: nil)
        let missing = line.inputs.filter { inputs[$0.name] == .missing }.map(\.name)
        do {
            let v = try line.points.evaluate(InputEnvironment(inputs: inputs, city: city))
            switch v {
            case .number(let d): result.points = d
            case .bool(let b): result.points = b ? 1 : 0
            default:
                result.problem = missing.isEmpty ? "баллы не вычислены" : "нет данных: \(missing.joined(separator: ", "))"
            }
        } catch {
            result.problem = missing.isEmpty ? "\(error)" : "нет данных: \(missing.joined(separator: ", "))"
        }
        return result
    }
}
