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

    /// A validator over a catalog.
    public init(catalog: SchemaCatalog) {
        self.catalog = catalog
        reference = ReferenceLookup(catalog: catalog)
        keys = RecordKeys(catalog: catalog)
    }

    /// Validates `reader` against `form`; `previous` is the same school's previous period, if given.
    public func validate(_ reader: WorkbookReader, form: FormSchema, file: String, sha256: String,
                         previous: WorkbookReader? = nil) throws -> ValidationReport {
        var findings: [Finding] = []
        let rules = try form.rules.map { try CompiledRule($0) }
        let previousRecords = try previous.map { try records(of: $0, form: form) } ?? [:]
        let checks = FieldChecks(catalog: catalog)
        let infos = try reader.sheets
        var columns: [String: [ExpressionValue]] = [:]
        var scalars: [String: ExpressionValue] = [:]
        var sheetNames: [String: String] = [:]
        let wantedColumns = Set(rules.filter { !$0.perRecord }.flatMap(\.references))

        for (schema, found) in SheetMatcher.assign(form, infos) {
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
            case .renamed(let i, let name):
                index = i
                findings.append(Finding(.warning, rule: "sheet.renamed", sheet: name, message: .init(
                    ru: "лист «\(name)» принят за «\(schema.name)»", en: "sheet '\(name)' taken for '\(schema.name)'")))
            }
            let name = infos[index].name
            sheetNames[schema.id] = name
            let next: () throws -> BoundRecord?
            var tableStream: TableRecordStream?
            if schema.layout == .form {
                var single: BoundRecord? = try FormSheetBinder.record(schema, reader: reader, index: index)
                next = { defer { single = nil }; return single }
            } else {
                // Rows are parsed on a second core while this one checks them.
                guard let stream = try TableRecordStream(schema: schema, rows: PrefetchedRows(try reader.rows(ofSheet: index))) else {
                    findings.append(Finding(.error, rule: "sheet.header", sheet: name, message: .init(
                        ru: "на листе «\(name)» не найдена шапка таблицы (столбцы «\(schema.fields.prefix(3).map(\.label).joined(separator: "», «"))»…)",
                        en: "no table header found on sheet '\(name)' (columns '\(schema.fields.prefix(3).map(\.label).joined(separator: "', '"))'…)")))
                    continue
                }
                for field in schema.fields where stream.header.columns[field.code] == nil {
                    findings.append(Finding(field.required ? .error : .warning, rule: "column.missing", sheet: name, field: field.code,
                                            message: .init(ru: "нет столбца «\(field.label)»", en: "there is no column '\(field.label)'")))
                }
                next = stream.next
                tableStream = stream
            }
            var seenKeys: [String: Int] = [:]
            let plans = checks.plans(schema.fields)
            var totals = schema.totals.map { TotalsCheck($0, sheet: name) }
            let sheetRules = rules.filter { $0.perRecord && $0.schema.sheet == schema.id }
            // The field a rule's finding points at: its left side, else its first field (found once).
            let targets: [String?] = sheetRules.map { rule in
                rule.comparison.flatMap { Self.fieldName($0.left) } ?? rule.checkReferences.first { schema.field($0) != nil }
            }
            let targetPlaces: [Int?] = targets.map { $0.flatMap { schema.field($0) }.flatMap(Self.places) }
            // Columns that sheet-level rules aggregate, by position and dotted name (decided once).
            let kept: [(Int, String)] = schema.fields.enumerated().compactMap { i, f in
                wantedColumns.contains("\(schema.id).\(f.code)") ? (i, "\(schema.id).\(f.code)") : nil
            }
            let previousRows = previousRecords[schema.id]
            if let stream = tableStream, sheetRules.isEmpty, schema.key.isEmpty, schema.totals == nil, kept.isEmpty {
                while try stream.checkNext(plans, checks, sheet: name, into: &findings) {}
                continue
            }
            while let record = try next() {
                let isTotal = totals?.isTotal(record) == true
                var invalid = Set<String>()
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
                for (position, name) in kept {
                    let v = record.values[position: position].map { RecordEnvironment.expression($0.coercion.value) } ?? .missing
                    columns[name, default: []].append(v)
                    scalars[name] = v
                }
                guard !sheetRules.isEmpty else { continue }
                let prev = previousRows.flatMap { rows in
                    schema.key.isEmpty ? rows.first?.value
                        : rows[keys.key(record, schema)]
                }
                let env = RecordEnvironment(record: record, previous: prev, columns: [:], scalars: [:], invalid: invalid,
                                            reference: reference)
                for (k, rule) in sheetRules.enumerated() {
                    if rule.schema.crossPeriod && prev == nil { continue }
                    let target = targets[k]
                    if let f = RuleRunner.run(rule, env, places: targetPlaces[k], sheet: name,
                                              cell: target.flatMap { record.values[$0]?.cell }, field: target) {
                        findings.append(f)
                    }
                }
            }
            findings += totals?.findings() ?? []
            findings += fixedRowFindings(schema, seen: seenKeys, sheet: name)
        }
        for rule in rules where !rule.perRecord {
            let env = RecordEnvironment(record: nil, previous: nil, columns: columns, scalars: scalars, invalid: [], reference: reference)
            if let f = RuleRunner.run(rule, env, places: nil, sheet: sheetNames[rule.schema.sheet] ?? rule.schema.sheet, cell: nil, field: nil) {
                findings.append(f)
            }
        }
        try Explanations.apply(to: &findings, from: reader, infos: infos)
        return Self.capped(findings, cap: capPerRule, file: file, sha256: sha256, form: form)
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
