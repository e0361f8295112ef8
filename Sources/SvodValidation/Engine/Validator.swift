import Foundation
import SvodExpressions
import SvodLocale
import SvodSchema
import SvodSpreadsheet
import SvodWorkbook

/// Checks a workbook against a form: binds its sheets and columns, reads every value the
/// Russian way, runs the field checks and the form's rules, and collects findings.
///
/// Table sheets stream: a record is checked as it is read, and only the columns that
/// sheet-level rules aggregate are kept.
public struct Validator {
    /// The schemas and code lists.
    public let catalog: SchemaCatalog
    /// At most this many findings per rule; the rest are counted.
    public var capPerRule = 200

    private let reference: ReferenceLookup
    private let keys: RecordKeys
    /// The code lists normalised once: a call validating a thousand files reuses them.
    private let checks: FieldChecks

    /// A validator over a catalog.
    public init(catalog: SchemaCatalog) {
        self.catalog = catalog
        reference = ReferenceLookup(catalog: catalog)
        keys = RecordKeys(catalog: catalog)
        checks = FieldChecks(catalog: catalog)
    }

    /// Validates `reader` against `form`; `previous` is the same school's previous period, if given.
    public func validate(_ reader: WorkbookReader, form: FormSchema, file: String, sha256: String,
                         previous: WorkbookReader? = nil) throws -> ValidationReport {
        var findings: [Finding] = []
        let singleRecordSheets = Set(form.sheets.filter { $0.layout == .form }.map(\.id))
        let rules = try form.rules.map { try CompiledRule($0, singleRecordSheets: singleRecordSheets) }
        let previousRecords = try previous.map { try records(of: $0, form: form) } ?? [:]
        let infos = try reader.sheets
        var columns: [String: [ExpressionValue]] = [:]
        var scalars: [String: ExpressionValue] = [:]
        var sheetNames: [String: String] = [:]
        let wantedColumns = Set(rules.filter { !$0.perRecord }.flatMap(\.references))
        let assigned = SheetMatcher.assign(form, infos)

        // Form sheets first (a few cells each): every row of every table can read their values.
        var formRecords: [String: BoundRecord] = [:]
        // Their field checks, run here once: the findings join the report where the sheet comes in
        // the form's order, and a failed value reads as missing in every rule, of any sheet.
        var formChecked: [String: (findings: [Finding], invalid: Set<String>)] = [:]
        for (schema, found) in assigned where schema.layout == .form {
            guard let index = found?.index else { continue }
            let (record, unplaced, codesShown) = try FormSheetBinder.bind(schema, reader: reader, index: index)
            formRecords[schema.id] = record
            if codesShown {
                for field in unplaced {
                    let codes = "\(field.gridRow ?? "")×\(field.gridColumn ?? "")"
                    findings.append(Finding(field.required ? .error : .warning, rule: "grid.code", sheet: infos[index].name, field: field.code,
                                            message: .init(ru: "нет ячейки строки и графы \(codes) («\(field.label)»): на листе нет такого кода строки или графы",
                                                           en: "no cell for row and column \(codes) ('\(field.label)'): the sheet lacks that row or column code")))
                }
            } else if !unplaced.isEmpty {
                let codes = unplaced.prefix(3).map { "\($0.gridRow ?? "")×\($0.gridColumn ?? "")" }.joined(separator: ", ")
                findings.append(Finding(.warning, rule: "grid.codes", sheet: infos[index].name, message: .init(
                    ru: "на листе не найдены коды строк и граф (\(codes)\(unplaced.count > 3 ? "…" : "")): значения взяты из ячеек шаблона",
                    en: "the sheet does not show the row and column codes (\(codes)\(unplaced.count > 3 ? "…" : "")): values are read at the template's cells")))
            }
            let env = environment(record: record, codeFields: Self.codeFields(schema))
            var checked: [Finding] = []
            var invalid = Set<String>()
            for (field, plan) in zip(schema.fields, checks.plans(schema.fields)) {
                if let v = record.values[field.code], checks.check(plan, v, sheet: infos[index].name, into: &checked) { invalid.insert(field.code) }
                scalars["\(schema.id).\(field.code)"] = invalid.contains(field.code) ? .missing : env.value(of: field.code)
            }
            formChecked[schema.id] = (checked, invalid)
        }
        findings += submitterFindings(form, formRecords: formRecords, names: assigned, infos: infos)
        // A template of another version of the form: it is checked against the current one.
        if let props = try? reader.customProperties, props[FormDetector.formProperty] == form.id,
           let version = props[FormDetector.versionProperty], version != String(form.version) {
            findings.append(Finding(.warning, rule: "form.version", actual: version, expected: String(form.version), message: .init(
                ru: "файл заполнен по шаблону версии \(version), а действует версия \(form.version): проверено по действующей; возьмите новый шаблон (svod template)",
                en: "the file was filled in a version \(version) template, the form is at version \(form.version): checked against the current one; take a new template (svod template)")))
        }

        for (schema, assignedMatch) in assigned {
            var found = assignedMatch
            // A leftover tab counts only when the table's header is on it («Лист2» left empty is no ВПР).
            if case .leftover(let i, let name)? = found {
                found = try TableRecordStream(schema: schema, rows: try reader.rows(ofSheet: i)) != nil ? .renamed(i, name) : nil
            }
            guard let match = found else {
                if schema.required {
                    findings.append(Finding(.error, rule: "sheet.missing", message: .init(
                        ru: "нет листа «\(schema.name)»", en: "there is no sheet '\(schema.name)'")))
                }
                continue
            }
            let index: Int
            switch match {
            case .exact(let i): index = i
            case .renamed(let i, let name), .leftover(let i, let name):
                index = i
                findings.append(Finding(.warning, rule: "sheet.renamed", sheet: name, message: .init(
                    ru: "лист «\(name)» принят за «\(schema.name)»", en: "sheet '\(name)' taken for '\(schema.name)'")))
            }
            let name = infos[index].name
            sheetNames[schema.id] = name
            let next: () throws -> BoundRecord?
            var tableStream: TableRecordStream?
            if schema.layout == .form {
                var single: BoundRecord? = formRecords[schema.id]
                next = { defer { single = nil }; return single }
            } else {
                // Rows are parsed on a second core while this one checks them.
                guard let stream = try TableRecordStream(schema: schema, rows: PrefetchedRows(try reader.rows(ofSheet: index))) else {
                    findings.append(Finding(.error, rule: "sheet.header", sheet: name, message: .init(
                        ru: "на листе «\(name)» не найдена шапка таблицы (столбцы «\(schema.fields.prefix(3).map(\.label).joined(separator: "», «"))»…)",
                        en: "no table header found on sheet '\(name)' (columns '\(schema.fields.prefix(3).map(\.label).joined(separator: "', '"))'…)")))
                    continue
                }
                let moved = stream.header.moved(schema)
                if let first = moved.first, let column = stream.header.columns[first.code] {
                    let labels = moved.map { "«\($0.label)»" }.joined(separator: ", ")
                    findings.append(Finding(.warning, rule: "column.moved", sheet: name,
                                            cell: CellReference(row: stream.header.lastRow, column: column), field: first.code, message: .init(
                        ru: "столбцы не на своих местах: \(labels) — найдены по заголовкам и проверены; в шаблоне формы порядок другой",
                        en: "columns out of place: \(labels) — found by their headers and checked; the form's template orders them differently")))
                }
                for field in schema.fields where stream.header.columns[field.code] == nil {
                    findings.append(Finding(field.required ? .error : .warning, rule: "column.missing", sheet: name, field: field.code,
                                            message: .init(ru: "нет столбца «\(field.label)»", en: "there is no column '\(field.label)'")))
                }
                next = stream.next
                tableStream = stream
            }
            var seenKeys: [String: Int] = [:]
            let plans = schema.layout == .form ? [] : checks.plans(schema.fields)
            var totals = schema.totals.map { TotalsCheck($0, sheet: name) }
            let sheetRules = rules.filter { $0.perRecord && $0.schema.sheet == schema.id }
            // The field a rule's finding points at: its left side, else its first field (found once).
            let targets: [String?] = sheetRules.map { rule in
                rule.comparison.flatMap { Self.fieldName($0.left) } ?? rule.checkReferences.first { schema.field($0) != nil }
            }
            let targetPlaces: [Int?] = targets.map { $0.flatMap { field(named: $0, on: schema, in: form) }.flatMap(Self.places) }
            // Columns that sheet-level rules aggregate, by position and dotted name (decided once).
            let kept: [(Int, String)] = schema.fields.enumerated().compactMap { i, f in
                wantedColumns.contains("\(schema.id).\(f.code)") ? (i, "\(schema.id).\(f.code)") : nil
            }
            let previousRows = previousRecords[schema.id]
            let codeFields = Self.codeFields(schema)
            if let stream = tableStream, sheetRules.isEmpty, schema.key.isEmpty, schema.totals == nil, kept.isEmpty {
                while try stream.checkNext(plans, checks, sheet: name, into: &findings) {}
                continue
            }
            while let record = try next() {
                let isTotal = totals?.isTotal(record) == true
                var invalid = Set<String>()
                if let checked = formChecked[schema.id] {
                    findings += checked.findings
                    invalid = checked.invalid
                }
                for position in plans.indices {
                    // «Всего» in the label column of a total row is not a list item.
                    if isTotal && plans[position].field.code == schema.totals?.labelField { continue }
                    if let v = record.values[position: position], checks.check(plans[position], v, sheet: name, into: &findings) {
                        invalid.insert(plans[position].field.code)
                    }
                }
                totals?.add(record)
                if !schema.key.isEmpty, totals?.isTotal(record) != true {
                    let key = keys.key(record, schema)
                    if let first = seenKeys[key] {
                        let cell = record.values[schema.key[0]]?.cell
                        findings.append(Finding(.error, rule: "key.duplicate", sheet: name, cell: cell, field: schema.key[0], message: .init(
                            ru: "строка повторяет строку \(first + 1) (те же \(schema.key.joined(separator: ", ")))",
                            en: "the row repeats row \(first + 1) (same \(schema.key.joined(separator: ", ")))")))
                    } else {
                        seenKeys[key] = record.row
                    }
                }
                // Aggregates run over the rows, not the «Всего» rows that already sum them; the
                // column named alone (`results.n` outside SUM) is its grand total, or its last row.
                for (position, name) in kept {
                    let v = record.values[position: position].map { RecordEnvironment.expression($0.coercion.value) } ?? .missing
                    if !isTotal { columns[name, default: []].append(v) }
                    // A form sheet's value was set before this loop, its codes read as list codes.
                    if schema.layout == .table, isTotal || totals == nil { scalars[name] = v }
                }
                guard !sheetRules.isEmpty else { continue }
                let prev = previousRows.flatMap { rows in
                    schema.key.isEmpty ? rows.first?.value
                        : rows[keys.key(record, schema)]
                }
                var env = environment(record: record, codeFields: codeFields, previous: prev, invalid: invalid)
                env.scalars = scalars
                for (k, rule) in sheetRules.enumerated() {
                    if rule.schema.crossPeriod && prev == nil { continue }
                    if isTotal && rule.readsOtherSheet { continue }
                    let target = targets[k]
                    let (cell, sheetName) = place(of: target, in: record, sheet: name, formRecords: formRecords, sheetNames: sheetNames)
                    // A code field's finding shows what was typed («Лицей № 1»), not the list code.
                    let typed = target.flatMap { t in codeFields[t] != nil ? record.values[t].map { CellDisplay.text($0.raw) } : nil }
                    if let f = RuleRunner.run(rule, env, places: targetPlaces[k], sheet: sheetName, cell: cell, field: target, typed: typed) {
                        findings.append(f)
                    }
                }
            }
            findings += totals?.findings() ?? []
            findings += fixedRowFindings(schema, seen: seenKeys, sheet: name)
        }
        for rule in rules where !rule.perRecord {
            var env = environment(record: formRecords[rule.schema.sheet], codeFields: form.sheet(rule.schema.sheet).map(Self.codeFields) ?? [:])
            env.columns = columns
            env.scalars = scalars
            // Pointed at its left side when that is one cell (a form sheet's field), else at the sheet.
            let target = rule.comparison.flatMap { Self.fieldName($0.left) }
            let own = formRecords[rule.schema.sheet]
            let (cell, sheetName) = place(of: target, in: own, sheet: sheetNames[rule.schema.sheet] ?? rule.schema.sheet,
                                          formRecords: formRecords, sheetNames: sheetNames)
            let places = target.flatMap { field(named: $0, on: form.sheet(rule.schema.sheet), in: form) }.flatMap(Self.places)
            if let f = RuleRunner.run(rule, env, places: places, sheet: sheetName, cell: cell, field: cell == nil ? nil : target) {
                findings.append(f)
            }
        }
        try Explanations.apply(to: &findings, from: reader, infos: infos)
        return Self.capped(findings, cap: capPerRule, file: file, sha256: sha256, form: form)
    }

    /// An environment over one record, its code fields (field → list) reading as list codes.
    private func environment(record: BoundRecord?, codeFields: [String: String], previous: BoundRecord? = nil,
                             invalid: Set<String> = []) -> RecordEnvironment {
        var env = RecordEnvironment(record: record, previous: previous, columns: [:], scalars: [:], invalid: invalid, reference: reference)
        env.keys = keys
        env.codeFields = codeFields
        return env
    }

    /// A sheet's code fields and their lists (found once per sheet, used for every row).
    static func codeFields(_ schema: SheetSchema) -> [String: String] {
        var out: [String: String] = [:]
        for field in schema.fields { if case .code(let list) = field.type { out[field.code] = list } }
        return out
    }

    /// A field by the name a rule uses: `code` on the rule's own sheet, or `sheet.code`.
    private func field(named name: String, on sheet: SheetSchema?, in form: FormSchema) -> FieldSchema? {
        if let dot = name.firstIndex(of: ".") {
            return form.sheet(String(name[..<dot]))?.field(String(name[name.index(after: dot)...]))
        }
        return sheet?.field(name)
    }

    /// Where a finding about `target` points: its cell in this record, or in the form sheet a
    /// dotted name reads (with that sheet's name); else no cell, on the rule's sheet.
    private func place(of target: String?, in record: BoundRecord?, sheet: String, formRecords: [String: BoundRecord],
                       sheetNames: [String: String]) -> (CellReference?, String) {
        guard let target else { return (nil, sheet) }
        if let cell = record?.values[target]?.cell { return (cell, sheet) }
        guard let dot = target.firstIndex(of: "."), !target.hasPrefix("previous.") else { return (nil, sheet) }
        let id = String(target[..<dot])
        guard let cell = formRecords[id]?.values[String(target[target.index(after: dot)...])]?.cell else { return (nil, sheet) }
        return (cell, sheetNames[id] ?? sheet)
    }

    /// The school on the title sheet (its `school` field) must be an organisation that submits this form.
    private func submitterFindings(_ form: FormSchema, formRecords: [String: BoundRecord],
                                   names: [(schema: SheetSchema, match: SheetMatcher.Match?)], infos: [SheetInfo]) -> [Finding] {
        guard !form.submitters.isEmpty else { return [] }
        var out: [Finding] = []
        for (schema, match) in names where schema.layout == .form {
            guard let index = match?.index,
                  let field = schema.fields.first(where: { $0.code == "school" && $0.type == .code(list: "organisations") }),
                  let value = formRecords[schema.id]?.values[field.code],
                  let code = keys.itemCode(value.coercion.value, list: "organisations"),
                  let org = catalog.organisations.first(where: { $0.code == code }),
                  !form.submitters.contains(org.kind) else { continue }
            out.append(Finding(.error, rule: "school.submitter", sheet: infos[index].name, cell: value.cell, field: field.code,
                               actual: org.kind, expected: form.submitters.joined(separator: ", "), message: .init(
                ru: "«\(org.short.first ?? org.name)» не сдаёт форму «\(form.title.ru)»: её сдают организации видов \(form.submitters.joined(separator: ", ")), а это \(org.kind)",
                en: "'\(org.short.first ?? org.name)' does not submit the form '\(form.title.en)': it is for \(form.submitters.joined(separator: ", ")), and this is \(org.kind)")))
        }
        return out
    }

    /// A table with a fixed list of rows (every subject of the form): each must be there, and
    /// no other.
    func fixedRowFindings(_ schema: SheetSchema, seen: [String: Int], sheet: String) -> [Finding] {
        guard !schema.fixedRows.isEmpty, !schema.key.isEmpty else { return [] }
        var out: [Finding] = []
        var expected = Set<String>()
        for row in schema.fixedRows {
            let key = keys.key(row, schema)
            expected.insert(key)
            if seen[key] == nil {
                let shown = schema.key.compactMap { row[$0] }.joined(separator: ", ")
                out.append(Finding(.error, rule: "row.missing", sheet: sheet, message: .init(
                    ru: "нет строки «\(shown)»", en: "the row '\(shown)' is missing")))
            }
        }
        for (key, row) in seen.sorted(by: { $0.value < $1.value }) where !expected.contains(key) {
            out.append(Finding(.warning, rule: "row.unexpected", sheet: sheet, cell: CellReference(row: row, column: 0), message: .init(
                ru: "строки «\(key.replacingOccurrences(of: "\u{1F}", with: ", "))» нет в перечне формы",
                en: "the row '\(key.replacingOccurrences(of: "\u{1F}", with: ", "))' is not in the form's list")))
        }
        return out
    }

    /// The previous period's records by sheet id and key.
    func records(of reader: WorkbookReader, form: FormSchema) throws -> [String: [String: BoundRecord]] {
        var out: [String: [String: BoundRecord]] = [:]
        let infos = try reader.sheets
        for (schema, match) in SheetMatcher.assign(form, infos) {
            guard let index = match?.index else { continue }
            if schema.layout == .form {
                out[schema.id, default: [:]][""] = try FormSheetBinder.record(schema, reader: reader, index: index)
                continue
            }
            guard let stream = try TableRecordStream(schema: schema, rows: try reader.rows(ofSheet: index)) else { continue }
            while let r = try stream.next() {
                out[schema.id, default: [:]][keys.key(r, schema)] = r
            }
        }
        return out
    }

    static func fieldName(_ e: SvodExpressions.Expression) -> String? {
        let refs = e.references
        return refs.count == 1 && e.description == refs.first! ? refs.first : nil
    }

    static func places(_ f: FieldSchema) -> Int? {
        switch f.type {
        case .integer: return 0
        case .decimal(let p), .percent(let p): return p
        default: return nil
        }
    }

    static func capped(_ all: [Finding], cap: Int, file: String, sha256: String, form: FormSchema) -> ValidationReport {
        var counts: [String: Int] = [:]
        var kept: [Finding] = []
        var truncated: [String: Int] = [:]
        for f in all {
            counts[f.rule, default: 0] += 1
            if counts[f.rule]! <= cap { kept.append(f) } else { truncated[f.rule, default: 0] += 1 }
        }
        return ValidationReport(file: file, sha256: sha256, formID: form.id, formVersion: form.version, findings: kept, truncated: truncated)
    }
}
