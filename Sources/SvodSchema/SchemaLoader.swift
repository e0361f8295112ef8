import Foundation
import SvodExpressions
import SvodLocale
import Yams

/// Reads form schemas and code lists from YAML, reporting every mistake with its file and line.
public enum SchemaLoader {
    /// The form in `text` (the contents of `file`), or nil with the issues that stopped it.
    public static func form(_ text: String, file: String) -> (FormSchema?, [SchemaIssue]) {
        let log = IssueLog()
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                log.add(SourceLocation(file: file, line: 1, column: 1), ru: "файл пуст", en: "the file is empty")
                return (nil, log.issues)
            }
            root = node
        } catch let e as YamlError {
            log.add(location(of: e, file), ru: "не YAML: \(e)", en: "not YAML: \(e)")
            return (nil, log.issues)
        } catch {
            log.add(SourceLocation(file: file, line: 1, column: 1), ru: "не YAML: \(error)", en: "not YAML: \(error)")
            return (nil, log.issues)
        }
        guard let obj = YAMLObject(root, file: file, issues: log, what: "форма") else { return (nil, log.issues) }
        let form = readForm(obj, log)
        obj.reportUnknownKeys()
        if let form {
            check(form, log)
            checkAggregates(form, log)
        }
        return (log.issues.isEmpty ? form : nil, log.issues)
    }

    private static func location(of error: YamlError, _ file: String) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        default:
            return SourceLocation(file: file, line: 1, column: 1)
        }
    }

    private static func readForm(_ o: YAMLObject, _ log: IssueLog) -> FormSchema? {
        let id = o.string("id", required: true) ?? ""
        let version = o.int("version", required: true) ?? 0
        let title = o.localized("title", required: true) ?? ("", "")
        // One number, or a list for a form that serves several mechanisms.
        let written = o.value("mechanism") == nil ? nil : o.strings("mechanism")
        if written == nil { log.add(o.location, ru: "нет обязательного ключа «mechanism»", en: "missing required key 'mechanism'") }
        let mechanisms = (written ?? []).compactMap { Int($0) }
        if let written, written.isEmpty || mechanisms.count != written.count || !mechanisms.allSatisfy((1...9).contains)
            || Set(mechanisms).count != mechanisms.count {
            log.add(o.location(of: "mechanism"), ru: "«mechanism»: номер механизма МСОКО от 1 до 9 (раздел 3.5) или список разных номеров",
                    en: "'mechanism': an МСОКО mechanism number, 1 to 9 (section 3.5), or a list of distinct numbers")
        }
        var period = ReportingPeriod.academicYear
        if let p = o.string("period", required: true) {
            if let known = ReportingPeriod(rawValue: p) { period = known } else {
                log.add(o.location(of: "period"), ru: "«period»: одно из \(ReportingPeriod.allCases.map(\.rawValue)), а не «\(p)»",
                        en: "'period': one of \(ReportingPeriod.allCases.map(\.rawValue)), not '\(p)'")
            }
        }
        let periodicity = o.localized("periodicity", required: true) ?? ("", "")
        let deadline = o.value("deadline").flatMap { readDeadline($0, file: o.file, period: period, log) }
        let submitters = o.strings("submitters")
        let sheets = o.objects("sheets", what: "лист").compactMap { s -> SheetSchema? in
            defer { s.reportUnknownKeys() }
            return readSheet(s, log)
        }
        if sheets.isEmpty { log.add(o.location, ru: "у формы нет листов («sheets»)", en: "the form has no sheets ('sheets')") }
        let rules = o.objects("rules", what: "правило").compactMap { r -> RuleSchema? in
            defer { r.reportUnknownKeys() }
            return readRule(r, defaultSheet: sheets.first?.id, log)
        }
        return FormSchema(id: id, version: version, title: LocalizedText(ru: title.ru, en: title.en), mechanisms: mechanisms,
                          period: period, periodicity: LocalizedText(ru: periodicity.ru, en: periodicity.en),
                          deadline: deadline,
                          submitters: submitters, sheets: sheets, rules: rules, source: o.location)
    }

    /// `deadline: {month: 11, day: 30[, year: first|last|next]}` or `deadline: {after-period: {months: 1, day: 10}}`.
    private static func readDeadline(_ node: Node, file: String, period: ReportingPeriod, _ log: IssueLog) -> Deadline? {
        let syntax = (ru: "«deadline»: {month: 11, day: 30} (и, если нужно, year: first, last или next) или {after-period: {months: 1, day: 10}}",
                      en: "'deadline': {month: 11, day: 30} (with year: first, last or next if needed) or {after-period: {months: 1, day: 10}}")
        guard node.mapping != nil, let o = YAMLObject(node, file: file, issues: log, what: "deadline") else {
            if node.mapping == nil { log.add(YAMLObject.location(node, file), ru: syntax.ru, en: syntax.en) }
            return nil
        }
        defer { o.reportUnknownKeys() }
        // A day: a number the month always has, or `last`.
        func day(_ obj: YAMLObject, upTo limit: Int, _ hint: (ru: String, en: String)) -> Deadline.Day? {
            guard let text = obj.string("day", required: true) else { return nil }
            if text == "last" { return .last }
            if let n = Int(text), (1...limit).contains(n) { return .number(n) }
            log.add(obj.location(of: "day"), ru: "«day»: число от 1 до \(limit)\(hint.ru) или last, а не «\(text)»",
                    en: "'day': a number from 1 to \(limit)\(hint.en) or last, not '\(text)'")
            return nil
        }
        if o.has("after-period") {
            for key in ["month", "day", "year"] where o.has(key) {
                log.add(o.location(of: key), ru: "«deadline»: «\(key)» не пишется вместе с «after-period»",
                        en: "'deadline': '\(key)' does not go with 'after-period'")
                _ = o.value(key)
            }
            guard let a = o.value("after-period"), a.mapping != nil, let after = YAMLObject(a, file: file, issues: log, what: "after-period") else {
                log.add(o.location(of: "after-period"), ru: "«after-period»: {months: 1, day: 10} — месяцев после окончания периода и число",
                        en: "'after-period': {months: 1, day: 10} — months after the period ends and a day")
                return nil
            }
            defer { after.reportUnknownKeys() }
            var months: Int?
            if let m = after.int("months", required: true) {
                if (0...12).contains(m) { months = m } else {
                    log.add(after.location(of: "months"), ru: "«months»: от 0 (последний месяц периода) до 12, а не \(m)",
                            en: "'months': 0 (the period's last month) to 12, not \(m)")
                }
            }
            let d = day(after, upTo: 28, (ru: " (есть в каждом месяце)", en: " (every month has it)"))
            guard let months, let d else { return nil }
            return Deadline(.afterPeriod(months: months, day: d), source: o.location)
        }
        if period == .quarter || period == .month {
            log.add(o.location, ru: "«deadline»: у формы за \(period == .quarter ? "квартал" : "месяц") срок отсчитывается от периода: {after-period: {months: 1, day: 10}}",
                    en: "'deadline': a \(period.rawValue) form's deadline is counted from the period: {after-period: {months: 1, day: 10}}")
            _ = o.value("month"); _ = o.value("day"); _ = o.value("year")
            return nil
        }
        var month: Int?
        if let m = o.int("month", required: true) {
            if (1...12).contains(m) { month = m } else {
                log.add(o.location(of: "month"), ru: "«month»: номер месяца от 1 до 12, а не \(m)", en: "'month': a month number, 1 to 12, not \(m)")
            }
        }
        // 28 for February: a 29th would not exist three years in four; `last` says what is meant.
        let limit = month.map { $0 == 2 ? 28 : Deadline.days(in: $0, of: 2001) } ?? 31
        let d = day(o, upTo: limit, month == 2 ? (ru: " (в феврале)", en: " (in February)") : (ru: "", en: ""))
        var year: Deadline.Year?
        if let y = o.string("year") {
            if let known = Deadline.Year(rawValue: y) { year = known } else {
                log.add(o.location(of: "year"), ru: "«year»: first (год начала периода), last (год окончания) или next (следующий), а не «\(y)»",
                        en: "'year': first (the year the period starts), last (the year it ends) or next (the year after), not '\(y)'")
                return nil
            }
        }
        guard let month, let d else { return nil }
        return Deadline(.fixed(month: month, day: d, year: year), source: o.location)
    }

    private static func readSheet(_ o: YAMLObject, _ log: IssueLog) -> SheetSchema? {
        let id = o.string("id", required: true) ?? ""
        let name = o.string("name", required: true) ?? ""
        var layout = SheetLayout.table
        if let l = o.string("layout") {
            if let known = SheetLayout(rawValue: l) { layout = known } else {
                log.add(o.location(of: "layout"), ru: "«layout»: table или form, а не «\(l)»", en: "'layout': table or form, not '\(l)'")
            }
        }
        let grid = o.value("grid").flatMap { YAMLObject($0, file: o.file, issues: log, what: "grid") }.map { g -> GridSchema in
            defer { g.reportUnknownKeys() }
            func lines(_ key: String) -> [GridSchema.Line] {
                g.objects(key, what: key == "rows" ? "строка" : "графа").map { l in
                    defer { l.reportUnknownKeys() }
                    return GridSchema.Line(code: l.string("code", required: true) ?? "", label: l.string("label", required: true) ?? "")
                }
            }
            let grid = GridSchema(rows: lines("rows"), columns: lines("columns"))
            if layout != .form { log.add(g.location, ru: "«grid» бывает только у листа-формы (layout: form)", en: "'grid' is for form sheets only (layout: form)") }
            for (what, codes) in [("строк", grid.rows.map(\.code)), ("граф", grid.columns.map(\.code))] where Set(codes).count != codes.count {
                log.add(g.location, ru: "коды \(what) повторяются", en: "\(what == "строк" ? "row" : "column") codes repeat")
            }
            return grid
        }
        let fields = o.objects("fields", what: "поле").compactMap { f -> FieldSchema? in
            defer { f.reportUnknownKeys() }
            return readField(f, layout: layout, grid: grid, log)
        }
        let fixed = o.objects("rows", what: "строка").map { r -> [String: String] in
            var row: [String: String] = [:]
            for key in fields.map(\.code) { if let v = r.string(key) { row[key] = v } }
            r.reportUnknownKeys()
            return row
        }
        var totals: TotalsSchema?
        if let t = o.value("totals").flatMap({ YAMLObject($0, file: o.file, issues: log, what: "totals") }) {
            let codes = Set(fields.map(\.code))
            let label = t.string("label-field", required: true) ?? ""
            let groupBy = t.strings("group-by"), summed = t.strings("fields")
            if Set(groupBy).count != groupBy.count {
                log.add(t.location, ru: "«totals»: поле повторяется в «group-by»", en: "'totals': a field repeats in 'group-by'")
            }
            for code in [label] + groupBy + summed where !codes.contains(code) {
                log.add(t.location, ru: "«totals»: «\(code)» не является полем листа «\(id)»", en: "'totals': '\(code)' is not a field of sheet '\(id)'")
            }
            let labels = t.strings("labels")
            totals = TotalsSchema(labelField: label, labels: labels.isEmpty ? ["Всего", "Итого", "Итого по ОО"] : labels,
                                  groupBy: groupBy, fields: summed)
            t.reportUnknownKeys()
        }
        var sheet = SheetSchema(id: id, name: name, aliases: o.strings("aliases"), layout: layout,
                                headerRows: o.int("header-rows") ?? 1, key: o.strings("key"), fixedRows: fixed, fields: fields,
                                totals: totals, grid: grid, required: o.bool("required") ?? true, source: o.location)
        sheet.mayBeEmpty = o.bool("may-be-empty") ?? false
        return sheet
    }

    private static func readField(_ o: YAMLObject, layout: SheetLayout, grid: GridSchema?, _ log: IssueLog) -> FieldSchema? {
        let code = o.string("code", required: true) ?? ""
        let label = o.string("label", required: true) ?? ""
        var type = FieldType.text
        if let t = o.string("type", required: true) {
            let places = o.int("places")
            switch t {
            case "integer": type = .integer
            case "decimal": type = .decimal(places: places ?? 2)
            case "percent": type = .percent(places: places ?? 1)
            case "text": type = .text
            case "boolean": type = .boolean
            case "date": type = .date
            case "code":
                if let list = o.string("list", required: true) { type = .code(list: list) }
            case "inn": type = .inn
            case "ogrn": type = .ogrn
            case "kpp": type = .kpp
            case "oktmo": type = .oktmo
            default:
                log.add(o.location(of: "type"),
                        ru: "«type»: integer, decimal, percent, text, boolean, date, code, inn, ogrn, kpp или oktmo, а не «\(t)»",
                        en: "'type': integer, decimal, percent, text, boolean, date, code, inn, ogrn, kpp or oktmo, not '\(t)'")
            }
        }
        var cell = o.string("cell")
        let gridRow = o.string("row"), gridColumn = o.string("column")
        if gridRow != nil || gridColumn != nil {
            if let grid, let gridRow, let gridColumn, cell == nil {
                if let ref = grid.cell(row: gridRow, column: gridColumn) { cell = ref.a1 } else {
                    log.add(o.location, ru: "поле «\(code)»: в «grid» нет строки «\(gridRow)» или графы «\(gridColumn)»",
                            en: "field '\(code)': 'grid' has no row '\(gridRow)' or column '\(gridColumn)'")
                }
            } else {
                log.add(o.location, ru: "поле «\(code)»: «row» и «column» вместе, вместо «cell», и только на листе с «grid»",
                        en: "field '\(code)': 'row' and 'column' together, instead of 'cell', and only on a sheet with a 'grid'")
            }
        } else if layout == .form && cell == nil {
            log.add(o.location, ru: "поле «\(code)» листа-формы должно указать ячейку («cell: C5») или код строки и графы («row», «column»)",
                    en: "field '\(code)' of a form sheet must give its cell ('cell: C5') or its row and column codes ('row', 'column')")
        }
        let min = o.double("min"), max = o.double("max")
        if let min, let max, min > max {
            log.add(o.location(of: "min"), ru: "«min» больше «max»", en: "'min' is greater than 'max'")
        }
        let pattern = o.string("pattern")
        if let pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
            log.add(o.location(of: "pattern"), ru: "«pattern»: не регулярное выражение", en: "'pattern': not a regular expression")
        }
        var field = FieldSchema(code: code, label: label, aliases: o.strings("aliases"), type: type, unit: o.string("unit"),
                                required: o.bool("required") ?? false, min: min, max: max, allowed: o.strings("allowed"),
                                pattern: pattern, cell: cell, gridRow: gridRow, gridColumn: gridColumn,
                                computed: o.bool("computed") ?? false, source: o.location)
        field.aggregate = readAggregate(o, log)
        return field
    }

    private static func readRule(_ o: YAMLObject, defaultSheet: String?, _ log: IssueLog) -> RuleSchema? {
        let id = o.string("id", required: true) ?? ""
        var severity = Severity.error
        if let s = o.string("severity") {
            if let known = Severity(rawValue: s) { severity = known } else {
                log.add(o.location(of: "severity"), ru: "«severity»: error, warning или info", en: "'severity': error, warning or info")
            }
        }
        var tolerance = Tolerance.exact
        if let t = o.string("tolerance") {
            if t == "published" { tolerance = .published }
            else if t == "exact" { tolerance = .exact }
            else if t.hasSuffix("%"), let v = Double(t.dropLast()) { tolerance = .relative(v / 100) }
            else if let v = Double(t) { tolerance = .absolute(v) }
            else {
                log.add(o.location(of: "tolerance"), ru: "«tolerance»: exact, published, число или «N%»",
                        en: "'tolerance': exact, published, a number or 'N%'")
            }
        }
        var missing = MissingPolicy.skipIfAny
        if let m = o.string("missing") {
            if let known = MissingPolicy(rawValue: m) { missing = known } else {
                log.add(o.location(of: "missing"), ru: "«missing»: skip-if-any, skip-if-all или error",
                        en: "'missing': skip-if-any, skip-if-all or error")
            }
        }
        let message = o.localized("message", required: true) ?? ("", "")
        let check = o.string("check", required: true) ?? ""
        let when = o.string("when")
        // The expression is checked here so that `svod schemas check` points at the line;
        // the column is within the expression.
        for (key, text) in [("check", check), ("when", when ?? "")] where !text.isEmpty {
            do { _ = try SvodExpressions.Expression.parse(text) } catch let e as ExpressionError {
                log.add(o.location(of: key), ru: "«\(key)»: \(e.ru)", en: "'\(key)': \(e.en)")
            } catch {
                log.add(o.location(of: key), ru: "«\(key)»: \(error)", en: "'\(key)': \(error)")
            }
        }
        var rule = RuleSchema(id: id, severity: severity, sheet: o.string("sheet") ?? defaultSheet ?? "",
                              check: check, when: when, tolerance: tolerance,
                              missing: missing, message: LocalizedText(ru: message.ru, en: message.en),
                              crossPeriod: o.bool("cross-period") ?? false, source: o.location)
        rule.checkSource = o.has("check") ? o.location(of: "check") : o.location
        var forms: [String] = []
        for r in rule.valueReferences { if let f = r.form, !forms.contains(f) { forms.append(f) } }
        rule.otherForms = forms
        if !forms.isEmpty { crossFormSeverity(&rule, written: o.has("severity"), o, log) }
        return rule
    }

    /// A rule comparing two files defaults to a warning, and may not be an error: which of the two
    /// is wrong is not known, and an error would refuse the later file for the earlier one's mistake.
    private static func crossFormSeverity(_ rule: inout RuleSchema, written: Bool, _ o: YAMLObject, _ log: IssueLog) {
        if !written {
            rule.severity = .warning
        } else if rule.severity == .error {
            log.add(o.location(of: "severity"),
                    ru: "правило «\(rule.id)» сверяет с другой формой (\(rule.otherForms.joined(separator: ", "))): его находка — вопрос школе, severity — warning (по умолчанию) или info, а не error: какой из двух файлов неверен, неизвестно",
                    en: "rule '\(rule.id)' compares with another form (\(rule.otherForms.joined(separator: ", "))): its finding is a query to the school, severity warning (the default) or info, not error: which of the two files is wrong is not known")
        }
    }

    /// Consistency inside one form: unique ids and codes, rules naming sheets and fields that exist.
    private static func check(_ form: FormSchema, _ log: IssueLog) {
        var sheetIDs = Set<String>()
        for s in form.sheets {
            if !sheetIDs.insert(s.id).inserted {
                log.add(s.source, ru: "лист «\(s.id)» объявлен дважды", en: "sheet '\(s.id)' is declared twice")
            }
            var codes = Set<String>()
            for f in s.fields where !codes.insert(f.code).inserted {
                log.add(f.source, ru: "поле «\(f.code)» объявлено дважды на листе «\(s.id)»", en: "field '\(f.code)' is declared twice on sheet '\(s.id)'")
            }
            for k in s.key where !codes.contains(k) {
                log.add(s.source, ru: "ключ «\(k)» не является полем листа «\(s.id)»", en: "key '\(k)' is not a field of sheet '\(s.id)'")
            }
            for f in s.fields where f.computed && form.formula(of: f.code, sheet: s.id) == nil {
                log.add(f.source, ru: "вычисляемое поле «\(f.code)»: нужно правило «\(f.code) = выражение» на листе «\(s.id)»",
                        en: "computed field '\(f.code)': needs a rule '\(f.code) = expression' on sheet '\(s.id)'")
            }
        }
        var ruleIDs = Set<String>()
        for r in form.rules {
            if !ruleIDs.insert(r.id).inserted {
                log.add(r.source, ru: "правило «\(r.id)» объявлено дважды", en: "rule '\(r.id)' is declared twice")
            }
            if !sheetIDs.contains(r.sheet) {
                log.add(r.source, ru: "правило «\(r.id)»: нет листа «\(r.sheet)»", en: "rule '\(r.id)': there is no sheet '\(r.sheet)'")
                continue
            }
            // A misspelt name would read as missing and switch the rule off without a word.
            let names = [r.check, r.when ?? ""].filter { !$0.isEmpty }
                .compactMap { try? SvodExpressions.Expression.parse($0) }.flatMap(\.references)
            for issue in RuleReferences.ownIssues(r, in: form) { log.add(issue) }
            for name in Set(names).sorted() {
                let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
                let (sheetID, field) = parts.count == 2 ? (parts[0] == "previous" ? r.sheet : parts[0], parts[1]) : (r.sheet, name)
                guard let sheet = form.sheet(sheetID) else {
                    log.add(r.source, ru: "правило «\(r.id)»: «\(name)» — нет листа «\(sheetID)»",
                            en: "rule '\(r.id)': '\(name)' — there is no sheet '\(sheetID)'")
                    continue
                }
                if sheet.field(field) == nil {
                    log.add(r.source, ru: "правило «\(r.id)»: на листе «\(sheetID)» нет поля «\(field)»",
                            en: "rule '\(r.id)': sheet '\(sheetID)' has no field '\(field)'")
                }
            }
        }
    }
}
