import SvodSchema

/// The part of a schema's regular expression a spreadsheet can check: an anchored run of fixed
/// characters and digits (`^20\d\d/20\d\d$`, `^\d{6}$`) — a `FixedPattern` whose classes are
/// digits only. Anything else (alternatives, `+`, `*`, other classes) is left to `svod validate`.
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
        guard regex.hasPrefix("^"), regex.hasSuffix("$"), let fixed = FixedPattern(regex) else { return nil }
        var out: [Position] = []
        for atom in fixed.atoms {
            switch atom {
            case .scalar(let s): out.append(.literal(Character(s)))
            // `\d`, and a class that is exactly `[0-9]`; any other class has no Excel check.
            case .digit: out.append(.digit)
            case .ranges where atom.isDigit: out.append(.digit)
            case .ranges: return nil
            }
        }
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
