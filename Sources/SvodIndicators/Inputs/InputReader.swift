import Foundation
import SvodExpressions
import SvodSchema

/// Reads indicators' named inputs of one year for every school, each form sheet once: a form
/// sheet's field (a number or да/нет), a table column summed over the rows named, or a table's
/// да/нет column over the rows named («да» if any of them answers «да»).
final class InputReader {
    let catalog: SchemaCatalog
    let period: String
    let data: SchoolSheets
    private var cache: [String: [String: [SheetRow]]] = [:]

    init(catalog: SchemaCatalog, period: String, data: SchoolSheets) {
        self.catalog = catalog
        self.period = period
        self.data = data
    }

    /// The school's value of `input`; missing when the school sent no accepted file of that form and year.
    func value(_ input: DirectorRubric.Input, school: String) throws -> ExpressionValue {
        try rows(input)[school].map { Self.value(input, rows: $0, table: isTable(input), answer: isAnswer(input)) } ?? .missing
    }

    /// The input summed over `schools` that have it; missing when none has a number.
    func city(_ input: DirectorRubric.Input, schools: [String]) throws -> ExpressionValue {
        let all = try rows(input), table = isTable(input), answer = isAnswer(input)
        var sum = Decimal(0), any = false
        for s in schools {
            guard let r = all[s], case .number(let d) = Self.value(input, rows: r, table: table, answer: answer) else { continue }
            sum += d
            any = true
        }
        return any ? .number(sum) : .missing
    }

    private func isTable(_ i: DirectorRubric.Input) -> Bool { catalog.form(i.form)?.sheet(i.sheet)?.layout == .table }

    /// One да/нет field (`upbringing`'s «Наличие локального акта» of a direction's row).
    private func isAnswer(_ i: DirectorRubric.Input) -> Bool {
        i.fields.count == 1 && catalog.form(i.form)?.sheet(i.sheet)?.field(i.fields[0])?.type == .boolean
    }

    private func rows(_ i: DirectorRubric.Input) throws -> [String: [SheetRow]] {
        guard let form = catalog.form(i.form), let n = form.period.ordinal(period) else { return [:] }
        let year = form.period.name(n + i.offset)
        let key = "\(i.form)|\(i.sheet)|\(year)"
        if let r = cache[key] { return r }
        let r = try data.rows(form: i.form, sheet: i.sheet, period: year)
        cache[key] = r
        return r
    }

    static func value(_ i: DirectorRubric.Input, rows: [SheetRow], table: Bool, answer: Bool = false) -> ExpressionValue {
        let chosen = rows.filter { row in i.rows.allSatisfy { field, codes in row.key[field].map(codes.contains) ?? false } }
        // One да/нет field over the rows named (a form sheet has one): «да» if any row says so;
        // a да/нет field no row answers is missing, not «нет».
        if i.fields.count == 1 {
            let answers = chosen.compactMap { $0.answers[i.fields[0]] }
            if !answers.isEmpty { return .bool(answers.contains(true)) }
            if answer { return .missing }
        }
        var sum = Decimal(0), any = false
        for row in chosen {
            for f in i.fields {
                if let d = row.numbers[f] { sum += d; any = true }
            }
        }
        // A table without the rows asked for has none of them: 0. A form sheet's blank cell is missing.
        return any || table ? .number(sum) : .missing
    }
}

/// The names an indicator's expression reads: its inputs, and `city.NAME` for the city's sums.
struct InputEnvironment: ExpressionEnvironment {
    let inputs: [String: ExpressionValue]
    let city: [String: ExpressionValue]

    func value(of name: String) -> ExpressionValue {
        if name.hasPrefix("city.") { return city[String(name.dropFirst(5))] ?? .missing }
        return inputs[name] ?? .missing
    }

    func column(_ name: String) -> [ExpressionValue]? { nil }
}
