import Foundation
import SvodExpressions
import SvodLocale
import SvodSchema
import SvodWorkbook

/// The values of one submission that rules read outside their own row: a form sheet's fields,
/// a table's rows by key, its columns and grand totals — only the fields some rule asks for, so
/// that a run over many files keeps a few numbers per file, not the files.
public struct FormValues: Sendable {
    /// One value and the cell it came from (none for values kept in a store without cells).
    struct Slot: Sendable {
        var value: ExpressionValue
        var cell: CellReference?
    }

    /// What is kept of each field (`sheet.field`), by how rules read it: a run over many files
    /// keeps a row's key only where a rule picks a row, a column only where one aggregates it.
    struct Wanted: Sendable {
        /// Form sheets' fields and tables' totals.
        var single: Set<String> = []
        /// Table rows by key.
        var keyed: Set<String> = []
        /// Table columns.
        var columns: Set<String> = []

        var all: Set<String> { single.union(keyed).union(columns) }
    }

    /// The form's id.
    public var form: String { schema.id }
    let schema: FormSchema
    let keys: RecordKeys
    /// `sheet.field` of every field kept.
    let wanted: Set<String>
    private let kinds: Wanted
    /// Form sheets' fields and tables' grand totals (the last total row, or the last row).
    private(set) var single: [String: Slot] = [:]
    /// Table rows by the key's canonical text (`RecordKeys.key`); the first of repeated keys.
    private(set) var rows: [String: [String: Slot]] = [:]
    /// Table columns without their total rows, for aggregates.
    private(set) var columns: [String: [ExpressionValue]] = [:]
    /// Tab names in the file by sheet id, for placing findings.
    var sheetNames: [String: String] = [:]

    init(_ schema: FormSchema, wanted: Wanted, keys: RecordKeys) {
        self.schema = schema
        self.wanted = wanted.all
        kinds = wanted
        self.keys = keys
        // A wanted column with no rows is an empty column (COUNT gives 0), not an unknown name.
        for name in wanted.columns {
            guard let (sheet, _) = Self.split(name), schema.sheet(sheet)?.layout == .table else { continue }
            columns[name] = []
        }
    }

    /// Whether two files of the form give every rule the same values (wherever their cells are).
    public func sameValues(as other: FormValues) -> Bool {
        columns == other.columns && single.mapValues(\.value) == other.single.mapValues(\.value)
            && rows.mapValues { $0.mapValues(\.value) } == other.rows.mapValues { $0.mapValues(\.value) }
    }

    /// Whether anything of `sheet` is kept.
    func wants(sheet: String) -> Bool { wanted.contains { $0.hasPrefix(sheet + ".") } }

    /// A form sheet's field.
    mutating func setField(_ sheet: String, _ field: String, _ value: ExpressionValue, cell: CellReference?) {
        let name = "\(sheet).\(field)"
        if wanted.contains(name) { single[name] = Slot(value: value, cell: cell) }
    }

    /// A table row's wanted fields; `values` by field code.
    mutating func addRow(_ sheet: SheetSchema, key: String, isTotal: Bool, _ values: [String: Slot]) {
        for field in sheet.fields {
            let name = "\(sheet.id).\(field.code)"
            guard wanted.contains(name) else { continue }
            let slot = values[field.code] ?? Slot(value: .missing, cell: nil)
            if (isTotal || sheet.totals == nil) && kinds.single.contains(name) { single[name] = slot }
            if isTotal { continue }
            if kinds.columns.contains(name) { columns[name, default: []].append(slot.value) }
            if kinds.keyed.contains(name), rows[name]?[key] == nil { rows[name, default: [:]][key] = slot }
        }
    }

    /// What `reference` reads here: its row's value, or the form sheet's field or table's total; missing when absent.
    func value(_ reference: ValueReference) -> ExpressionValue { slot(reference)?.value ?? .missing }

    /// All rows of the column a reference without key names; nil for a form sheet's field.
    func column(_ reference: ValueReference) -> [ExpressionValue]? {
        reference.key == nil ? columns[reference.dottedName] : nil
    }

    /// The slot `reference` reads, if the file has it.
    func slot(_ reference: ValueReference) -> Slot? {
        guard let key = reference.key else { return single[reference.dottedName] }
        guard let sheet = schema.sheet(reference.sheet) else { return nil }
        return rows[reference.dottedName]?[canonicalKey(key, sheet)]
    }

    /// The row a reference's key items name, as a person reads it («ВПР», «4, Русский язык»).
    func rowName(_ reference: ValueReference) -> LocalizedText? {
        guard let key = reference.key, let sheet = schema.sheet(reference.sheet) else { return nil }
        let text = zip(key, sheet.key).map { item, code in keys.itemName(Self.text(item), field: sheet.field(code)) }.joined(separator: ", ")
        return LocalizedText(ru: text, en: text)
    }

    /// Literal key items as a row's key, the way records' keys are written.
    func canonicalKey(_ items: [ExpressionValue], _ sheet: SheetSchema) -> String {
        keys.key(Dictionary(zip(sheet.key, items.map(Self.text)), uniquingKeysWith: { a, _ in a }), sheet)
    }

    static func text(_ item: ExpressionValue) -> String {
        if case .number(let n) = item { return NSDecimalNumber(decimal: n).stringValue }
        return item.description
    }

    static func split(_ name: String) -> (String, String)? {
        guard let dot = name.firstIndex(of: ".") else { return nil }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }
}

extension FormValues {
    /// Fills `FormValues` from values kept elsewhere (the store's): record by record, in the
    /// order they were read, telling a table's «Всего» rows by their label as the check does.
    public final class Collector {
        private var values: FormValues
        private var pending: (sheet: String, key: [String: String], fields: [String: Slot])?

        init(_ values: FormValues) { self.values = values }

        /// The fields kept, `sheet.field`, with the label fields that tell a table's «Всего» rows.
        public var fields: Set<String> {
            var out = values.wanted
            for name in values.wanted {
                guard let (sheet, _) = FormValues.split(name), let label = values.schema.sheet(sheet)?.totals?.labelField else { continue }
                out.insert("\(sheet).\(label)")
            }
            return out
        }

        /// Whether a value of `field` on `sheet` is kept (a table's label field tells its «Всего» rows).
        public func wants(sheet: String, field: String) -> Bool {
            values.wanted.contains("\(sheet).\(field)") || values.schema.sheet(sheet)?.totals?.labelField == field
        }

        /// One value: its sheet id, its row's key (list codes by field; empty on a form sheet), its field and value.
        public func take(sheet: String, key: [String: String], field: String, value: FieldValue) {
            guard wants(sheet: sheet, field: field) else { return }
            if let p = pending, p.sheet != sheet || p.key != key { flush() }
            if pending == nil { pending = (sheet, key, [:]) }
            pending?.fields[field] = Slot(value: RecordEnvironment.expression(value), cell: nil)
        }

        /// The values collected.
        public func finish() -> FormValues {
            flush()
            return values
        }

        private func flush() {
            guard let p = pending, let schema = values.schema.sheet(p.sheet) else { pending = nil; return }
            pending = nil
            if schema.layout == .form {
                for (field, slot) in p.fields { values.setField(p.sheet, field, slot.value, cell: nil) }
                return
            }
            var isTotal = false
            if let totals = schema.totals, case .text(let t)? = p.fields[totals.labelField]?.value {
                isTotal = Set(totals.labels.map(ValueCoercion.normalizedKey)).contains(ValueCoercion.normalizedKey(t))
            }
            values.addRow(schema, key: values.keys.key(p.key, schema), isTotal: isTotal, p.fields)
        }
    }
}
