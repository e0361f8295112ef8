/// The part of a schema's regular expression a spreadsheet can check: an anchored run of fixed
/// characters and digits (`^20\d\d/20\d\d$`, `^\d{6}$`). Anything else (alternatives, `+`, `*`,
/// classes other than digits) is left to `svod validate`.
struct TextPattern: Equatable {
    /// One position of the text.
    enum Position: Equatable {
        case digit
        case literal(Character)
    }

    /// The positions, one a character.
    let positions: [Position]

    /// The pattern, or nil when a spreadsheet cannot express it.
    init?(_ regex: String) {
        var chars = Array(regex)
        guard chars.first == "^", chars.last == "$", chars.count > 2 else { return nil }
        chars = Array(chars.dropFirst().dropLast())
        var out: [Position] = []
        var i = 0
        while i < chars.count {
            var p: Position
            switch chars[i] {
            case "\\":
                guard i + 1 < chars.count else { return nil }
                let c = chars[i + 1]
                if c == "d" { p = .digit } else if "./-\\()[]{}+*?^$|: ".contains(c) { p = .literal(c) } else { return nil }
                i += 2
            case "[":
                guard i + 5 <= chars.count, String(chars[i..<(i + 5)]) == "[0-9]" else { return nil }
                p = .digit
                i += 5
            case ".", "(", ")", "|", "+", "*", "?", "{", "}", "]", "^", "$":
                return nil
            default:
                p = .literal(chars[i])
                i += 1
            }
            var repeats = 1
            if i < chars.count, chars[i] == "{" {
                guard let close = chars[i...].firstIndex(of: "}"), let n = Int(String(chars[(i + 1)..<close])), (1...64).contains(n) else { return nil }
                repeats = n
                i = close + 1
            }
            out += Array(repeating: p, count: repeats)
        }
        guard !out.isEmpty else { return nil }
        positions = out
    }

    /// What the text looks like, `#` standing for a digit: `20##/20##`.
    var sample: String {
        String(positions.map { if case .literal(let c) = $0 { c } else { "#" } })
    }

    /// An Excel formula true when the text in `cell` (A1, relative) fits, or nil past the 255
    /// characters Excel allows a validation formula. A run of digits is checked as a number
    /// (`-MID(…)`), which also lets a sign or a point through: `svod validate` is exact.
    func excelCheck(_ cell: String) -> String? {
        var parts = ["LEN(\(cell))=\(positions.count)"]
        var i = 0
        while i < positions.count {
            var j = i
            while j < positions.count, (positions[j] == .digit) == (positions[i] == .digit) { j += 1 }
            let mid = "MID(\(cell),\(i + 1),\(j - i))"
            if positions[i] == .digit {
                parts.append("ISNUMBER(-\(mid))")
            } else {
                let text = String(positions[i..<j].map { if case .literal(let c) = $0 { c } else { "#" } })
                parts.append("EXACT(\(mid),\"\(text.replacingOccurrences(of: "\"", with: "\"\""))\")")
            }
            i = j
        }
        let formula = "AND(" + parts.joined(separator: ",") + ")"
        return formula.utf16.count <= 255 ? formula : nil
    }
}
