import Foundation
import SvodLocale
import SvodSchema

/// The consolidation as JSON (README «Свод в JSON»): per form the schools that sent it and
/// that did not, per sheet one row per key and the grand total (an empty key), values as JSON
/// numbers at their published places, да/нет as the number of schools answering «да».
/// Each row's `parts` carry what a higher consolidation needs to add it exactly.
public struct ConsolidationJSON {
    public let catalog: SchemaCatalog
    /// The schools' own rows, when asked for (`--schools`).
    public var schools: SchoolSource?

    /// A writer reading forms and lists from `catalog`.
    public init(catalog: SchemaCatalog, schools: SchoolSource? = nil) {
        self.catalog = catalog
        self.schools = schools
    }

    /// The document, ending with a newline; the same consolidation always gives the same bytes.
    public func render(_ c: Consolidation) throws -> String {
        var out = ""
        try write(c) { out += $0 }
        return out
    }

    /// The document in pieces, in order, so a large city is never one string in memory.
    public func write(_ c: Consolidation, to emit: (String) throws -> Void) throws {
        try emit("{\"format\":\"svod-consolidation\",\"period\":\(q(c.period)),\"district\":\(c.district.map(q) ?? "null"),\"forms\":[")
        for (i, f) in c.forms.enumerated() {
            try emit(i > 0 ? ",\n" : "\n")
            try form(f, emit)
        }
        try emit("\n],\"checks\":[")
        for (i, f) in c.checks.enumerated() { try emit((i > 0 ? "," : "") + check(f)) }
        try emit("]}\n")
    }

    private func q(_ s: String) -> String { JSONString.literal(s) }

    private func form(_ f: FormConsolidation, _ emit: (String) throws -> Void) throws {
        try emit("{\"id\":\(q(f.id)),\"version\":\(f.version),")
        try list("submitted", f.submitted.lazy.map(q), emit)
        try emit(",")
        try list("missing", f.missing.lazy.map(q), emit)
        try emit(",")
        try list("sources", f.sources.lazy.map(source), emit)
        try emit(",\"sheets\":[")
        guard let schema = catalog.form(f.id) else { return try emit("]}") }
        let published = PublishedValues(form: schema, consolidation: f)
        var first = true
        for city in f.sheets {
            guard let sheet = schema.sheet(city.id) else { continue }
            try emit((first ? "" : ",") + "{\"id\":\(q(sheet.id)),")
            first = false
            var rows = sheet.layout == .table ? RowOrder(catalog: catalog).rows(city, sheet: sheet) : []
            rows.append(city.total)
            try list("rows", rows.lazy.map { row(published, sheet: sheet, $0) }, emit)
            if let schools {
                try emit(",")
                var n = 0
                try emit("\"schools\":[")
                try schoolRows(schools, schema, sheet) { try emit((n > 0 ? "," : "") + $0); n += 1 }
                try emit("]")
            }
            try emit("}")
        }
        try emit("]}")
    }

    /// `"name":[a,b,…]`, one element per piece.
    private func list<S: Sequence<String>>(_ name: String, _ items: S, _ emit: (String) throws -> Void) throws {
        try emit("\"\(name)\":[")
        var first = true
        for item in items {
            try emit(first ? item : "," + item)
            first = false
        }
        try emit("]")
    }

    private func row(_ p: PublishedValues, sheet: SheetSchema, _ row: CityRow) -> String {
        let key = keyText(row.key, sheet: sheet)
        var values: [String] = [], parts: [String] = []
        for field in sheet.fields {
            if let v = p.value(field, sheet: sheet, row: row) { values.append("\(q(field.code)):\(v)") }
            if let t = row.fields[field.code], p.form.aggregate(of: field, in: sheet).isStored { parts.append("\(q(field.code)):\(Self.parts(t))") }
        }
        // Counts of schools only where a programme table asks for them, so other rows read as before.
        let counts = row.counts.isEmpty ? "" : ",\"counts\":{" + row.counts.sorted { $0.key < $1.key }.map { "\(q($0.key)):\(Self.tally($0.value))" }
            .joined(separator: ",") + "}"
        return "{\"key\":{\(key)},\"values\":{\(values.joined(separator: ","))},\"schools\":\(row.schools),\"parts\":{\(parts.joined(separator: ","))}\(counts)}"
    }

    /// A tally of schools meeting a condition, as ConsolidationReader reads it back.
    static func tally(_ t: SchoolTally) -> String {
        "{\"schools\":\(t.schools),\"of\":\(t.of)" + (t.unknown ? ",\"unknown\":true" : "") + "}"
    }

    /// A row's key as JSON members, in the sheet's key order.
    private func keyText(_ key: [String: String], sheet: SheetSchema) -> String {
        sheet.key.compactMap { k in key[k].map { "\(q(k)):\(q($0))" } }.joined(separator: ",")
    }

    /// A field total's members that differ from an empty one.
    static func parts(_ t: FieldTotal) -> String {
        var m: [String] = ["\"schools\":\(t.schools)"]
        if t.sum != 0 { m.append("\"sum\":\(t.sum)") }
        if t.weight != 0 { m.append("\"weighted\":\(t.weighted)"); m.append("\"weight\":\(t.weight)") }
        if t.answered != 0 { m.append("\"yes\":\(t.yes)"); m.append("\"answered\":\(t.answered)") }
        if let l = t.largest { m.append("\"max\":\(l)") }
        if let s = t.smallest { m.append("\"min\":\(s)") }
        return "{" + m.joined(separator: ",") + "}"
    }

    private func schoolRows(_ source: SchoolSource, _ form: FormSchema, _ sheet: SheetSchema, _ emit: (String) throws -> Void) throws {
        try source.forEachSchool(of: form, sheet: sheet.id) { s, records in
            for r in records.sheets[sheet.id] ?? [] {
                let key = keyText(r.key, sheet: sheet)
                let values = sheet.fields.compactMap { f -> String? in
                    guard !sheet.key.contains(f.code), let v = r.values[f.code] else { return nil }
                    switch v {
                    case .number(let d): return "\(q(f.code)):\(d)"
                    case .answer(let b): return "\(q(f.code)):\(b)"
                    case .text(let t): return "\(q(f.code)):\(q(t))"
                    }
                }
                try emit("{\"school\":\(q(s.school ?? "")),\"key\":{\(key)},\"values\":{\(values.joined(separator: ","))}}")
            }
        }
    }

    private func source(_ s: SourceFile) -> String {
        "{\"school\":\(q(s.school)),\"file\":\(q(s.fileName)),\"sha256\":\(q(s.sha256)),\"arrived\":\(s.arrivedAt.map(q) ?? "null"),"
            + "\"warnings\":\(s.warnings),\"explained\":\(s.warningsExplained),\"via\":\(s.via.map(q) ?? "null")}"
    }

    private func check(_ f: CityFinding) -> String {
        "{\"rule\":\(q(f.rule)),\"form\":\(q(f.form)),\"sheet\":\(f.sheet.map(q) ?? "null"),\"row\":\(f.row.map(q) ?? "null"),"
            + "\"field\":\(f.field.map(q) ?? "null"),\"message\":\(q(f.message.ru)),\"message_en\":\(q(f.message.en))}"
    }
}
