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
        var cache: [String: [String: [SheetRow]]] = [:]
        func rows(_ i: DirectorRubric.Input) throws -> [String: [SheetRow]] {
            guard let form = catalog.form(i.form), let n = form.period.ordinal(period) else { return [:] }
            let year = form.period.name(n + i.offset)
            let key = "\(i.form)|\(i.sheet)|\(year)"
            if let r = cache[key] { return r }
            let r = try data.rows(form: i.form, sheet: i.sheet, period: year)
            cache[key] = r
            return r
        }
        // The city's sums first: «выше средней по МО» compares a school with them.
        var city: [String: [String: ExpressionValue]] = [:]
        for line in rubric.lines {
            for i in line.inputs {
                let all = try rows(i)
                let values = schools.compactMap { s in all[s].map { value(i, rows: $0) } }
                var sum = Decimal(0), any = false
                for case .number(let d) in values { sum += d; any = true }
                city[line.id, default: [:]][i.name] = any ? .number(sum) : .missing
            }
        }
        var results: [SchoolRubric] = []
        for school in schools {
            var lines: [RubricLineResult] = []
            for line in rubric.lines {
                var inputs: [String: ExpressionValue] = [:]
                for i in line.inputs { inputs[i.name] = try rows(i)[school].map { value(i, rows: $0) } ?? .missing }
                lines.append(score(line, inputs: inputs, city: city[line.id] ?? [:]))
            }
            results.append(SchoolRubric(school: school, lines: lines, rank: 0))
        }
        for i in results.indices {
            results[i].rank = 1 + results.filter { $0.total > results[i].total }.count
        }
        return RubricReport(period: period, schools: results)
    }

    /// An input's value from a school's rows: a form sheet's field (a number or да/нет), or a table column summed over the rows it names.
    func value(_ i: DirectorRubric.Input, rows: [SheetRow]) -> ExpressionValue {
        let table = catalog.form(i.form)?.sheet(i.sheet)?.layout == .table
        let chosen = rows.filter { row in i.rows.allSatisfy { field, codes in row.key[field].map(codes.contains) ?? false } }
        if !table, i.fields.count == 1, let row = chosen.first, let b = row.answers[i.fields[0]] { return .bool(b) }
        var sum = Decimal(0), any = false
        for row in chosen {
            for f in i.fields {
                if let d = row.numbers[f] { sum += d; any = true }
            }
        }
        // A table without the rows asked for has none of them: 0. A form sheet's blank cell is missing.
        return any || table ? .number(sum) : .missing
    }

    func score(_ line: DirectorRubric.Line, inputs: [String: ExpressionValue], city: [String: ExpressionValue]) -> RubricLineResult {
        var result = RubricLineResult(line: line.id, inputs: inputs, city: city, points: nil, problem: nil)
        let missing = line.inputs.filter { inputs[$0.name] == .missing }.map(\.name)
        do {
            let v = try line.points.evaluate(RubricEnvironment(inputs: inputs, city: city))
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

/// The names a rubric line reads: its inputs, and `city.NAME` for the city's sums.
struct RubricEnvironment: ExpressionEnvironment {
    let inputs: [String: ExpressionValue]
    let city: [String: ExpressionValue]

    func value(of name: String) -> ExpressionValue {
        if name.hasPrefix("city.") { return city[String(name.dropFirst(5))] ?? .missing }
        return inputs[name] ?? .missing
    }

    func column(_ name: String) -> [ExpressionValue]? { nil }
}
