import SvodExpressions

/// How a field's values from many schools become one city value (`aggregate:` in a schema).
///
/// Defaults by type, so most fields need no declaration: counts sum; a decimal share or mean that a
/// rule of its sheet computes (`quality = (n5 + n4) / n * 100`) is recomputed from the city's
/// sums by the same rule, never averaged over schools; да/нет gives the number of schools
/// answering «да» (and their share); key codes group the rows; texts and dates stay with the
/// school. A decimal or percent that no rule computes must say how it consolidates.
public enum FieldAggregate: Sendable, Equatable {
    /// The city value is the sum of the schools' values.
    case sum
    /// Recomputed over the city's values by the sheet's rule `field = expression`.
    case rule
    /// The mean weighted by another numeric field of the same row (`{mean: n}`).
    case mean(weight: String)
    /// The number of schools answering «да» (with the share of those answering at all).
    case count
    /// The largest school value.
    case max
    /// The smallest school value.
    case min
    /// A key field: rows with equal codes are one city row.
    case group
    /// Not consolidated (texts, dates, codes that are not keys, or as declared).
    case none

    /// The name written in schema files and in `svod schemas show`.
    public var name: String {
        switch self {
        case .sum: "sum"
        case .rule: "rule"
        case .mean(let w): "mean:\(w)"
        case .count: "count"
        case .max: "max"
        case .min: "min"
        case .group: "group"
        case .none: "none"
        }
    }

    /// Whether a city value of this kind can be added to another's exactly (a consolidation of
    /// consolidations): everything but `rule`, which is recomputed instead.
    public var isStored: Bool { self != .rule && self != .group && self != .none }
}

extension FormSchema {
    /// How `field` of `sheet` consolidates: as declared, else by its type and its sheet's rules.
    public func aggregate(of field: FieldSchema, in sheet: SheetSchema) -> FieldAggregate {
        if sheet.layout == .table && sheet.key.contains(field.code) { return .group }
        if let declared = field.aggregate { return declared }
        switch field.type {
        // A count sums even where a rule ties it to others (`n = n5 + n4 + n3 + n2` holds for sums
        // too; `observers = 0 when observed = 0` is a condition, not a formula).
        case .integer: return .sum
        case .decimal, .percent: return formula(of: field.code, sheet: sheet.id) == nil ? .none : .rule
        case .boolean: return .count
        default: return .none
        }
    }
}

extension SchemaLoader {
    /// Reads `aggregate:` — `sum`, `rule`, `count`, `max`, `min`, `none` or `{mean: FIELD}`.
    static func readAggregate(_ o: YAMLObject, _ log: IssueLog) -> FieldAggregate? {
        guard let node = o.value("aggregate") else { return nil }
        if node.mapping != nil {
            guard let m = YAMLObject(node, file: o.file, issues: log, what: "aggregate") else { return nil }
            defer { m.reportUnknownKeys() }
            return m.string("mean", required: true).map { .mean(weight: $0) }
        }
        let known: [String: FieldAggregate] = ["sum": .sum, "rule": .rule, "count": .count, "max": .max, "min": .min, "none": .none]
        guard let text = node.scalar?.string, let a = known[text] else {
            log.add(o.location(of: "aggregate"), ru: "«aggregate»: sum, rule, count, max, min, none или {mean: поле}",
                    en: "'aggregate': sum, rule, count, max, min, none or {mean: field}")
            return nil
        }
        return a
    }

    /// Each field's consolidation fits its type, and a decimal no rule computes says how it consolidates.
    static func checkAggregates(_ form: FormSchema, _ log: IssueLog) {
        for sheet in form.sheets where sheet.id != "title" {
            for field in sheet.fields {
                let numeric: Bool
                switch field.type {
                case .integer, .decimal, .percent: numeric = true
                default: numeric = false
                }
                let where_ = (ru: "поле «\(field.code)» листа «\(sheet.id)»", en: "field '\(field.code)' of sheet '\(sheet.id)'")
                switch field.aggregate {
                case nil:
                    if case .none = form.aggregate(of: field, in: sheet), numeric {
                        log.add(field.source, ru: "\(where_.ru): ни одно правило его не вычисляет — укажите, как сводить («aggregate: sum» или «{mean: поле}»)",
                                en: "\(where_.en): no rule computes it — say how it consolidates ('aggregate: sum' or '{mean: field}')")
                    }
                case .sum?, .max?, .min?:
                    if !numeric { log.add(field.source, ru: "\(where_.ru): «\(field.aggregate!.name)» — только для чисел", en: "\(where_.en): '\(field.aggregate!.name)' is for numbers") }
                case .rule?:
                    if form.formula(of: field.code, sheet: sheet.id) == nil {
                        log.add(field.source, ru: "\(where_.ru): «aggregate: rule» — нужно правило «\(field.code) = выражение»",
                                en: "\(where_.en): 'aggregate: rule' needs a rule '\(field.code) = expression'")
                    }
                case .mean(let w)?:
                    let weight = sheet.field(w)
                    if !numeric || weight == nil || weight!.type == .text || weight!.type == .boolean {
                        log.add(field.source, ru: "\(where_.ru): «{mean: \(w)}» — среднее числа, взвешенное числовым полем того же листа",
                                en: "\(where_.en): '{mean: \(w)}' is a number's mean weighted by a numeric field of the same sheet")
                    }
                case .count?:
                    if field.type != .boolean { log.add(field.source, ru: "\(where_.ru): «count» — только для да/нет", en: "\(where_.en): 'count' is for да/нет fields") }
                case .group?, .none?:
                    break
                }
            }
        }
    }
}
