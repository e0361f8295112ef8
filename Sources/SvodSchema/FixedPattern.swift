import Foundation

/// A pattern whose every match has one shape — literal characters, `\d`, `[А-Я0-9-]` classes,
/// each repeated a fixed `{n}` times (`[0-9]{3}-[А-Я]{2}`, `20\d\d/20\d\d`) — matched scalar by
/// scalar without a regular-expression engine: identifiers like these are checked on every row.
/// Anything else (alternatives, optional or open repeats, `.`, negated classes) is nil and
/// left to `NSRegularExpression`.
public struct FixedPattern: Sendable, Equatable {
    /// One position of the text: a given scalar, or one of some ranges of scalars.
    public enum Atom: Sendable, Equatable {
        case scalar(Unicode.Scalar)
        case ranges([ClosedRange<UInt32>])
        /// `\d`: any decimal digit, as ICU reads it (fullwidth «１» too).
        case digit

        /// `\d` or `[0-9]`.
        public var isDigit: Bool { self == .digit || self == .ranges([48...57]) }

        /// Whether a scalar fits this position.
        public func matches(_ s: Unicode.Scalar) -> Bool {
            switch self {
            case .digit: return (48...57).contains(s.value) || (s.value > 0x7F && s.properties.generalCategory == .decimalNumber)
            case .scalar(let c): return s == c
            case .ranges(let r): return r.contains { $0.contains(s.value) }
            }
        }
    }

    /// The positions, one per scalar of a matching text.
    public let atoms: [Atom]

    /// The pattern's shape, or nil when it has none fixed.
    public init?(_ pattern: String) {
        var p = Array(pattern.unicodeScalars)
        if p.first == "^" { p.removeFirst() }
        if p.last == "$", p.count < 2 || p[p.count - 2] != "\\" { p.removeLast() }
        var atoms: [Atom] = []
        var i = 0
        while i < p.count {
            var atom: Atom
            switch p[i] {
            case "\\":
                guard i + 1 < p.count else { return nil }
                let e = p[i + 1]
                if e == "d" { atom = .digit }
                else if "\\.-/()[]{}*+?|^$ ".unicodeScalars.contains(e) { atom = .scalar(e) }
                else { return nil }
                i += 2
            case "[":
                guard let (ranges, next) = Self.characterClass(p, from: i + 1) else { return nil }
                atom = .ranges(ranges)
                i = next
            case ".", "(", ")", "|", "*", "+", "?", "{", "}", "^", "$", "]":
                return nil
            default:
                atom = .scalar(p[i])
                i += 1
            }
            var count = 1
            if i < p.count, p[i] == "{" {
                guard let close = p[i...].firstIndex(of: "}"), let n = Int(String(String.UnicodeScalarView(p[(i + 1)..<close]))),
                      (1...64).contains(n) else { return nil }
                count = n
                i = close + 1
            }
            if i < p.count, "*+?".unicodeScalars.contains(p[i]) { return nil }
            atoms += Array(repeating: atom, count: count)
        }
        guard !atoms.isEmpty else { return nil }
        self.atoms = atoms
    }

    /// `[...]` without negation: single scalars, `a-z` ranges, `\d`, escaped scalars.
    private static func characterClass(_ p: [Unicode.Scalar], from start: Int) -> ([ClosedRange<UInt32>], Int)? {
        var ranges: [ClosedRange<UInt32>] = []
        var i = start
        guard i < p.count, p[i] != "^" else { return nil }
        while i < p.count, p[i] != "]" {
            if p[i] == "&", i + 1 < p.count, p[i + 1] == "&" { return nil }  // ICU's class intersection
            var low = p[i]
            if low == "\\" {
                guard i + 1 < p.count else { return nil }
                if p[i + 1] == "d" { return nil }  // \d in a class is any Unicode digit: left to ICU
                guard "\\-]^[".unicodeScalars.contains(p[i + 1]) else { return nil }
                low = p[i + 1]
                i += 1
            } else if low == "[" {
                return nil
            }
            if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]", p[i + 2] != "\\" {
                guard low.value <= p[i + 2].value else { return nil }
                ranges.append(low.value...p[i + 2].value)
                i += 3
            } else {
                ranges.append(low.value...low.value)
                i += 1
            }
        }
        guard i < p.count, !ranges.isEmpty else { return nil }
        return (ranges, i + 1)
    }

    /// Whether the whole text matches.
    public func matches(_ text: String) -> Bool {
        var k = 0
        for s in text.unicodeScalars {
            guard k < atoms.count, atoms[k].matches(s) else { return false }
            k += 1
        }
        return k == atoms.count
    }
}
