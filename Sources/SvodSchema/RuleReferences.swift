import SvodExpressions
import SvodLocale

/// What `svod schemas check` holds keyed rows and other forms' values to: the sheet, the field and
/// the key exist, every key item is in its list, the other form covers the same kind of period,
/// and no two forms read each other (one rule covers both directions).
enum RuleReferences {
    /// A rule's keyed rows within its own form, and what a rule run once per file may name.
    static func ownIssues(_ rule: RuleSchema, in form: FormSchema) -> [SchemaIssue] {
        let references = rule.valueReferences
        guard !references.isEmpty else { return [] }
        let at = rule.checkSource ?? rule.source
        var out: [SchemaIssue] = []
        for r in references where r.form == nil {
            if let m = shapeIssue(r, in: form) { out.append(issue(at, rule, r, m)) }
        }
        for r in references where r.form == form.id {
            out.append(issue(at, rule, r, .init(ru: "это сама форма «\(form.id)»: пишите \(r.dottedName)", en: "this is the form '\(form.id)' itself: write \(r.dottedName)")))
        }
        let names = [rule.check, rule.when ?? ""].filter { !$0.isEmpty }.compactMap { try? Expression.parse($0) }.flatMap(\.orderedReferences)
        if rule.crossPeriod || names.contains(where: { $0.hasPrefix("previous.") }) {
            out.append(SchemaIssue(at, ru: "правило «\(rule.id)»: ключевые строки и другие формы не сочетаются с прошлым периодом (previous., cross-period)",
                                   en: "rule '\(rule.id)': keyed rows and other forms do not go with the previous period (previous., cross-period)"))
        }
        // Such a rule runs once per file, so a table's own column named bare would be no one value.
        if form.sheet(rule.sheet)?.layout == .table, let bare = names.first(where: { !$0.contains(".") }) {
            out.append(SchemaIssue(at, ru: "правило «\(rule.id)» читает строку по ключу или другую форму и проверяется раз на файл: поле «\(bare)» таблицы «\(rule.sheet)» назовите строкой (\(rule.sheet).\(bare)[\"код\"]), суммой (SUM(\(rule.sheet).\(bare))) или итогом (\(rule.sheet).\(bare))",
                                   en: "rule '\(rule.id)' reads a keyed row or another form and runs once per file: name the field '\(bare)' of the table '\(rule.sheet)' by its row (\(rule.sheet).\(bare)[\"code\"]), its sum (SUM(\(rule.sheet).\(bare))) or its total (\(rule.sheet).\(bare))"))
        }
        return out
    }

    /// Whether `r` names a field its form has, and a row the way the sheet is keyed.
    static func shapeIssue(_ r: ValueReference, in form: FormSchema) -> LocalizedText? {
        guard let sheet = form.sheet(r.sheet) else {
            return .init(ru: "в форме «\(form.id)» нет листа «\(r.sheet)»", en: "the form '\(form.id)' has no sheet '\(r.sheet)'")
        }
        guard sheet.field(r.field) != nil else {
            return .init(ru: "на листе «\(r.sheet)» формы «\(form.id)» нет поля «\(r.field)»", en: "sheet '\(r.sheet)' of the form '\(form.id)' has no field '\(r.field)'")
        }
        guard let key = r.key else { return nil }
        guard sheet.layout == .table, !sheet.key.isEmpty else {
            return .init(ru: "лист «\(r.sheet)» — не таблица с ключом («key»): строку на нём не выбирают", en: "sheet '\(r.sheet)' is not a table with a key ('key'): it has no rows to pick")
        }
        guard key.count == sheet.key.count else {
            let fields = sheet.key.joined(separator: ", ")
            return .init(ru: "ключ листа «\(r.sheet)» — \(sheet.key.count) пол\(sheet.key.count == 1 ? "е" : "я") (\(fields)), а указано значений: \(key.count)",
                         en: "the key of sheet '\(r.sheet)' is \(sheet.key.count) field(s) (\(fields)), but \(key.count) value(s) are given")
        }
        return nil
    }

    /// Every key item in its field's list (a code or any name of the item), or a number for a number field.
    static func keyItemIssues(_ r: ValueReference, in form: FormSchema, lists: [String: CodeList]) -> [LocalizedText] {
        guard let key = r.key, let sheet = form.sheet(r.sheet), key.count == sheet.key.count else { return [] }
        return zip(key, sheet.key).compactMap { item, code -> LocalizedText? in
            guard let field = sheet.field(code) else { return nil }
            let text: String
            switch item {
            case .text(let t): text = t
            case .number(let n): text = n.description
            default: return nil
            }
            switch field.type {
            case .code(let id):
                guard let list = lists[id] else { return nil }
                let names = list.items.flatMap { [$0.code, $0.name] + $0.aliases }
                let wanted = NameSuggester.normalized(text)
                if names.contains(where: { NameSuggester.normalized($0) == wanted }) { return nil }
                let near = NameSuggester.suggestions(for: text, among: list.items.map(\.name), limit: 1).first
                return .init(ru: "«\(text)» нет в справочнике «\(list.title.ru)» (поле «\(code)»)" + (near.map { "; может быть, «\($0)»?" } ?? ""),
                             en: "'\(text)' is not in the list '\(list.title.en)' (field '\(code)')" + (near.map { "; perhaps '\($0)'?" } ?? ""))
            case .integer, .decimal, .percent:
                if case .number = item { return nil }
                return .init(ru: "поле ключа «\(code)» — число: пишите \(text) без кавычек", en: "the key field '\(code)' is a number: write \(text) without quotes")
            default:
                return nil
            }
        }
    }

    /// The catalogue's references: other forms, their sheets and fields, key items, periods, and forms reading each other.
    static func catalogueIssues(_ forms: [FormSchema], lists: [CodeList]) -> [SchemaIssue] {
        let byID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let listsByID = Dictionary(lists.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [SchemaIssue] = []
        for form in forms {
            for rule in form.rules {
                let at = rule.checkSource ?? rule.source
                for r in rule.valueReferences where r.form != form.id {
                    guard let target = r.form.map({ byID[$0] }) ?? form else {
                        let known = forms.map(\.id).joined(separator: ", ")
                        out.append(issue(at, rule, r, .init(ru: "нет формы «\(r.form ?? "")»; есть: \(known)", en: "there is no form '\(r.form ?? "")'; known: \(known)")))
                        continue
                    }
                    if r.form != nil, let m = shapeIssue(r, in: target) { out.append(issue(at, rule, r, m)); continue }
                    if target.period != form.period {
                        out.append(issue(at, rule, r, .init(ru: "форма «\(target.id)» — за период вида \(target.period.rawValue), а «\(form.id)» — \(form.period.rawValue): сверяют формы одного периода",
                                                        en: "the form '\(target.id)' covers a \(target.period.rawValue) and '\(form.id)' a \(form.period.rawValue): only forms of one period are compared")))
                    }
                    out += keyItemIssues(r, in: target, lists: listsByID).map { issue(at, rule, r, $0) }
                }
            }
        }
        return out + cycleIssues(forms)
    }

    /// Two forms reading each other (directly or round a longer loop) would check one thing twice,
    /// and leave no order to check files in: the rule is declared in one of them.
    private static func cycleIssues(_ forms: [FormSchema]) -> [SchemaIssue] {
        let reads = Dictionary(forms.map { f in (f.id, Set(f.rules.flatMap(\.otherForms))) }, uniquingKeysWith: { a, _ in a })
        var out: [SchemaIssue] = []
        for form in forms {
            var path = [form.id], seen = Set<String>()
            func visit(_ id: String) -> Bool {
                for next in (reads[id] ?? []).sorted() {
                    if next == form.id { path.append(next); return true }
                    guard seen.insert(next).inserted else { continue }
                    path.append(next)
                    if visit(next) { return true }
                    path.removeLast()
                }
                return false
            }
            if visit(form.id) {
                let loop = path.joined(separator: " → ")
                out.append(SchemaIssue(form.source, ru: "формы сверяются по кругу (\(loop)): объявите сверку в одной из форм — она проверяется в обе стороны",
                                       en: "forms compare with each other in a loop (\(loop)): declare the comparison in one of them — it is checked both ways"))
            }
        }
        return out
    }

    private static func issue(_ at: SourceLocation, _ rule: RuleSchema, _ r: ValueReference, _ m: LocalizedText) -> SchemaIssue {
        SchemaIssue(at, ru: "правило «\(rule.id)»: \(r) — \(m.ru)", en: "rule '\(rule.id)': \(r) — \(m.en)")
    }
}
