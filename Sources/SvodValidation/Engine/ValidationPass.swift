import Foundation
import SvodExpressions
import SvodLocale
import SvodSchema
import SvodSpreadsheet
import SvodWorkbook

/// One file's validation, phase by phase: form sheets first (every table row can read their
/// values), then the title's checks, each sheet of the form in order, and the rules over the
/// whole form. The state the phases share lives here.
final class ValidationPass {
    let validator: Validator
    let reader: WorkbookReader
    let form: FormSchema
    let infos: [SheetInfo]
    let rules: [CompiledRule]
    let assigned: [(schema: SheetSchema, match: SheetMatcher.Match?)]
    /// Last period's records by sheet id and key (empty without `--previous`).
    var previous: [String: [String: BoundRecord]] = [:]
    /// Columns that sheet-level rules aggregate (`sheet.field`).
    let wantedColumns: Set<String>

    var findings: [Finding] = []
    /// Aggregated columns' values (without «Всего» rows), by dotted name.
    var columns: [String: [ExpressionValue]] = [:]
    /// Columns holding a value that failed its own check: an aggregate over them is unknown.
    var spoiledColumns = Set<String>()
    /// Single values by dotted name: form sheets' fields, and a table column's grand total.
    var scalars: [String: ExpressionValue] = [:]
    /// Tab names in the file by sheet id.
    var sheetNames: [String: String] = [:]
    var formRecords: [String: BoundRecord] = [:]
    /// Form sheets' field checks, run once when they are bound; their findings join the report
    /// where the sheet comes in the form's order, and a failed value reads as missing everywhere.
    var formChecked: [String: (findings: [Finding], invalid: Set<String>)] = [:]
    /// Data records met per table sheet id.
    var recordsSeen: [String: Int] = [:]
    /// Records with a value beyond their key (fixed rows a template lists are no data).
    var dataSeen: [String: Int] = [:]

    /// Where every value read goes, when someone keeps them (the import).
    var values: ReadValueSink?
    /// What rules read of this file outside its rows: its keyed rows, and what other forms' rules read of it.
    var mine: FormValues
    /// The school's other forms for the period, when someone supplies them.
    var source: CrossFormSource?
    /// Who sent the file for when, from its title (read once the form sheets are bound).
    var identity = SubmissionIdentity()

    var keys: RecordKeys { validator.keys }
    var checks: FieldChecks { validator.checks }

    init(_ validator: Validator, reader: WorkbookReader, form: FormSchema) throws {
        self.validator = validator
        self.reader = reader
        self.form = form
        rules = try validator.rules(of: form)
        infos = try reader.sheets
        wantedColumns = Set(rules.filter { !$0.perRecord }.flatMap(\.references))
        assigned = SheetMatcher.assign(form, infos)
        mine = validator.crossForm.values(of: form)
    }

    // MARK: Form sheets

    /// Binds every form sheet (a few cells each) and checks its fields.
    func bindFormSheets() throws {
        for (schema, found) in assigned where schema.layout == .form {
            guard let index = found?.index else { continue }
            let (record, unplaced, codesShown) = try FormSheetBinder.bind(schema, reader: reader, index: index)
            formRecords[schema.id] = record
            gridFindings(unplaced, codesShown: codesShown, sheet: infos[index].name)
            let env = environment(record: record, codeFields: Self.codeFields(schema))
            var checked: [Finding] = []
            var invalid = Set<String>()
            for (field, plan) in zip(schema.fields, checks.plans(schema.fields, period: form.period)) {
                if let v = record.values[field.code], checks.check(plan, v, sheet: infos[index].name, into: &checked) { invalid.insert(field.code) }
                let value = invalid.contains(field.code) ? .missing : env.value(of: field.code)
                scalars["\(schema.id).\(field.code)"] = value
                mine.setField(schema.id, field.code, value, cell: record.values[field.code]?.cell)
            }
            formChecked[schema.id] = (checked, invalid)
            if let values {
                let lists = Self.codeFields(schema)
                for (code, v) in record.values.all where v.coercion.value != .missing {
                    values.take(ReadValue(sheetID: schema.id, sheet: infos[index].name, rowKey: nil, key: [:], field: code, cell: v.cell,
                                          value: keys.kept(v.coercion.value, list: lists[code])))
                }
            }
        }
    }

    private func gridFindings(_ unplaced: [FieldSchema], codesShown: Bool, sheet: String) {
        if codesShown {
            for field in unplaced {
                let codes = "\(field.gridRow ?? "")×\(field.gridColumn ?? "")"
                findings.append(Finding(FindingKinds.gridCode, field.required ? .error : .warning, sheet: sheet, field: field.code, message: .init(
                    ru: "нет ячейки строки и графы \(codes) («\(field.label)»): на листе нет такого кода строки или графы",
                    en: "no cell for row and column \(codes) ('\(field.label)'): the sheet lacks that row or column code")))
            }
        } else if !unplaced.isEmpty {
            let codes = unplaced.prefix(3).map { "\($0.gridRow ?? "")×\($0.gridColumn ?? "")" }.joined(separator: ", ")
            findings.append(Finding(FindingKinds.gridCodes, sheet: sheet, message: .init(
                ru: "на листе не найдены коды строк и граф (\(codes)\(unplaced.count > 3 ? "…" : "")): значения взяты из ячеек шаблона",
                en: "the sheet does not show the row and column codes (\(codes)\(unplaced.count > 3 ? "…" : "")): values are read at the template's cells")))
        }
    }

    // MARK: Title

    /// The school on the title sheet must submit this form; a template of another version is checked against this one.
    func checkTitle() {
        findings += submitterFindings()
        if let props = try? reader.customProperties, props[FormDetector.formProperty] == form.id,
           let version = props[FormDetector.versionProperty], version != String(form.version) {
            findings.append(Finding(FindingKinds.formVersion, actual: version, expected: String(form.version), message: .init(
                ru: "файл заполнен по шаблону версии \(version), а действует версия \(form.version): проверено по действующей; возьмите новый шаблон (svod template)",
                en: "the file was filled in a version \(version) template, the form is at version \(form.version): checked against the current one; take a new template (svod template)")))
        }
    }

    private func submitterFindings() -> [Finding] {
        guard !form.submitters.isEmpty else { return [] }
        var out: [Finding] = []
        for (schema, match) in assigned where schema.layout == .form {
            guard let index = match?.index,
                  let field = schema.fields.first(where: { $0.code == "school" && $0.type == .code(list: "organisations") }),
                  let value = formRecords[schema.id]?.values[field.code],
                  let code = keys.itemCode(value.coercion.value, list: "organisations"),
                  let org = validator.catalog.organisation(code: code),
                  !form.isSubmitted(by: org) else { continue }
            out.append(Finding(FindingKinds.schoolSubmitter, sheet: infos[index].name, cell: value.cell, field: field.code,
                               actual: org.kind, expected: form.submitters.joined(separator: ", "), message: .init(
                ru: "«\(org.short.first ?? org.name)» не сдаёт форму «\(form.title.ru)»: её сдают организации видов \(form.submitters.joined(separator: ", ")), а это \(org.kind)",
                en: "'\(org.short.first ?? org.name)' does not submit the form '\(form.title.en)': it is for \(form.submitters.joined(separator: ", ")), and this is \(org.kind)")))
        }
        return out
    }

    // MARK: Sheets

    /// One sheet of the form: found or reported missing, its header bound, its records checked.
    func checkSheet(_ schema: SheetSchema, _ assignedMatch: SheetMatcher.Match?) throws {
        guard let index = try locate(schema, assignedMatch) else { return }
        let name = infos[index].name
        sheetNames[schema.id] = name
        mine.sheetNames[schema.id] = name
        if schema.layout == .form {
            findings += formChecked[schema.id]?.findings ?? []
            if let record = formRecords[schema.id] { runSheetRules(schema, record, sheet: name, invalid: formChecked[schema.id]?.invalid ?? []) }
            return
        }
        // Rows are parsed on a second core while this one checks them.
        guard let stream = try TableRecordStream(schema: schema, rows: PrefetchedRows(try reader.rows(ofSheet: index))) else {
            findings.append(Finding(FindingKinds.sheetHeader, sheet: name, message: .init(
                ru: "на листе «\(name)» не найдена шапка таблицы (столбцы «\(schema.fields.prefix(3).map(\.label).joined(separator: "», «"))»…)",
                en: "no table header found on sheet '\(name)' (columns '\(schema.fields.prefix(3).map(\.label).joined(separator: "', '"))'…)")))
            return
        }
        headerFindings(schema, stream, sheet: name)
        try TableCheck(pass: self, schema: schema, sheet: name).run(stream)
        if schema.required, !schema.mayBeEmpty, (recordsSeen[schema.id] ?? 0) == 0 {
            findings.append(Finding(FindingKinds.sheetEmpty, sheet: name,
                                    cell: CellReference(row: stream.header.lastRow + 1, column: stream.header.columns.values.min() ?? 0), message: .init(
                ru: "в таблице «\(name)» нет ни одной строки данных: заполните её по шаблону",
                en: "the table '\(name)' has no data rows: fill it in as the template shows")))
        }
    }

    /// The sheet's index in the file, or nil with the finding that says why not.
    private func locate(_ schema: SheetSchema, _ assignedMatch: SheetMatcher.Match?) throws -> Int? {
        var found = assignedMatch
        // A leftover tab counts only when the table's header is on it («Лист2» left empty is no ВПР).
        if case .leftover(let i, let name)? = found {
            found = try TableRecordStream(schema: schema, rows: try reader.rows(ofSheet: i)) != nil ? .renamed(i, name) : nil
        }
        guard let match = found else {
            if schema.required {
                findings.append(Finding(FindingKinds.sheetMissing, message: .init(
                    ru: "нет листа «\(schema.name)»", en: "there is no sheet '\(schema.name)'")))
            }
            return nil
        }
        switch match {
        case .exact(let i): return i
        case .renamed(let i, let name), .leftover(let i, let name):
            findings.append(Finding(FindingKinds.sheetRenamed, sheet: name, message: .init(
                ru: "лист «\(name)» принят за «\(schema.name)»", en: "sheet '\(name)' taken for '\(schema.name)'")))
            return i
        }
    }

    private func headerFindings(_ schema: SheetSchema, _ stream: TableRecordStream, sheet name: String) {
        let moved = stream.header.moved(schema)
        if let first = moved.first, let column = stream.header.columns[first.code] {
            let labels = moved.map { "«\($0.label)»" }.joined(separator: ", ")
            findings.append(Finding(FindingKinds.columnMoved, sheet: name,
                                    cell: CellReference(row: stream.header.lastRow, column: column), field: first.code, message: .init(
                ru: "столбцы не на своих местах: \(labels) — найдены по заголовкам и проверены; в шаблоне формы порядок другой",
                en: "columns out of place: \(labels) — found by their headers and checked; the form's template orders them differently")))
        }
        for field in schema.fields where stream.header.columns[field.code] == nil {
            findings.append(Finding(FindingKinds.columnMissing, field.required ? .error : .warning, sheet: name, field: field.code,
                                    message: .init(ru: "нет столбца «\(field.label)»", en: "there is no column '\(field.label)'")))
        }
    }

    // MARK: Shared helpers

    /// An environment over one record, its code fields (field → list) reading as list codes.
    func environment(record: BoundRecord?, codeFields: [String: String], previous: BoundRecord? = nil,
                     invalid: Set<String> = []) -> RecordEnvironment {
        var env = RecordEnvironment(record: record, previous: previous, columns: [:], scalars: [:], invalid: invalid, reference: validator.reference)
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
    func field(named name: String, on sheet: SheetSchema?) -> FieldSchema? {
        if let dot = name.firstIndex(of: ".") {
            return form.sheet(String(name[..<dot]))?.field(String(name[name.index(after: dot)...]))
        }
        return sheet?.field(name)
    }

    /// Where a finding about `target` points: its cell in this record, or in the form sheet a
    /// dotted name reads (with that sheet's name); else no cell, on the rule's sheet.
    func place(of target: String?, in record: BoundRecord?, sheet: String) -> (CellReference?, String) {
        guard let target else { return (nil, sheet) }
        if let cell = record?.values[target]?.cell { return (cell, sheet) }
        guard let dot = target.firstIndex(of: "."), !target.hasPrefix("previous.") else { return (nil, sheet) }
        let id = String(target[..<dot])
        guard let cell = formRecords[id]?.values[String(target[target.index(after: dot)...])]?.cell else { return (nil, sheet) }
        return (cell, sheetNames[id] ?? sheet)
    }

    static func fieldName(_ e: SvodExpressions.Expression) -> String? {
        let refs = e.references
        return refs.count == 1 && e.description == refs.first! ? refs.first : nil
    }

    static func places(_ f: FieldSchema) -> Int? { f.type.places }
}
