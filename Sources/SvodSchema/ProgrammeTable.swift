import Foundation
import Yams

/// One of the programme's Section II tables, laid out as the seed lays it out and computed from
/// the consolidation (`Schemas/tables/*.yaml`): rows by a table's key or as named indicators,
/// columns as measures or as periods (the seed compares three years side by side).
public struct ProgrammeTable: Sendable {
    /// What a cell shows, computed from one row of a form's consolidation.
    public enum Measure: Sendable, Equatable {
        /// The city value of a field (`field: n`).
        case field(String)
        /// The number of schools with the row (`schools: true`).
        case schools
        /// The number of schools whose value meets a condition (`schools: {field, above, …}`).
        case count(SchoolCondition)
        /// That number as a percent of the schools whose value could be judged, at `places`
        /// (`schools-percent: {…}`).
        case countPercent(SchoolCondition, places: Int)
        /// One city value as a percent of another of the same row, at `places` (`percent: {field, of}`).
        case percent(field: String, of: String, places: Int)

        /// The fields it reads.
        public var fields: [String] {
            switch self {
            case .field(let f): return [f]
            case .schools: return []
            case .count(let c), .countPercent(let c, _): return [c.field] + (c.percentOf.map { [$0] } ?? [])
            case .percent(let f, let of, _): return [f, of]
            }
        }

        /// The condition whose count it shows, if it counts schools by one.
        public var condition: SchoolCondition? {
            switch self {
            case .count(let c), .countPercent(let c, _): return c
            default: return nil
            }
        }

        /// Whether it counts schools: such a number needs a row that is one school's row, not a sum of rows.
        public var countsSchools: Bool {
            if case .schools = self { return true }
            return condition != nil
        }
    }

    /// A column of a row table: a measure of the period `offset` years back.
    public struct Column: Sendable, Equatable {
        public var label: String
        public var measure: Measure
        /// 0 the period consolidated, −1 the one before…
        public var offset: Int
        public var source: SourceLocation
    }

    /// One value an indicator shows: a measure of a sheet's row (a keyed row, or the sheet's grand total).
    public struct Source: Sendable, Equatable {
        public var sheet: String
        /// The row's key (field → list code); empty for the grand total.
        public var key: [String: String]
        public var measure: Measure
        /// A field of the same row that must be above zero for the value to count as given (`if-any`):
        /// an exam nobody sat has no «not passed», even where every school typed 0.
        public var ifAny: String?
        public var source: SourceLocation
    }

    /// A named indicator row: one value, or several shown in one cell joined by `join` (the seed's
    /// «4,1/48»: base mathematics' mark and profile mathematics' score).
    public struct Indicator: Sendable, Equatable {
        public var label: String
        public var parts: [Source]
        /// Between the parts of a combined cell.
        public var join: String
    }

    /// The table's number as the seed gives it («2.3.1»).
    public var id: String
    public var title: String
    public var form: String
    /// The sheet rows come from (for `rows` tables).
    public var sheet: String
    /// The key codes to show, in order, for the key field `byField`; empty for every row present.
    public var only: [String]
    public var byField: String?
    /// The label of a grand total row at the bottom, if the seed prints one.
    public var total: String?
    /// Row tables: their columns.
    public var columns: [Column]
    /// Period tables: each keyed row split into one row per measure, with `periods` as columns.
    public var measures: [Column]
    /// Indicator tables: the indicators, with `periods` as columns.
    public var indicators: [Indicator]
    public var periods: [Int]
    /// The first column's header.
    public var rowHeader: String
    public var source: SourceLocation
    /// Where `rows` is written (the table's place when it is not).
    public var rowsSource: SourceLocation

    /// The periods the table needs, as offsets (0, −1, −2…).
    public var offsets: [Int] { columns.isEmpty ? periods : Array(Set(columns.map(\.offset))).sorted() }

    /// Every measure with the sheet it reads and where it is declared.
    public var sources: [Source] {
        (columns + measures).map { Source(sheet: sheet, key: [:], measure: $0.measure, ifAny: nil, source: $0.source) }
            + indicators.flatMap(\.parts)
    }

    /// The conditions the table counts schools by: the consolidation tallies them school by school.
    public var conditions: [SchoolCondition] { sources.compactMap(\.measure.condition) }
}

/// Which schools a programme table counts: those whose value — a field of their row, or that
/// field as a percent of another field of the same row — is above `above` and, for a band, at
/// most `upTo` (2.5.6: schools where more than 30 % of the graduates got medals; 2.8: schools
/// with any programme of a direction, `programmes` above 0).
public struct SchoolCondition: Hashable, Sendable {
    /// The sheet whose rows it judges (a school's row of a table, or its form sheet).
    public var sheet: String
    public var field: String
    /// The field the value is a percent of; nil to take the field itself.
    public var percentOf: String?
    public var above: Decimal
    public var upTo: Decimal?

    /// A condition.
    public init(sheet: String, field: String, percentOf: String? = nil, above: Decimal, upTo: Decimal? = nil) {
        self.sheet = sheet
        self.field = field
        self.percentOf = percentOf
        self.above = above
        self.upTo = upTo
    }

    /// The condition as text, the name of its count in a consolidation's row (`medals/grads>30`,
    /// `medals/grads>20<=30`, `programmes>0`): the same declaration always gives the same name,
    /// so districts' counts add up to the city's.
    public var id: String {
        field + (percentOf.map { "/\($0)" } ?? "") + ">\(above)" + (upTo.map { "<=\($0)" } ?? "")
    }

    /// Whether one school's row meets it; nil when it cannot be judged (a value missing, or a
    /// percent of zero). A percent is compared exactly, by cross-multiplying, not rounded first:
    /// 20 medals of 67 graduates (29,85 %) is not above 30 %, though it prints as 29,9.
    public func holds(_ value: (String) -> Decimal?) -> Bool? {
        guard let v = value(field) else { return nil }
        let scale: Decimal
        if let p = percentOf {
            guard let d = value(p), d > 0 else { return nil }
            scale = d
        } else {
            scale = 1
        }
        let x = percentOf == nil ? v : v * 100
        guard x > above * scale else { return false }
        if let upTo { return x <= upTo * scale }
        return true
    }
}

extension SchemaCatalog {
    /// The conditions the programme tables count `form`'s schools by, once each, in a fixed order.
    public func schoolConditions(of form: String) -> [SchoolCondition] {
        var seen = Set<SchoolCondition>()
        return programmeTables.filter { $0.form == form }.flatMap(\.conditions)
            .filter { seen.insert($0).inserted }
            .sorted { ($0.sheet, $0.id) < ($1.sheet, $1.id) }
    }
}

extension SchemaLoader {
    /// The programme table in `text`, or nil with the issues found.
    public static func programmeTable(_ text: String, file: String) -> (ProgrammeTable?, [SchemaIssue]) {
        let log = IssueLog()
        guard let o = topMapping(text, file: file, log: log, what: "таблица") else { return (nil, log.issues) }
        let sheet = o.string("sheet") ?? ""
        func readColumns(_ key: String) -> [ProgrammeTable.Column] {
            o.objects(key, what: "графа").compactMap { c -> ProgrammeTable.Column? in
                defer { c.reportUnknownKeys() }
                let label = c.string("label", required: true) ?? ""
                let offset = c.int("period") ?? 0
                return TableMeasureReader(object: c, sheet: sheet, label: label, log: log).read()
                    .map { .init(label: label, measure: $0, offset: offset, source: c.location) }
            }
        }
        let columns = readColumns("columns"), measures = readColumns("measures")
        let indicators = o.objects("indicators", what: "показатель").map { i -> ProgrammeTable.Indicator in
            defer { i.reportUnknownKeys() }
            let label = i.string("label", required: true) ?? ""
            guard i.has("parts") else {
                return .init(label: label, parts: readSource(i, label: label, log: log).map { [$0] } ?? [], join: "/")
            }
            // A combined cell: its parts are sources of their own; the indicator names nothing else.
            let parts = i.objects("parts", what: "часть").compactMap { p -> ProgrammeTable.Source? in
                defer { p.reportUnknownKeys() }
                return readSource(p, label: label, log: log)
            }
            if parts.count < 2 {
                log.add(i.location(of: "parts"), ru: "показатель «\(label)»: в «parts» нужно не меньше двух значений (одно — без «parts»)",
                        en: "indicator '\(label)': 'parts' needs at least two values (write one without 'parts')")
            }
            return .init(label: label, parts: parts, join: i.string("join") ?? "/")
        }
        let rows = o.value("rows").flatMap { YAMLObject($0, file: file, issues: log, what: "rows") }
        let table = ProgrammeTable(id: o.string("id", required: true) ?? "", title: o.string("title", required: true) ?? "",
                                   form: o.string("form", required: true) ?? "", sheet: sheet,
                                   only: rows?.strings("only") ?? [], byField: rows?.string("by"), total: rows?.string("total"),
                                   columns: columns, measures: measures, indicators: indicators, periods: o.ints("periods"),
                                   rowHeader: o.string("row-header") ?? "", source: o.location, rowsSource: rows?.location ?? o.location)
        rows?.reportUnknownKeys()
        o.reportUnknownKeys()
        let shapes = (o.has("columns") ? 1 : 0) + (o.has("measures") ? 1 : 0) + (o.has("indicators") ? 1 : 0)
        if shapes != 1 || (!o.has("columns") && table.periods.isEmpty) {
            log.add(o.location, ru: "таблица «\(table.id)»: одно из «columns», «measures» с «periods», «indicators» с «periods»",
                    en: "table '\(table.id)': one of 'columns', 'measures' with 'periods', 'indicators' with 'periods'")
        }
        return (log.issues.isEmpty ? table : nil, log.issues)
    }

    /// One value of an indicator (or a part of a combined one): its sheet, key, measure and `if-any`.
    private static func readSource(_ o: YAMLObject, label: String, log: IssueLog) -> ProgrammeTable.Source? {
        let sheet = o.string("sheet", required: true) ?? ""
        var key: [String: String] = [:]
        if let k = o.value("key").flatMap({ YAMLObject($0, file: o.file, issues: log, what: "key") }) {
            for (name, _) in k.keys { key[name] = k.string(name) }
        }
        let ifAny = o.string("if-any")
        return TableMeasureReader(object: o, sheet: sheet, label: label, log: log).read()
            .map { .init(sheet: sheet, key: key, measure: $0, ifAny: ifAny, source: o.location) }
    }

    /// Names in `table` that its form does not have, and measures its rows cannot give, each at its line.
    static func check(_ table: ProgrammeTable, against form: FormSchema?) -> [SchemaIssue] {
        guard let form else {
            return [SchemaIssue(table.source, ru: "таблица «\(table.id)»: нет формы «\(table.form)»", en: "table '\(table.id)': there is no form '\(table.form)'")]
        }
        var out: [SchemaIssue] = []
        func issue(_ at: SourceLocation, ru: String, en: String) {
            out.append(SchemaIssue(at, ru: "таблица «\(table.id)»: \(ru)", en: "table '\(table.id)': \(en)"))
        }
        let rowsTable = !table.columns.isEmpty || !table.measures.isEmpty
        if rowsTable, form.sheet(table.sheet) == nil {
            issue(table.source, ru: "в форме «\(form.id)» нет листа «\(table.sheet)»", en: "form '\(form.id)' has no sheet '\(table.sheet)'")
        }
        if rowsTable, let sheet = form.sheet(table.sheet) {
            if let by = table.byField, !sheet.key.contains(by) {
                issue(table.rowsSource, ru: "«\(by)» не ключ листа «\(sheet.id)»", en: "'\(by)' is not a key of sheet '\(sheet.id)'")
            }
            // A fixed list of rows is what a file can have: a code outside it (ЕГЭ's «math» where
            // the form lists «math-prof») would print «—» every year.
            if let by = table.byField, !sheet.fixedRows.isEmpty {
                for code in table.only where !sheet.fixedRows.contains(where: { $0[by] == code }) {
                    issue(table.rowsSource, ru: "строки «\(code)» нет среди строк листа «\(sheet.id)» (rows)",
                          en: "row '\(code)' is not among the rows of sheet '\(sheet.id)'")
                }
            }
            // Rows by one field of a longer key are sums of several rows: their schools are not known.
            let partial = sheet.layout == .table && table.byField != nil && sheet.key != [table.byField!]
            for c in table.columns + table.measures where partial && c.measure.countsSchools {
                issue(c.source, ru: "графа «\(c.label)» считает школы, а строка по «\(table.byField!)» — сумма нескольких строк листа «\(sheet.id)» (ключ \(sheet.key.joined(separator: ", "))), школ в ней не сосчитать",
                      en: "column '\(c.label)' counts schools, but a row by '\(table.byField!)' sums several rows of sheet '\(sheet.id)' (key \(sheet.key.joined(separator: ", "))): its schools cannot be counted")
            }
        }
        for s in table.sources {
            guard let sheet = form.sheet(s.sheet) else {
                if !rowsTable { issue(s.source, ru: "в форме «\(form.id)» нет листа «\(s.sheet)»", en: "form '\(form.id)' has no sheet '\(s.sheet)'") }
                continue
            }
            for code in s.measure.fields + (s.ifAny.map { [$0] } ?? []) {
                guard let field = sheet.field(code) else {
                    issue(s.source, ru: "в форме «\(form.id)» нет поля «\(sheet.id).\(code)»", en: "form '\(form.id)' has no field '\(sheet.id).\(code)'")
                    continue
                }
                // A field shown as it is may be of any type; one compared or divided must be a number.
                if case .field(let shown) = s.measure, shown == code { continue }
                switch field.type {
                case .integer, .decimal, .percent: break
                default:
                    issue(s.source, ru: "поле «\(sheet.id).\(code)» не числовое: с порогом и в процентах его не сравнить",
                          en: "field '\(sheet.id).\(code)' is not a number: it cannot be compared with a threshold or taken as a percent")
                }
            }
            for (k, v) in s.key.sorted(by: { $0.key < $1.key }) {
                if !sheet.key.contains(k) {
                    issue(s.source, ru: "«\(k)» не ключ листа «\(sheet.id)»", en: "'\(k)' is not a key of sheet '\(sheet.id)'")
                } else if !sheet.fixedRows.isEmpty, !sheet.fixedRows.contains(where: { $0[k] == v }) {
                    issue(s.source, ru: "строки «\(k): \(v)» нет среди строк листа «\(sheet.id)» (rows)",
                          en: "row '\(k): \(v)' is not among the rows of sheet '\(sheet.id)'")
                }
            }
            // Schools are counted on a school's row, or on the total (a school once); part of a key is a sum of rows.
            if !rowsTable, sheet.layout == .table, s.measure.countsSchools, !s.key.isEmpty, Set(s.key.keys) != Set(sheet.key) {
                issue(s.source, ru: "школы считаются по строке листа «\(sheet.id)» (нужен весь её ключ: \(sheet.key.joined(separator: ", "))) или по итогу (без «key»), а не по части ключа",
                      en: "schools are counted on a row of sheet '\(sheet.id)' (its whole key: \(sheet.key.joined(separator: ", "))) or on its total (no 'key'), not on part of a key")
            }
        }
        return out
    }
}

/// Reads what a column, an indicator or a part shows: exactly one of `field`, `schools`
/// (`true`, or a condition), `schools-percent` (a condition) and `percent` (`{field, of}`),
/// with `places` for the percents.
private struct TableMeasureReader {
    let object: YAMLObject
    let sheet: String
    let label: String
    let log: IssueLog

    func read() -> ProgrammeTable.Measure? {
        let o = object
        let given = ["field", "schools", "schools-percent", "percent"].filter { k in
            // `schools: false` is the default written out, not a choice.
            k == "schools" ? o.has(k) && o.value(k)?.scalar?.string.lowercased() != "false" : o.has(k)
        }
        guard given.count == 1 else {
            log.add(o.location, ru: "«\(label)»: укажите одно из «field», «schools», «schools-percent», «percent»\(given.count > 1 ? " (указано: \(given.joined(separator: ", ")))" : "")",
                    en: "'\(label)': give one of 'field', 'schools', 'schools-percent', 'percent'\(given.count > 1 ? " (given: \(given.joined(separator: ", ")))" : "")")
            _ = ["field", "schools", "schools-percent", "percent", "places"].map(o.value)
            return nil
        }
        let places = placesValue(used: given[0] == "schools-percent" || given[0] == "percent")
        switch given[0] {
        case "field":
            return o.string("field").map { .field($0) }
        case "schools":
            let node = o.value("schools")
            if node?.scalar != nil { return o.bool("schools") == true ? .schools : nil }
            return condition("schools").map { .count($0) }
        case "schools-percent":
            return condition("schools-percent").map { .countPercent($0, places: places) }
        default:
            guard let p = o.value("percent").flatMap({ YAMLObject($0, file: o.file, issues: log, what: "percent") }) else { return nil }
            defer { p.reportUnknownKeys() }
            guard let f = p.string("field", required: true), let of = p.string("of", required: true) else { return nil }
            return .percent(field: f, of: of, places: places)
        }
    }

    /// `places` of a percent (default 1, as the seed prints shares); refused where nothing is a percent.
    private func placesValue(used: Bool) -> Int {
        guard object.has("places") else { return 1 }
        guard used else {
            log.add(object.location(of: "places"), ru: "«\(label)»: «places» — только для «schools-percent» и «percent»",
                    en: "'\(label)': 'places' is only for 'schools-percent' and 'percent'")
            _ = object.value("places")
            return 1
        }
        guard let n = object.int("places"), (0...4).contains(n) else {
            log.add(object.location(of: "places"), ru: "«\(label)»: «places» — целое от 0 до 4", en: "'\(label)': 'places' is an integer from 0 to 4")
            return 1
        }
        return n
    }

    /// `{field, percent-of, above, up-to}`.
    private func condition(_ key: String) -> SchoolCondition? {
        guard let c = object.value(key).flatMap({ YAMLObject($0, file: object.file, issues: log, what: key) }) else { return nil }
        defer { c.reportUnknownKeys() }
        let field = c.string("field", required: true)
        let percentOf = c.string("percent-of")
        let above = decimal(c, "above", required: true)
        let upTo = decimal(c, "up-to", required: false)
        guard let field, let above else { return nil }
        if let upTo, upTo <= above {
            log.add(c.location(of: "up-to"), ru: "«\(label)»: «up-to» (\(upTo)) должно быть больше «above» (\(above)), иначе школ не бывает",
                    en: "'\(label)': 'up-to' (\(upTo)) must be greater than 'above' (\(above)), or no school can meet it")
            return nil
        }
        return SchoolCondition(sheet: sheet, field: field, percentOf: percentOf, above: above, upTo: upTo)
    }

    /// A number written as YAML (`30`, `0.5`), exactly as written.
    private func decimal(_ o: YAMLObject, _ key: String, required: Bool) -> Decimal? {
        guard let s = o.string(key, required: required) else { return nil }
        guard let d = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")), s.allSatisfy({ "0123456789.-".contains($0) }) else {
            log.add(o.location(of: key), ru: "«\(label)»: «\(key)» — число, а не «\(s)»", en: "'\(label)': '\(key)' is a number, not '\(s)'")
            return nil
        }
        return d
    }
}
