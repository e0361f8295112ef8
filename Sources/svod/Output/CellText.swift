import SvodLocale
import SvodWorkbook

/// How cell values are spelled in svod's outputs.
enum CellText {
    /// The corpus type name: number, string, bool, date, datetime, time, duration, error.
    static func typeName(_ v: CellValue) -> String {
        switch v {
        case .empty: return "empty"
        case .number: return "number"
        case .text: return "string"
        case .bool: return "bool"
        case .date(let d): return d.hasTime ? "datetime" : "date"
        case .time: return "time"
        case .duration: return "duration"
        case .error: return "error"
        }
    }

    /// The shortest decimal that reads back as the same double ("15", "0.1", "1e-07").
    static func number(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-INF" : "INF" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// The value as plain text (CSV, terminal).
    static func plain(_ v: CellValue) -> String {
        switch v {
        case .empty: return ""
        case .number(let d): return number(d)
        case .text(let s): return s
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .date(let d): return d.iso8601
        case .time(let s): return CivilDateTime.clock(s)
        case .duration(let s): return number(s)
        case .error(let e): return e
        }
    }

    /// The value as a JSON literal.
    static func json(_ v: CellValue) -> String {
        switch v {
        case .empty: return "null"
        case .number(let d): return d.isFinite ? jsonNumber(d) : quoted(number(d))
        case .duration(let d): return d.isFinite ? jsonNumber(d) : quoted(number(d))
        case .bool(let b): return b ? "true" : "false"
        case .text, .date, .time, .error: return quoted(plain(v))
        }
    }

    private static func jsonNumber(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return "\(d)"
    }

    /// A JSON string literal.
    static func quoted(_ s: String) -> String { JSONString.literal(s) }
}
