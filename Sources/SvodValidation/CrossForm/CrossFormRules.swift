import SvodExpressions
import SvodSchema

/// What the catalogue's rules read outside their own rows, worked out once per run: which forms
/// read which, the fields of each form kept for them, and the order files are checked in so that
/// a form read by another comes first.
public struct CrossFormRules: Sendable {
    /// A rule of `form` that reads another form.
    struct Reader: Sendable {
        let form: FormSchema
        let rule: CompiledRule
    }

    /// Rules reading a form, by the id of the form they read.
    private let readersOf: [String: [Reader]]
    /// `sheet.field` of each form that some rule reads outside a row.
    private let wantedOf: [String: FormValues.Wanted]
    private let depths: [String: Int]
    private let keys: RecordKeys

    init(catalog: SchemaCatalog, keys: RecordKeys) {
        self.keys = keys
        var readers: [String: [Reader]] = [:]
        var wanted: [String: FormValues.Wanted] = [:]
        for form in catalog.forms {
            let single = Set(form.sheets.filter { $0.layout == .form }.map(\.id))
            for schema in form.rules {
                let refs = schema.valueReferences
                guard !refs.isEmpty, let rule = try? CompiledRule(schema, singleRecordSheets: single) else { continue }
                let aggregated = rule.check.aggregatedReferences.union(rule.when?.aggregatedReferences ?? [])
                for r in refs {
                    let name = r.dottedName
                    if r.key != nil { wanted[r.form ?? form.id, default: .init()].keyed.insert(name) }
                    else if aggregated.contains(r) { wanted[r.form ?? form.id, default: .init()].columns.insert(name) }
                    else { wanted[r.form ?? form.id, default: .init()].single.insert(name) }
                }
                guard !schema.otherForms.isEmpty else { continue }
                // Read back from a store when the other form arrives first: the rule's own names too,
                // whole or as columns (a bare name alone or in SUM reads the same field both ways).
                for name in rule.references where !name.hasPrefix("previous.") {
                    let dotted = name.contains(".") ? name : "\(schema.sheet).\(name)"
                    wanted[form.id, default: .init()].single.insert(dotted)
                    wanted[form.id, default: .init()].columns.insert(dotted)
                }
                for other in schema.otherForms { readers[other, default: []].append(Reader(form: form, rule: rule)) }
            }
        }
        readersOf = readers
        wantedOf = wanted
        var depths: [String: Int] = [:]
        func depth(_ id: String, _ visiting: Set<String>) -> Int {
            if let d = depths[id] { return d }
            let reads = Set(catalog.form(id)?.rules.flatMap(\.otherForms) ?? []).subtracting(visiting)
            let d = reads.map { depth($0, visiting.union([id])) + 1 }.max() ?? 0
            depths[id] = d
            return d
        }
        for form in catalog.forms { _ = depth(form.id, []) }
        self.depths = depths
    }

    /// No rule of the catalogue reads another form.
    public var isEmpty: Bool { readersOf.isEmpty }

    /// 0 for a form that reads no other form, else one more than the deepest form it reads:
    /// files are checked in this order, so that every form a file reads was checked before it.
    public func depth(of form: String) -> Int { depths[form] ?? 0 }

    /// The ids of the forms whose rules read `form`.
    public func readers(of form: String) -> [String] {
        var seen = Set<String>()
        return (readersOf[form] ?? []).map(\.form.id).filter { seen.insert($0).inserted }
    }

    /// The rules of other forms that read `form`.
    func readingRules(of form: String) -> [Reader] { readersOf[form] ?? [] }

    /// An empty set of `form`'s values, keeping what rules read of it outside a row.
    func values(of form: FormSchema) -> FormValues {
        FormValues(form, wanted: wantedOf[form.id] ?? .init(), keys: keys)
    }

    /// A collector of `form`'s values as a store keeps them, for rules of other forms to read.
    public func collector(for form: FormSchema) -> FormValues.Collector {
        FormValues.Collector(values(of: form))
    }
}
