import Foundation
import SvodLocale
import SvodWorkbook

/// How cell contents are written back into messages and text fields, the way a Russian Excel shows them.
enum CellDisplay {
    /// Long text is cut in messages so one bad cell cannot flood a report.
    static let messageLimit = 60

    /// What the cell holds, as the tail of «а в ячейке …» / "but the cell holds …".
    static func found(_ cell: CellValue) -> LocalizedText {
        switch cell {
        case .empty:
            return LocalizedText(ru: "пусто", en: "nothing")
        case .text(let s):
            let shown = shortened(s)
            return LocalizedText(ru: "«\(shown)»", en: "\"\(shown)\"")
        case .number(let x):
            guard let d = DecimalReading.decimal(from: x) else { return LocalizedText(ru: "\(x)", en: "\(x)") }
            return LocalizedText(ru: DecimalReading.text(d, separator: ","), en: DecimalReading.text(d, separator: "."))
        case .bool(let b):
            return LocalizedText(ru: b ? "ИСТИНА" : "ЛОЖЬ", en: b ? "TRUE" : "FALSE")
        case .date(let d):
            return LocalizedText(ru: "дата \(russianDate(d))", en: "the date \(d.iso8601)")
        case .time(let s):
            return LocalizedText(ru: "время \(CivilDateTime.clock(s))", en: "the time \(CivilDateTime.clock(s))")
        case .duration(let s):
            return LocalizedText(ru: "длительность \(elapsed(s))", en: "the duration \(elapsed(s))")
        case .error(let code):
            return LocalizedText(ru: "ошибка \(code)", en: "the error \(code)")
        }
    }

    /// The text a non-text cell becomes in a text field.
    static func text(_ cell: CellValue) -> String {
        switch cell {
        case .empty: return ""
        case .text(let s): return CellText.trimmed(s)
        case .number(let x):
            // Class numbers and codes typed as numbers are whole: no Decimal needed for them.
            if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            guard let d = DecimalReading.decimal(from: x) else { return "\(x)" }
            return DecimalReading.text(d, separator: ",")
        case .bool(let b): return b ? "ИСТИНА" : "ЛОЖЬ"
        case .date(let d): return russianDate(d)
        case .time(let s): return CivilDateTime.clock(s)
        case .duration(let s): return elapsed(s)
        case .error(let code): return code
        }
    }

    /// «15.04.2024», or «15.04.2024 10:30:00» when the value has a time of day.
    static func russianDate(_ value: CivilDateTime) -> String {
        let (y, m, d) = value.date
        let day = "\(twoDigits(d)).\(twoDigits(m)).\(y)"
        return value.hasTime && value.seconds != 0 ? day + " " + CivilDateTime.clock(value.seconds) : day
    }

    private static func shortened(_ s: String) -> String {
        s.count <= messageLimit ? s : String(s.prefix(messageLimit)) + "…"
    }

    // Durations pass 24 hours (a school year's lesson hours), so the clock's wrap would lie.
    private static func elapsed(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let sign = total < 0 ? "-" : ""
        let t = abs(total)
        return "\(sign)\(t / 3600):\(twoDigits(t / 60 % 60)):\(twoDigits(t % 60))"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
