import SvodLocale
import SvodWorkbook

/// A finding's actual or expected value as the reports show it. The engine hands values over
/// as text in its own notation (numbers with a dot, `TRUE`/`FALSE`, ISO dates); the reports
/// give them back the way the reader's language writes them — «19,6» beside a message saying
/// «19,6 %», not «19.6» — and the annotated workbook writes numbers, booleans and dates as
/// such, so a spreadsheet shows them in its own locale.
///
/// Only the engine's exact notation is taken for a number (`-?digits[.digits]`, no grouping,
/// no exponent): a text that merely contains digits («5А», «1 097», «81,7») stays text.
enum ReportValue: Equatable {
    /// A number in the engine's notation, and how many decimal places it was written with.
    case number(String, places: Int)
    case bool(Bool)
    case date(CivilDateTime)
    case text(String)

    /// The value the engine's text stands for.
    init(_ s: String) {
        if let places = Self.places(s) {
            self = .number(s, places: places)
        } else if s == "TRUE" || s == "FALSE" {
            self = .bool(s == "TRUE")
        } else if let d = Self.date(s) {
            self = .date(d)
        } else {
            self = .text(s)
        }
    }

    /// The value as text in `language`: «-19,6», «ИСТИНА», «05.09.2024» in Russian;
    /// "-19.6", "TRUE", "2024-09-05" in English. Numbers are not grouped in thousands, as the
    /// messages beside them are not («1097»).
    func shown(_ language: Language) -> String {
        let ru = language == .ru
        switch self {
        case .number(let s, _):
            return ru ? s.replacingOccurrences(of: ".", with: ",") : s
        case .bool(let b):
            return ru ? (b ? "ИСТИНА" : "ЛОЖЬ") : (b ? "TRUE" : "FALSE")
        case .date(let d):
            guard ru else { return d.iso8601 }
            let (y, m, day) = d.date
            let text = Self.two(day) + "." + Self.two(m) + "." + String(y)
            return d.hasTime ? text + " " + CivilDateTime.clock(d.seconds) : text
        case .text(let s):
            return s
        }
    }

    /// The value as a spreadsheet cell and the number format that shows it as written:
    /// `0.0` for 46.1, `0` for 13, `dd.mm.yyyy` for a date; text has none.
    func cell(_ language: Language) -> (value: CellValue, format: String?) {
        switch self {
        case .number(let s, let places):
            return (.number(Double(s) ?? 0), places == 0 ? "0" : "0." + String(repeating: "0", count: places))
        case .bool(let b):
            return (.bool(b), nil)
        case .date(let d):
            let day = language == .ru ? "dd.mm.yyyy" : "yyyy-mm-dd"
            return (.date(d), d.hasTime ? day + " hh:mm:ss" : day)
        case .text(let s):
            return (.text(s), nil)
        }
    }

    /// The decimal places of `-?[0-9]+(\.[0-9]+)?`, nil for any other text; at most 15
    /// significant digits, which a spreadsheet's double holds exactly.
    private static func places(_ s: String) -> Int? {
        var digits = 0, places: Int? = nil
        for (i, c) in s.utf8.enumerated() {
            switch c {
            case UInt8(ascii: "-") where i == 0: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if let p = places { places = p + 1 }
            case UInt8(ascii: ".") where places == nil && digits > 0: places = 0
            default: return nil
            }
        }
        guard digits > 0, digits <= 15, places != 0 else { return nil }
        return places ?? 0
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ss[.fraction]`, as `CivilDateTime.iso8601` writes them.
    private static func date(_ s: String) -> CivilDateTime? {
        let u = Array(s.utf8)
        guard u.count == 10 || (u.count >= 19 && u[10] == UInt8(ascii: "T")) else { return nil }
        func int(_ r: Range<Int>) -> Int? {
            guard r.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(u[$0]) }) else { return nil }
            return r.reduce(0) { $0 * 10 + Int(u[$1] - UInt8(ascii: "0")) }
        }
        guard u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = int(0..<4), let m = int(5..<7), let d = int(8..<10) else { return nil }
        guard u.count > 10 else { return CivilDateTime(year: y, month: m, day: d, hasTime: false) }
        guard u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"), let h = int(11..<13), let min = int(14..<16),
              let sec = Double(String(decoding: u[17...], as: UTF8.self)) else { return nil }
        return CivilDateTime(year: y, month: m, day: d, hour: h, minute: min, second: sec)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
