/// What a number format makes of the number under it, as far as its type is concerned.
public enum NumberFormatKind: Sendable, Equatable {
    /// A plain number (General, 0.00, currencies, text "@").
    case number
    /// A number shown as a percentage (`0.0%`): the cell holds the fraction, 0.817 for 81.7 %.
    case percent
    /// A calendar date, with or without a time of day.
    case dateTime(hasDate: Bool, hasTime: Bool)
    /// Elapsed time ([h]:mm:ss): a duration, not a moment.
    case duration
}

/// Classifies number formats into numbers, dates and durations.
public enum NumberFormat {
    /// The kind of a built-in format id (ECMA-376 Part 1, 18.8.30, with the East Asian ids).
    public static func builtinKind(_ id: Int) -> NumberFormatKind {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: return .dateTime(hasDate: true, hasTime: false)
        case 22: return .dateTime(hasDate: true, hasTime: true)
        case 18...21, 32, 33, 45, 47: return .dateTime(hasDate: false, hasTime: true)
        case 46: return .duration
        case 9, 10: return .percent
        default: return .number
        }
    }

    /// The code of a built-in format id as Excel shows it in a Russian locale's terms (ECMA-376
    /// Part 1, 18.8.30); nil for General and for ids whose code depends on the locale.
    public static func builtinCode(_ id: Int) -> String? {
        let codes: [Int: String] = [
            1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
            14: "dd.mm.yyyy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "hh:mm", 21: "hh:mm:ss",
            22: "dd.mm.yyyy hh:mm", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)",
            45: "mm:ss", 46: "[h]:mm:ss", 47: "mm:ss.0", 48: "##0.0E+0", 49: "@",
        ]
        return codes[id]
    }

    /// The kind of a format code such as `dd.mm.yyyy`, `[h]:mm:ss` or `#,##0.0 "₽"`.
    ///
    /// Quoted text, backslash escapes, `_x` / `*x` padding and bracketed colours and locales
    /// are skipped; only the first section decides, as it is the one applied to positive numbers.
    public static func kind(ofCode fullCode: String) -> NumberFormatKind {
        // Excel allows 255 characters in a format code; a longer one is read no further.
        let code = String(fullCode.unicodeScalars.prefix(1024))
        let marksClock = code.uppercased().contains("AM/PM") || code.uppercased().contains("A/P")
        var hasDate = false
        var hasTime = false
        var elapsed = false
        var sawMonthOrMinute = false
        var sawPercent = false
        var it = code.unicodeScalars.makeIterator()
        scan: while let ch = it.next() {
            switch ch {
            case "\"":
                while let c = it.next(), c != "\"" {}
            case "\\", "_", "*":
                _ = it.next()
            case "[":
                var inner = ""
                while let c = it.next(), c != "]" { inner.unicodeScalars.append(c) }
                let lower = inner.lowercased()
                if !lower.isEmpty, lower.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) {
                    elapsed = true
                }
            case ";":
                break scan
            case "%":
                sawPercent = true
            case "y", "Y", "d", "D":
                hasDate = true
            case "h", "H", "s", "S":
                hasTime = true
            case "m", "M":
                sawMonthOrMinute = true
            case "a", "A":
                // AM/PM marks a clock; other words containing 'a' are in quotes or brackets.
                hasTime = hasTime || marksClock
            default:
                break
            }
        }
        if elapsed { return .duration }
        if sawMonthOrMinute && !hasTime { hasDate = true }
        if hasDate || hasTime { return .dateTime(hasDate: hasDate, hasTime: hasTime) }
        return sawPercent ? .percent : .number
    }
}
