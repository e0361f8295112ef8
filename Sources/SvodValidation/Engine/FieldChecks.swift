import Foundation
import SvodLocale
import SvodSchema
import SvodWorkbook

/// A text as a dictionary key by its bytes: String hashing normalises Unicode first, which for
/// Cyrillic costs more than the check it would save. Two spellings of one text that differ in
/// bytes merely miss the memo.
struct TextKey: Hashable {
    let text: String
    init(_ text: String) { self.text = text }
    func hash(into h: inout Hasher) {
        var t = text
        t.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
    static func == (a: TextKey, b: TextKey) -> Bool {
        var x = a.text, y = b.text
        return x.withUTF8 { p in
            y.withUTF8 { q in p.count == q.count && (p.isEmpty || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
        }
    }
}

/// One field's checks, prepared once per sheet: the list and allowed values normalised, the
/// pattern compiled, and each text's verdict remembered (the same subjects, classes and codes
/// repeat on every row). A class, so that the per-value path passes one reference, not a copy
/// of the declaration.
final class FieldPlan {
    let field: FieldSchema
    /// What the quick pass needs, copied out of the declaration: reading `field` for every cell
    /// would retain and release each of its strings.
    enum Kind { case whole, fraction, text, other }
    let kind: Kind
    let min: Double?
    let max: Double?
    let listID: String?
    /// What the value should look like when it fails its pattern, in words.
    let patternHint: LocalizedText?
    /// The period kind of a title sheet's period field: the text must name one such period.
    private let period: ReportingPeriod?
    private let list: Set<String>?
    private let allowed: Set<String>?
    private let regex: NSRegularExpression?
    private let fixed: FixedPattern?
    /// Bit 1: not in the list; bit 2: not allowed; bit 4: no pattern match; bit 8: a placeholder for "nothing".
    private var verdicts: [TextKey: UInt8] = [:]
    /// The same for whole numbers in text and code fields (a class typed as 4), by value.
    private var wholeVerdicts: [Int: UInt8] = [:]

    static let notInList: UInt8 = 1, notAllowed: UInt8 = 2, noMatch: UInt8 = 4, placeholder: UInt8 = 8

    init(_ field: FieldSchema, lists: [String: Set<String>], period: ReportingPeriod? = nil) {
        self.field = field
        self.period = field.code == "period" ? period : nil
        patternHint = field.pattern.map { Self.hint($0, period: field.code == "period" ? period : nil) }
        switch field.type {
        case .integer: kind = .whole
        case .decimal, .percent: kind = .fraction
        case .text, .code: kind = .text
        default: kind = .other
        }
        min = field.min
        max = field.max
        if case .code(let id) = field.type { listID = id; list = lists[id] } else { listID = nil; list = nil }
        allowed = field.allowed.isEmpty ? nil : Set(field.allowed.map(ValueCoercion.normalizedKey))
        fixed = field.pattern.flatMap(FixedPattern.init)
        regex = fixed != nil ? nil : field.pattern.flatMap { try? NSRegularExpression(pattern: "^(?:" + $0 + ")$") }
    }

    /// What is wrong with a text, as bits.
    func verdict(_ t: String) -> UInt8 {
        // «Химия» starts like «х», the crossed-out cell: asked once per text, then remembered.
        let mayBePlaceholder = t.unicodeScalars.first.map(MissingPlaceholders.mayStart) ?? false
        if !mayBePlaceholder && list == nil && allowed == nil && regex == nil && period == nil {
            // A fixed-shape pattern costs less to match than to look up: codes are often unique per row.
            guard let fixed else { return 0 }
            return fixed.matches(t) ? 0 : Self.noMatch
        }
        let key = TextKey(t)
        if let known = verdicts[key] { return known }
        var bits: UInt8 = 0
        if mayBePlaceholder && MissingPlaceholders.isMissing(.text(t), for: field.type) { bits |= Self.placeholder }
        if list != nil || allowed != nil {
            let normalized = ValueCoercion.normalizedKey(t)
            if let list, !list.contains(normalized) { bits |= Self.notInList }
            if let allowed, !allowed.contains(normalized) { bits |= Self.notAllowed }
        }
        if let regex, regex.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)) == nil { bits |= Self.noMatch }
        if let fixed, !fixed.matches(t) { bits |= Self.noMatch }
        if let period, bits & Self.noMatch == 0, period.ordinal(t) == nil { bits |= Self.noMatch }
        // Unique texts (a register number per row) would only grow the memo.
        if verdicts.count < 50_000 { verdicts[key] = bits }
        return bits
    }

    /// A pattern said in words: a period by its kind, a fixed shape by a sample.
    static func hint(_ pattern: String, period: ReportingPeriod?) -> LocalizedText {
        switch period {
        case .academicYear?: return .init(ru: "учебный год вида 2019/2020", en: "an academic year such as 2019/2020")
        case .year?: return .init(ru: "год вида 2020", en: "a year such as 2020")
        case .quarter?: return .init(ru: "квартал вида «1 квартал 2025»", en: "a quarter such as «1 квартал 2025»")
        case .month?: return .init(ru: "месяц вида 03.2025", en: "a month such as 03.2025")
        case nil: break
        }
        if let fixed = FixedPattern(pattern), !fixed.atoms.contains(where: { if case .ranges = $0, !$0.isDigit { return true }; return false }) {
            let sample = String(String.UnicodeScalarView(fixed.atoms.map { atom -> Unicode.Scalar in
                if case .scalar(let s) = atom { return s }
                return "#"
            }))
            return .init(ru: "значение вида \(sample) (# — цифра)", en: "a value such as \(sample) (# is a digit)")
        }
        return .init(ru: "значение по образцу \(pattern)", en: "a value matching \(pattern)")
    }

    /// What is wrong with a whole number read as the text a cell shows for it.
    func verdict(whole x: Int) -> UInt8 {
        if list == nil && allowed == nil && regex == nil && fixed == nil { return 0 }
        if let known = wholeVerdicts[x] { return known }
        let bits = verdict(CellDisplay.text(.number(Double(x))))
        if wholeVerdicts.count < 50_000 { wholeVerdicts[x] = bits }
        return bits
    }
}

/// The checks every field gets from its declaration: filled when required, readable as its
/// type, within its bounds, one of its allowed values or list items, matching its pattern.
struct FieldChecks {
    let lists: [String: Set<String>]
    /// Lists by id, for their titles.
    let catalogLists: [String: CodeList]
    /// The nearest item of each list, to suggest (prepared once per validator).
    let suggestions: [String: ListSuggestion]

    init(catalog: SchemaCatalog) {
        var lists: [String: Set<String>] = [:]
        for l in catalog.lists {
            lists[l.id] = Set(l.items.flatMap { [$0.code, $0.name] + $0.aliases }.map(ValueCoercion.normalizedKey))
        }
        self.lists = lists
        catalogLists = Dictionary(catalog.lists.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        suggestions = catalogLists.mapValues { ListSuggestion($0, catalog: catalog) }
    }

    /// The prepared checks of a sheet's fields, in field order; `period` is the form's period kind.
    func plans(_ fields: [FieldSchema], period: ReportingPeriod? = nil) -> [FieldPlan] {
        fields.map { FieldPlan($0, lists: lists, period: period) }
    }

    /// Whether a cell certainly passes its field's checks as it is, without reading it into a
    /// typed value: a whole number within bounds in a number field, or plain text that is in
    /// its list, allowed and matching in a text field. Anything else takes the full path.
    func quickPass(_ plan: FieldPlan, _ cell: Cell) -> Bool {
        switch (cell.value, plan.kind) {
        // A %-formatted cell outside a percent field gets a note on the full path.
        case (.number(let x), .whole):
            return !cell.isPercent && abs(x) < 1e15 && x == x.rounded() && within(x, plan)
        case (.number(let x), .fraction):
            // Past 15 digits the full path decides (a number Excel cannot show exactly).
            return !cell.isPercent && abs(x) < 1e15 && within(x, plan)
        case (.text(let t), .text):
            guard let f = t.unicodeScalars.first, let l = t.unicodeScalars.last,
                  !CellText.isBlankScalar(f), !CellText.isBlankScalar(l) else { return false }
            return plan.verdict(t) == 0
        case (.number(let x), .text):
            // Classes and codes typed as numbers: the text is the number as shown.
            guard !cell.isPercent, abs(x) < 1e9, x == x.rounded() else { return false }
            return plan.verdict(whole: Int(x)) == 0
        default:
            return false
        }
    }

    private func within(_ x: Double, _ plan: FieldPlan) -> Bool {
        if let min = plan.min, x < min { return false }
        if let max = plan.max, x > max { return false }
        return true
    }

    /// Checks one value; true when it is an error, so that rules treat it as missing rather than
    /// repeat the same mistake as a broken sum or share.
    @discardableResult
    func check(_ plan: FieldPlan, _ v: BoundValue, sheet: String, into out: inout [Finding]) -> Bool {
        let before = out.count
        return checkValue(plan, v, sheet: sheet, into: &out) || out[before...].contains { $0.severity == .error }
    }

    private func checkValue(_ plan: FieldPlan, _ v: BoundValue, sheet: String, into out: inout [Finding]) -> Bool {
        let field = plan.field
        // Built only when a finding needs it: most values pass, and this runs for each of them.
        var label: String { field.label.hasPrefix("«") ? field.label : "«\(field.label)»" }
        func add(_ kind: FindingKind, ru: String, en: String, expected: String? = nil) {
            out.append(Finding(kind, sheet: sheet, cell: v.cell, field: field.code, actual: Self.shown(v.raw),
                               expected: expected, message: .init(ru: ru, en: en)))
        }
        if let problem = v.coercion.problem {
            add(FindingKinds.fieldType, ru: "\(label): \(problem.message.ru)", en: "\(label): \(problem.message.en)")
            return true
        }
        // A fraction under a percent format is how Excel stores «81,7 %»: nothing to report.
        for note in v.coercion.notes where note != .percentAsFraction {
            add(FindingKinds.fieldFormat, ru: "\(label): \(note.message.ru)", en: "\(label): \(note.message.en)")
        }
        switch v.coercion.value {
        case .missing:
            if field.required {
                add(FindingKinds.fieldRequired, ru: "не заполнено \(label)", en: "\(label) is empty")
            }
        case .number(let n):
            guard field.min != nil || field.max != nil else { break }
            // Bounds are compared on the cell's own double when there is one: turning every
            // Decimal into an NSDecimalNumber to compare it would cost more than all the rest.
            let d: Double
            if case .number(let x) = v.raw {
                d = v.coercion.notes.contains(.percentAsFraction) ? x * 100 : x
            } else {
                d = NSDecimalNumber(decimal: n).doubleValue
            }
            if let min = field.min, d < min {
                add(FindingKinds.fieldRange, ru: "\(label) не может быть меньше \(Self.number(min, .ru))", en: "\(label) cannot be less than \(Self.number(min, .en))",
                    expected: "≥ \(Self.number(min, .en))")
            }
            if let max = field.max, d > max {
                add(FindingKinds.fieldRange, ru: "\(label) не может быть больше \(Self.number(max, .ru))", en: "\(label) cannot be greater than \(Self.number(max, .en))",
                    expected: "≤ \(Self.number(max, .en))")
            }
        case .text(let t):
            let bits = plan.verdict(t)
            guard bits != 0 else { break }
            if bits & FieldPlan.notInList != 0, let list = plan.listID {
                let title = catalogLists[list]?.title ?? .init(ru: list, en: list)
                let near = suggestions[list]?.nearest(t)
                let suggestRU = near.map { "; может быть, «\($0)»?" } ?? ": выберите значение из списка"
                let suggestEN = near.map { "; did you mean '\($0)'?" } ?? ": pick a value from the list"
                add(FindingKinds.fieldList, ru: "\(label): «\(t)» нет в справочнике «\(title.ru)»\(suggestRU)",
                    en: "\(label): '\(t)' is not in the list '\(title.en)'\(suggestEN)", expected: near)
            }
            if bits & FieldPlan.notAllowed != 0 {
                add(FindingKinds.fieldAllowed, ru: "\(label): допустимо только \(field.allowed.joined(separator: ", "))",
                    en: "\(label): only \(field.allowed.joined(separator: ", ")) allowed", expected: field.allowed.joined(separator: "|"))
            }
            if bits & FieldPlan.noMatch != 0 {
                let hint = plan.patternHint ?? .init(ru: "значение по образцу", en: "a value matching the pattern")
                add(FindingKinds.fieldPattern, ru: "\(label): ожидается \(hint.ru), а в ячейке «\(t)»",
                    en: "\(label): expected \(hint.en), but the cell holds '\(t)'", expected: hint.en)
            }
        default:
            break
        }
        return false
    }

    static func number(_ d: Double, _ l: Language) -> String {
        NumberText.text(Decimal(d), l)
    }

    static func shown(_ v: CellValue) -> String? {
        switch v {
        case .empty: return nil
        case .number(let d): return NumberText.text(Decimal(d), .en)
        case .text(let s): return s
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .date(let d): return d.iso8601
        case .time(let s), .duration(let s): return String(s)
        case .error(let e): return e
        }
    }
}
