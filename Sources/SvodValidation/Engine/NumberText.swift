import Foundation
import SvodLocale
import SvodWorkbook

/// Numbers in messages as people write them: «81,7» in Russian, "81.7" in English.
enum NumberText {
    static func text(_ d: Decimal, _ language: Language) -> String {
        var v = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 6, .plain)
        let s = NSDecimalNumber(decimal: rounded).stringValue
        return language == .ru ? s.replacingOccurrences(of: ".", with: ",") : s
    }
}

extension NumberText {
    /// A cell's value as a message shows it: numbers with the language's decimal mark, the rest as the cell shows it.
    static func shown(_ v: CellValue) -> LocalizedText {
        if case .number(let x) = v, let d = DecimalReading.decimal(from: x) { return .init(ru: text(d, .ru), en: text(d, .en)) }
        let t = CellDisplay.text(v)
        return .init(ru: t, en: t)
    }

    /// `shown` in one language only.
    static func shown(_ v: CellValue, _ language: Language) -> String {
        if case .number(let x) = v, let d = DecimalReading.decimal(from: x) { return text(d, language) }
        return CellDisplay.text(v)
    }
}
