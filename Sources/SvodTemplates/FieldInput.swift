import Foundation
import SvodSchema
import SvodWorkbook

/// How a field's input cell behaves in the template: its number format and the native data
/// validation (drop-down list, range, date, text shape) with Russian prompt and error messages.
struct FieldInput {
    let field: FieldSchema
    /// For a code field: the range of its list's items on the hidden sheet (`'Списки'!$A$2:$A$40`).
    var listRange: String? = nil
    /// For a code field: the list's title.
    var listTitle: String? = nil

    /// Excel's number format for the cell: integers `0`, decimals and percents (0–100, not
    /// fractions) with their places, dates `dd.mm.yyyy`, identifiers and text `@`.
    var numberFormat: String? {
        switch field.type {
        case .integer: return CellStyle.Format.integer
        case .decimal(let p), .percent(let p): return p > 0 ? "0." + String(repeating: "0", count: p) : "0"
        case .date: return CellStyle.Format.date
        case .text, .inn, .ogrn, .kpp, .oktmo: return CellStyle.Format.text
        case .boolean, .code: return nil
        }
    }

    /// The validation of the cells in `ranges`; `anchor` is the top-left cell (relative formulas are written for it).
    func validation(_ ranges: [CellRange]) -> DataValidation? {
        guard let (rule, hint) = rule(anchor: ranges.first?.start.a1 ?? "A1") else { return nil }
        var text = hint
        if let unit = field.unit, !unit.isEmpty, !field.label.contains(unit) { text += " " + Wording.sentence("Единица: \(unit)") }
        if field.required { text += " Обязательное поле." }
        return DataValidation(ranges: ranges, rule: rule, allowBlank: true,
                              prompt: (Self.clip(field.label, 32), Self.clip(text, 255)),
                              error: ("Неверное значение", Self.clip(hint, 255)), errorStyle: .stop)
    }

    /// The prompt without a validation (a pattern too complex for the programs).
    private func rule(anchor: String) -> (DataValidation.Rule, String)? {
        func bounds(_ lo: Double?, _ hi: Double?, _ whole: Bool) -> (DataValidation.Comparison, Double, Double?, String) {
            let what = whole ? "Целое число" : "Число"
            switch (lo, hi) {
            case let (lo?, hi?): return (.between, lo, hi, "\(what) от \(Self.number(lo)) до \(Self.number(hi)).")
            case let (lo?, nil): return (.greaterThanOrEqual, lo, nil, "\(what) не меньше \(Self.number(lo)).")
            case let (nil, hi?): return (.lessThanOrEqual, hi, nil, "\(what) не больше \(Self.number(hi)).")
            case (nil, nil): return (.between, -1e12, 1e12, "\(what).")
            }
        }
        switch field.type {
        case .integer:
            let (op, a, b, text) = bounds(field.min, field.max, true)
            return (.whole(op, a, b), text)
        case .decimal(let p):
            let (op, a, b, text) = bounds(field.min, field.max, false)
            return (.decimal(op, a, b), text + " Знаков после запятой: \(p).")
        case .percent(let p):
            let (op, a, b, text) = bounds(field.min, field.max, false)
            return (.decimal(op, a, b), "Проценты числом (81,7, а не 0,817 и без знака %). " + text + " Знаков после запятой: \(p).")
        case .boolean:
            return (.list(["да", "нет"]), "Выберите «да» или «нет».")
        case .date:
            let lo = field.min.flatMap { DateSystem.from1900.dateTime(serial: $0, hasTime: false) } ?? CivilDateTime(year: 1990, month: 1, day: 1)!
            let hi = field.max.flatMap { DateSystem.from1900.dateTime(serial: $0, hasTime: false) } ?? CivilDateTime(year: 2100, month: 12, day: 31)!
            return (.date(.between, lo, hi), "Дата в виде ДД.ММ.ГГГГ.")
        case .code:
            guard let range = listRange else { return nil }
            let title = listTitle.map { " «\($0)»" } ?? ""
            return (.listRange(range), "Выберите значение из списка\(title).")
        case .text:
            if !field.allowed.isEmpty {
                let literal = field.allowed.joined(separator: ",")
                guard !field.allowed.contains(where: { $0.contains(",") || $0.contains("\"") }), literal.utf16.count <= 255 else {
                    return nil
                }
                return (.list(field.allowed), "Выберите значение из списка.")
            }
            guard let regex = field.pattern, let pattern = TextPattern(regex), let check = pattern.excelCheck(anchor) else { return nil }
            return (.custom(check), "Текст вида \(pattern.sample) (# — цифра).")
        case .inn:
            return (.custom("OR(LEN(\(anchor))=10,LEN(\(anchor))=12)"), "ИНН: 10 цифр (организация) или 12 (человек).")
        case .ogrn:
            return (.custom("OR(LEN(\(anchor))=13,LEN(\(anchor))=15)"), "ОГРН: 13 цифр (ОГРНИП — 15).")
        case .kpp:
            return (.textLength(.equal, 9, nil), "КПП: 9 знаков.")
        case .oktmo:
            return (.custom("OR(LEN(\(anchor))=8,LEN(\(anchor))=11)"), "ОКТМО: 8 или 11 цифр.")
        }
    }

    /// A number as Russians write it: decimal comma, no trailing zeros.
    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d).replacingOccurrences(of: ".", with: ",")
    }

    /// Text cut to `n` UTF-16 units (Excel's limits on validation messages), with an ellipsis.
    static func clip(_ s: String, _ n: Int) -> String {
        guard s.utf16.count > n else { return s }
        var out = ""
        for c in s {
            if out.utf16.count + String(c).utf16.count > n - 1 { break }
            out.append(c)
        }
        return out + "…"
    }
}
