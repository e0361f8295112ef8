import Foundation
import Yams

/// One of the programme's Section II tables, laid out as the seed lays it out and computed from
/// the consolidation (`Schemas/tables/*.yaml`): rows by a table's key or as named indicators,
/// columns as fields or as periods (the seed compares three years side by side).
public struct ProgrammeTable: Sendable {
    /// A column: a field (or the number of schools with the row) of the period `offset` years back.
    public struct Column: Sendable, Equatable {
        public var label: String
        /// The field's code; nil for the number of schools with the row.
        public var field: String?
        /// 0 the period consolidated, −1 the one before…
        public var offset: Int
    }

    /// A named indicator row: one value of a sheet (a keyed row's, or the sheet's grand total).
    public struct Indicator: Sendable, Equatable {
        public var label: String
        public var sheet: String
        public var field: String
        /// The row's key (field → list code); empty for the grand total.
        public var key: [String: String]
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
    /// Row tables: their columns. Indicator tables: the indicators, with `periods` as columns.
    public var columns: [Column]
    /// Period tables: each keyed row split into one row per measure, with `periods` as columns.
    public var measures: [Column]
    public var indicators: [Indicator]
    public var periods: [Int]
    /// The first column's header.
    public var rowHeader: String
    public var source: SourceLocation

    /// The periods the table needs, as offsets (0, −1, −2…).
    public var offsets: [Int] { columns.isEmpty ? periods : Array(Set(columns.map(\.offset))).sorted() }
}

extension SchemaLoader {
    /// The programme table in `text`, or nil with the issues found.
    public static func programmeTable(_ text: String, file: String) -> (ProgrammeTable?, [SchemaIssue]) {
        let log = IssueLog()
        guard let node = try? Yams.compose(yaml: text), let o = YAMLObject(node, file: file, issues: log, what: "таблица") else {
            log.add(SourceLocation(file: file, line: 1, column: 1), ru: "не YAML-отображение", en: "not a YAML mapping")
            return (nil, log.issues)
        }
        func readColumns(_ key: String) -> [ProgrammeTable.Column] {
            o.objects(key, what: "графа").map { c -> ProgrammeTable.Column in
                defer { c.reportUnknownKeys() }
                let schools = c.bool("schools") ?? false
                return .init(label: c.string("label", required: true) ?? "", field: schools ? nil : c.string("field", required: true),
                             offset: c.int("period") ?? 0)
            }
        }
        let columns = readColumns("columns"), measures = readColumns("measures")
        let indicators = o.objects("indicators", what: "показатель").map { i -> ProgrammeTable.Indicator in
            defer { i.reportUnknownKeys() }
            var key: [String: String] = [:]
            if let k = i.value("key").flatMap({ YAMLObject($0, file: file, issues: log, what: "key") }) {
                for (name, _) in k.keys { key[name] = k.string(name) }
            }
            return .init(label: i.string("label", required: true) ?? "", sheet: i.string("sheet", required: true) ?? "",
                         field: i.string("field", required: true) ?? "", key: key)
        }
        let rows = o.value("rows").flatMap { YAMLObject($0, file: file, issues: log, what: "rows") }
        let table = ProgrammeTable(id: o.string("id", required: true) ?? "", title: o.string("title", required: true) ?? "",
                                   form: o.string("form", required: true) ?? "", sheet: o.string("sheet") ?? "",
                                   only: rows?.strings("only") ?? [], byField: rows?.string("by"), total: rows?.string("total"),
                                   columns: columns, measures: measures, indicators: indicators, periods: o.ints("periods"),
                                   rowHeader: o.string("row-header") ?? "", source: o.location)
        rows?.reportUnknownKeys()
        o.reportUnknownKeys()
        if [columns, measures].filter({ !$0.isEmpty }).count + (indicators.isEmpty ? 0 : 1) != 1 || (columns.isEmpty && table.periods.isEmpty) {
            log.add(o.location, ru: "таблица «\(table.id)»: одно из «columns», «measures» с «periods», «indicators» с «periods»",
                    en: "table '\(table.id)': one of 'columns', 'measures' with 'periods', 'indicators' with 'periods'")
        }
        return (log.issues.isEmpty ? table : nil, log.issues)
    }

    /// Names in `table` that its form does not have.
    static func check(_ table: ProgrammeTable, against form: FormSchema?) -> [SchemaIssue] {
        let at = table.source
        guard let form else { return [SchemaIssue(at, ru: "таблица «\(table.id)»: нет формы «\(table.form)»", en: "table '\(table.id)': there is no form '\(table.form)'")] }
        var out: [SchemaIssue] = []
        let pairs = table.indicators.map { ($0.sheet, $0.field) } + (table.columns + table.measures).compactMap { c in c.field.map { (table.sheet, $0) } }
        for (sheet, field) in pairs where form.sheet(sheet)?.field(field) == nil {
            out.append(SchemaIssue(at, ru: "таблица «\(table.id)»: в форме «\(form.id)» нет поля «\(sheet).\(field)»",
                                   en: "table '\(table.id)': form '\(form.id)' has no field '\(sheet).\(field)'"))
        }
        if let by = table.byField, form.sheet(table.sheet)?.key.contains(by) != true {
            out.append(SchemaIssue(at, ru: "таблица «\(table.id)»: «\(by)» не ключ листа «\(table.sheet)»", en: "table '\(table.id)': '\(by)' is not a key of sheet '\(table.sheet)'"))
        }
        return out
    }
}
