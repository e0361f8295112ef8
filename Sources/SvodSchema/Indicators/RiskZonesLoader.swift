import Foundation
import Yams

extension SchemaLoader {
    /// The document's top mapping, or nil with «не YAML-отображение» logged at its first line.
    static func topMapping(_ text: String, file: String, log: IssueLog, what: String) -> YAMLObject? {
        guard let node = try? Yams.compose(yaml: text), let o = YAMLObject(node, file: file, issues: log, what: what) else {
            log.add(SourceLocation(file: file, line: 1, column: 1), ru: "не YAML-отображение", en: "not a YAML mapping")
            return nil
        }
        return o
    }

    /// The risk-zone criteria in `text`, or nil with the issues found.
    public static func riskZones(_ text: String, file: String) -> (RiskZones?, [SchemaIssue]) {
        let log = IssueLog()
        guard let o = topMapping(text, file: file, log: log, what: "зоны риска") else { return (nil, log.issues) }
        let title = o.localized("title", required: true) ?? ("", "")
        var dynamics = RiskZones.Dynamics(requireAll: true)
        if let d = o.value("dynamics").flatMap({ YAMLObject($0, file: file, issues: log, what: "dynamics") }) {
            if let compare = d.string("compare"), compare != "last-two-years" {
                log.add(d.location(of: "compare"), ru: "«compare»: известно только last-two-years", en: "'compare': only last-two-years is known")
            }
            switch d.string("require") {
            case nil, "all": dynamics.requireAll = true
            case "any": dynamics.requireAll = false
            case let other?:
                log.add(d.location(of: "require"), ru: "«require»: all или any, а не «\(other)»", en: "'require': all or any, not '\(other)'")
            }
            d.reportUnknownKeys()
        }
        let criteria = o.objects("criteria", what: "критерий").compactMap { criterion($0, log: log) }
        if criteria.isEmpty { log.add(o.location, ru: "нет ни одного критерия («criteria»)", en: "no criteria ('criteria')") }
        var seen = Set<String>()
        for c in criteria where !seen.insert(c.id).inserted {
            log.add(c.source, ru: "критерий «\(c.id)» повторяется", en: "criterion '\(c.id)' repeats")
        }
        let zones = RiskZones(id: o.string("id", required: true) ?? "", title: .init(ru: title.ru, en: title.en), seed: o.string("seed") ?? "",
                              dynamics: dynamics, criteria: criteria, source: o.location)
        o.reportUnknownKeys()
        return (log.issues.isEmpty ? zones : nil, log.issues)
    }

    private static func criterion(_ c: YAMLObject, log: IssueLog) -> RiskZones.Criterion? {
        defer { c.reportUnknownKeys() }
        let id = c.string("id", required: true) ?? ""
        let title = c.localized("title", required: true) ?? ("", "")
        var rows: [String: [String]] = [:]
        if let r = c.value("rows").flatMap({ YAMLObject($0, file: c.file, issues: log, what: "rows") }) {
            for (name, _) in r.keys { rows[name] = r.strings(name) }
        }
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ fallback: T) -> T where T.RawValue == String {
            guard let s = c.string(key) else { return fallback }
            guard let v = T(rawValue: s) else {
                let known = T.allCases.map(\.rawValue).joined(separator: ", ")
                log.add(c.location(of: key), ru: "«\(key)»: одно из \(known), а не «\(s)»", en: "'\(key)': one of \(known), not '\(s)'")
                return fallback
            }
            return v
        }
        var places: Int?
        switch c.string("places") {
        case nil, "exact": places = nil
        case let s?:
            places = Int(s)
            if places == nil || places! < 0 || places! > 6 {
                log.add(c.location(of: "places"), ru: "«places»: exact или число знаков 0–6, а не «\(s)»", en: "'places': exact or 0–6 places, not '\(s)'")
            }
        }
        let atLeastText = c.string("at-least", required: true) ?? "0"
        guard let atLeast = Decimal(string: atLeastText, locale: Locale(identifier: "en_US_POSIX")) else {
            log.add(c.location(of: "at-least"), ru: "«at-least»: ожидалось число процентов, а не «\(atLeastText)»", en: "'at-least': expected a percent, not '\(atLeastText)'")
            return nil
        }
        let window = c.int("window", required: true) ?? 1
        let yearsNeeded = c.int("years-needed")
        let rowsNeeded = c.int("rows-needed") ?? 1
        if window < 1 { log.add(c.location(of: "window"), ru: "«window»: хотя бы один год", en: "'window': at least one year") }
        if let y = yearsNeeded, y < 1 || y > window {
            log.add(c.location(of: "years-needed"), ru: "«years-needed»: от 1 до window (\(window))", en: "'years-needed': from 1 to window (\(window))")
        }
        if rowsNeeded < 1 { log.add(c.location(of: "rows-needed"), ru: "«rows-needed»: хотя бы одна строка", en: "'rows-needed': at least one row") }
        let combination: RiskZones.Combination = choice("when", .either)
        let top = c.string("top")
        if top == nil && combination != .share {
            log.add(c.location, ru: "критерий «\(id)»: без «top» условие может быть только when: share", en: "criterion '\(id)': without 'top' the condition can only be when: share")
        }
        return RiskZones.Criterion(id: id, title: .init(ru: title.ru, en: title.en), seed: c.string("seed") ?? "",
                                   form: c.string("form", required: true) ?? "", sheet: c.string("sheet", required: true) ?? "", rows: rows,
                                   participants: c.string("participants", required: true) ?? "", low: c.string("low", required: true) ?? "",
                                   atLeast: atLeast, top: top, combination: combination, places: places, empty: choice("empty", .skip),
                                   rowsNeeded: rowsNeeded, window: window, yearsNeeded: yearsNeeded, source: c.location)
    }

    /// Names in `zones` that the catalogue's forms do not have, each at its line.
    static func check(_ zones: RiskZones, forms: [FormSchema]) -> [SchemaIssue] {
        var out: [SchemaIssue] = []
        for c in zones.criteria {
            func issue(ru: String, en: String) { out.append(SchemaIssue(c.source, ru: "критерий «\(c.id)»: \(ru)", en: "criterion '\(c.id)': \(en)")) }
            guard let form = forms.first(where: { $0.id == c.form }) else { issue(ru: "нет формы «\(c.form)»", en: "there is no form '\(c.form)'"); continue }
            guard let sheet = form.sheet(c.sheet) else {
                issue(ru: "в форме «\(form.id)» нет листа «\(c.sheet)»", en: "form '\(form.id)' has no sheet '\(c.sheet)'")
                continue
            }
            for code in [c.participants, c.low] + (c.top.map { [$0] } ?? []) {
                guard let f = sheet.field(code) else {
                    issue(ru: "в форме «\(form.id)» нет поля «\(sheet.id).\(code)»", en: "form '\(form.id)' has no field '\(sheet.id).\(code)'")
                    continue
                }
                if f.type != .integer {
                    issue(ru: "поле «\(sheet.id).\(code)» должно быть целым числом (человек)", en: "field '\(sheet.id).\(code)' must be an integer (people)")
                }
            }
            for k in c.rows.keys.sorted() where !sheet.key.contains(k) {
                issue(ru: "«\(k)» не ключ листа «\(sheet.id)»", en: "'\(k)' is not a key of sheet '\(sheet.id)'")
            }
        }
        return out
    }
}
