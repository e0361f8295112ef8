import SvodWorkbook
import SvodXML

/// Turns an Excel number format code into an ODF data style (`number:number-style`,
/// `number:percentage-style`, `number:date-style`, `number:time-style`, `number:text-style`).
///
/// Covers what a department's workbook uses: digits and decimals, grouping, percentages,
/// literal text, dates and times in any order, elapsed hours. Only the first section of a
/// code is translated (the one for positive numbers); colours and conditions are dropped.
enum ODSDataStyle {
    private enum Token: Equatable {
        case day(long: Bool), dayOfWeek(long: Bool), month(long: Bool), monthName(long: Bool), year(long: Bool)
        case hours(long: Bool), minutes(long: Bool), seconds(long: Bool, decimals: Int), ampm
        case text(String)
    }

    /// The code svod gives boolean cells; Excel has no such format code.
    static let boolean = "BOOLEAN"

    /// Whether `code` needs a data style at all (General, or a first section that is empty, does not).
    static func needsStyle(_ code: String) -> Bool {
        if code == boolean { return true }
        let section = firstSection(code)
        return !(section.isEmpty || section.lowercased() == "general")
    }

    /// Writes the style named `name` for `code`; false when the code needs no data style (General).
    static func write(code: String, name: String, to x: XMLWriter) -> Bool {
        if code == boolean {
            x.raw(#"<number:boolean-style style:name=""#); x.raw(name); x.raw(#""><number:boolean/></number:boolean-style>"#)
            return true
        }
        let section = firstSection(code)
        if section.isEmpty || section.lowercased() == "general" { return false }
        if section == "@" {
            x.raw(#"<number:text-style style:name=""#); x.raw(name); x.raw(#""><number:text-content/></number:text-style>"#)
            return true
        }
        switch NumberFormat.kind(ofCode: section) {
        case .dateTime, .duration:
            writeDateTime(section, name: name, to: x)
        case .number, .percent:
            writeNumber(section, name: name, to: x)
        }
        return true
    }

    private static func firstSection(_ code: String) -> String {
        var out = "", quoted = false
        for ch in code {
            if ch == "\"" { quoted.toggle() }
            if ch == ";" && !quoted { break }
            out.append(ch)
        }
        return out
    }

    private static func writeNumber(_ code: String, name: String, to x: XMLWriter) {
        var prefix = "", suffix = "", decimals = 0, minInteger = 0, grouping = false, percent = false
        var seenDigit = false, afterPoint = false
        var chars = Array(code)
        var i = 0
        func literal(_ s: String) { if seenDigit { suffix += s } else { prefix += s } }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "0", "#", "?":
                seenDigit = true
                if afterPoint { decimals += 1 } else if c == "0" { minInteger += 1 }
            case ".": if seenDigit || chars.dropFirst(i + 1).contains(where: { "0#?".contains($0) }) { afterPoint = true; seenDigit = true } else { literal(".") }
            case ",": if seenDigit && !afterPoint { grouping = true }
            case "%": percent = true; literal("%")
            case "\"":
                var s = ""
                i += 1
                while i < chars.count, chars[i] != "\"" { s.append(chars[i]); i += 1 }
                literal(s)
            case "\\": i += 1; if i < chars.count { literal(String(chars[i])) }
            case "_": i += 1; literal(" ")
            case "*": i += 1
            case "[": while i < chars.count, chars[i] != "]" { i += 1 }
            default: literal(String(c))
            }
            i += 1
        }
        chars.removeAll()
        let tag = percent ? "number:percentage-style" : "number:number-style"
        x.raw("<\(tag) style:name=\"\(name)\">")
        if !prefix.isEmpty { x.raw("<number:text>"); x.safeText(prefix); x.raw("</number:text>") }
        x.raw(#"<number:number number:decimal-places=""#); x.int(decimals)
        x.raw(#"" number:min-decimal-places=""#); x.int(decimals)
        x.raw(#"" number:min-integer-digits=""#); x.int(minInteger)
        x.raw(#"""#)
        if grouping { x.raw(#" number:grouping="true""#) }
        x.raw("/>")
        if !suffix.isEmpty { x.raw("<number:text>"); x.safeText(suffix); x.raw("</number:text>") }
        x.raw("</\(tag)>")
    }

    private static func writeDateTime(_ code: String, name: String, to x: XMLWriter) {
        let tokens = tokenize(code)
        let hasDate = tokens.contains {
            switch $0 {
            case .day, .dayOfWeek, .month, .monthName, .year: return true
            default: return false
            }
        }
        let elapsed = code.contains("[h") || code.contains("[H")
        let tag = hasDate ? "number:date-style" : "number:time-style"
        x.raw("<\(tag) style:name=\"\(name)\"")
        if elapsed && !hasDate { x.raw(#" number:truncate-on-overflow="false""#) }
        x.raw(">")
        for t in tokens {
            switch t {
            case .day(let long): x.raw(long ? #"<number:day number:style="long"/>"# : "<number:day/>")
            case .dayOfWeek(let long): x.raw(long ? #"<number:day-of-week number:style="long"/>"# : "<number:day-of-week/>")
            case .month(let long): x.raw(long ? #"<number:month number:style="long"/>"# : "<number:month/>")
            case .monthName(let long):
                x.raw(long ? #"<number:month number:style="long" number:textual="true"/>"# : #"<number:month number:textual="true"/>"#)
            case .year(let long): x.raw(long ? #"<number:year number:style="long"/>"# : "<number:year/>")
            case .hours(let long): x.raw(long ? #"<number:hours number:style="long"/>"# : "<number:hours/>")
            case .minutes(let long): x.raw(long ? #"<number:minutes number:style="long"/>"# : "<number:minutes/>")
            case .seconds(let long, let decimals):
                x.raw(long ? #"<number:seconds number:style="long""# : "<number:seconds")
                if decimals > 0 { x.raw(#" number:decimal-places=""#); x.int(decimals); x.raw(#"""#) }
                x.raw("/>")
            case .ampm: x.raw("<number:am-pm/>")
            case .text(let s): x.raw("<number:text>"); x.safeText(s); x.raw("</number:text>")
            }
        }
        x.raw("</\(tag)>")
    }

    /// Date and time codes; `m` after an hour or before a second means minutes, as in Excel.
    private static func tokenize(_ code: String) -> [Token] {
        var tokens: [Token] = []
        let c = Array(code)
        var i = 0
        func run(_ ch: Character) -> Int {
            var n = 0
            while i + n < c.count, c[i + n].lowercased() == String(ch) { n += 1 }
            return n
        }
        func appendText(_ s: String) {
            if case .text(let prev)? = tokens.last { tokens[tokens.count - 1] = .text(prev + s) } else { tokens.append(.text(s)) }
        }
        while i < c.count {
            let ch = Character(c[i].lowercased())
            switch ch {
            case "d":
                let n = run("d"); i += n
                tokens.append(n >= 3 ? .dayOfWeek(long: n >= 4) : .day(long: n == 2))
            case "y":
                let n = run("y"); i += n
                tokens.append(.year(long: n > 2))
            case "h":
                let n = run("h"); i += n
                tokens.append(.hours(long: n >= 2))
            case "s":
                let n = run("s"); i += n
                var decimals = 0
                if i < c.count, c[i] == "." {
                    var k = i + 1
                    while k < c.count, c[k] == "0" { decimals += 1; k += 1 }
                    if decimals > 0 { i = k }
                }
                tokens.append(.seconds(long: n >= 2, decimals: decimals))
            case "m":
                let n = run("m"); i += n
                let afterHour = tokens.last(where: { if case .text = $0 { false } else { true } }).map {
                    if case .hours = $0 { true } else { false }
                } ?? false
                let rest = String(c[i...]).lowercased().drop { !"dyhs".contains($0) }
                let beforeSecond = rest.first == "s"
                if n <= 2 && (afterHour || beforeSecond) {
                    tokens.append(.minutes(long: n == 2))
                } else if n >= 3 {
                    tokens.append(.monthName(long: n >= 4))
                } else {
                    tokens.append(.month(long: n == 2))
                }
            case "a" where String(c[i...]).uppercased().hasPrefix("AM/PM"):
                tokens.append(.ampm); i += 5
            case "a" where String(c[i...]).uppercased().hasPrefix("A/P"):
                tokens.append(.ampm); i += 3
            case "\"":
                var s = ""
                i += 1
                while i < c.count, c[i] != "\"" { s.append(c[i]); i += 1 }
                i += 1
                appendText(s)
            case "\\":
                if i + 1 < c.count { appendText(String(c[i + 1])) }
                i += 2
            case "[":
                // [h] elapsed hours is kept by the hour token; colours and locales are dropped.
                var inner = ""
                i += 1
                while i < c.count, c[i] != "]" { inner.append(c[i]); i += 1 }
                i += 1
                let lower = inner.lowercased()
                if lower.first == "h" { tokens.append(.hours(long: lower.count >= 2)) }
                else if lower.first == "m" { tokens.append(.minutes(long: lower.count >= 2)) }
                else if lower.first == "s" { tokens.append(.seconds(long: lower.count >= 2, decimals: 0)) }
            case "_", "*":
                i += 2
            default:
                appendText(String(c[i]))
                i += 1
            }
        }
        return tokens.filter { $0 != .text("") }
    }
}
