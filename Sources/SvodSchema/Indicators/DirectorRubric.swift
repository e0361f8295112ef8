import Foundation
import SvodExpressions
import SvodLocale
import Yams

/// The programme's rubric of a school head's effectiveness (seed 4.2, items 1–11), declared in
/// `Schemas/indicators/director-rubric.yaml`: every line's inputs and its points as an expression,
/// so that the department changes a point value there, not in Swift.
public struct DirectorRubric: Sendable {
    /// A named number of one school: a form sheet's field, or a table column summed over rows.
    public struct Input: Sendable, Equatable {
        public var name: String
        public var form: String
        public var sheet: String
        /// Fields added together (one for most inputs).
        public var fields: [String]
        /// Field → the codes a row's key must have; empty for every row.
        public var rows: [String: [String]]
        /// 0 the rubric's year, −1 the year before.
        public var offset: Int
    }

    /// One scored line of an item.
    public struct Line: Sendable {
        public var id: String
        public var text: String
        public var seed: String
        public var inputs: [Input]
        /// The points, over the inputs' names (and `city.NAME`, the same number summed over the city).
        public var points: SvodExpressions.Expression
        public var pointsText: String
        public var source: SourceLocation
    }

    /// One of the seed's numbered items.
    public struct Item: Sendable {
        public var number: Int
        public var title: String
        public var lines: [Line]
    }

    public var id: String
    public var title: LocalizedText
    public var seed: String
    public var items: [Item]
    public var source: SourceLocation

    /// Every line, in item order.
    public var lines: [Line] { items.flatMap(\.lines) }
}

extension SchemaLoader {
    /// The director rubric in `text`, or nil with the issues found.
    public static func directorRubric(_ text: String, file: String) -> (DirectorRubric?, [SchemaIssue]) {
        let log = IssueLog()
        guard let o = topMapping(text, file: file, log: log, what: "рубрика") else { return (nil, log.issues) }
        let title = o.localized("title", required: true) ?? ("", "")
        let items = o.objects("items", what: "пункт").map { i -> DirectorRubric.Item in
            defer { i.reportUnknownKeys() }
            return DirectorRubric.Item(number: i.int("item", required: true) ?? 0, title: i.string("title", required: true) ?? "",
                                       lines: i.objects("lines", what: "строка").compactMap { rubricLine($0, log: log) })
        }
        var seen = Set<String>()
        for l in items.flatMap(\.lines) where !seen.insert(l.id).inserted {
            log.add(l.source, ru: "строка рубрики «\(l.id)» повторяется", en: "rubric line '\(l.id)' repeats")
        }
        let rubric = DirectorRubric(id: o.string("id", required: true) ?? "", title: .init(ru: title.ru, en: title.en), seed: o.string("seed") ?? "",
                                    items: items, source: o.location)
        o.reportUnknownKeys()
        return (log.issues.isEmpty ? rubric : nil, log.issues)
    }

    private static func rubricLine(_ l: YAMLObject, log: IssueLog) -> DirectorRubric.Line? {
        defer { l.reportUnknownKeys() }
        let id = l.string("id", required: true) ?? ""
        let inputs = indicatorInputs(l, log: log)
        guard let (points, text) = indicatorExpression(l, key: "points", id: id, inputs: inputs, log: log) else { return nil }
        return DirectorRubric.Line(id: id, text: l.string("text", required: true) ?? "", seed: l.string("seed") ?? "", inputs: inputs,
                                   points: points, pointsText: text, source: l.location)
    }

    /// An indicator's `inputs:` mapping, name by name.
    static func indicatorInputs(_ l: YAMLObject, log: IssueLog) -> [DirectorRubric.Input] {
        var inputs: [DirectorRubric.Input] = []
        guard let m = l.value("inputs").flatMap({ YAMLObject($0, file: l.file, issues: log, what: "inputs") }) else { return [] }
        for (name, node) in m.keys {
            _ = m.value(name)
            guard let i = YAMLObject(node, file: l.file, issues: log, what: "вход «\(name)»") else { continue }
            defer { i.reportUnknownKeys() }
            var fields = i.has("fields") ? i.strings("fields") : []
            if let f = i.string("field") { fields.append(f) }
            if fields.isEmpty { log.add(i.location, ru: "вход «\(name)»: нужно field или fields", en: "input '\(name)': field or fields is needed") }
            var rows: [String: [String]] = [:]
            if let r = i.value("rows").flatMap({ YAMLObject($0, file: l.file, issues: log, what: "rows") }) {
                for (k, _) in r.keys { rows[k] = r.strings(k) }
            }
            let offset = i.int("period") ?? 0
            if offset > 0 { log.add(i.location(of: "period"), ru: "«period»: 0 или прошлые годы (−1…)", en: "'period': 0 or earlier years (−1…)") }
            inputs.append(.init(name: name, form: i.string("form", required: true) ?? "", sheet: i.string("sheet", required: true) ?? "",
                                fields: fields, rows: rows, offset: offset))
        }
        return inputs
    }

    /// An expression over `inputs` (and `city.NAME`), or nil with the issue logged at `key`.
    static func indicatorExpression(_ o: YAMLObject, key: String, id: String, inputs: [DirectorRubric.Input], log: IssueLog) -> (SvodExpressions.Expression, String)? {
        let text = o.string(key, required: true) ?? "0"
        let expression: SvodExpressions.Expression
        do {
            expression = try SvodExpressions.Expression.parse(text)
        } catch {
            log.add(o.location(of: key), ru: "«\(id)»: выражение «\(text)» не разобрать: \(error)", en: "'\(id)': cannot parse '\(text)': \(error)")
            return nil
        }
        let known = Set(inputs.map(\.name) + inputs.map { "city.\($0.name)" })
        for name in expression.references.sorted() where !known.contains(name) {
            log.add(o.location(of: key), ru: "«\(id)»: «\(name)» не объявлено во inputs", en: "'\(id)': '\(name)' is not declared in inputs")
        }
        return (expression, text)
    }

    /// Inputs naming forms, sheets, fields or keys the catalogue does not have, each at its line.
    static func check(_ rubric: DirectorRubric, forms: [FormSchema]) -> [SchemaIssue] {
        checkInputs(rubric.lines.map { ($0.id, $0.inputs, $0.source) }, forms: forms)
    }

    /// The inputs of each (id, inputs, where) checked against the catalogue's forms.
    static func checkInputs(_ all: [(String, [DirectorRubric.Input], SourceLocation)], forms: [FormSchema]) -> [SchemaIssue] {
        var out: [SchemaIssue] = []
        for (id, inputs, source) in all {
            for i in inputs {
                func issue(ru: String, en: String) {
                    out.append(SchemaIssue(source, ru: "«\(id)», вход «\(i.name)»: \(ru)", en: "'\(id)', input '\(i.name)': \(en)"))
                }
                guard let form = forms.first(where: { $0.id == i.form }) else { issue(ru: "нет формы «\(i.form)»", en: "there is no form '\(i.form)'"); continue }
                guard let sheet = form.sheet(i.sheet) else {
                    issue(ru: "в форме «\(form.id)» нет листа «\(i.sheet)»", en: "form '\(form.id)' has no sheet '\(i.sheet)'")
                    continue
                }
                for f in i.fields where sheet.field(f) == nil {
                    issue(ru: "в форме «\(form.id)» нет поля «\(sheet.id).\(f)»", en: "form '\(form.id)' has no field '\(sheet.id).\(f)'")
                }
                for k in i.rows.keys.sorted() where !sheet.key.contains(k) {
                    issue(ru: "«\(k)» не ключ листа «\(sheet.id)»", en: "'\(k)' is not a key of sheet '\(sheet.id)'")
                }
            }
        }
        return out
    }
}
