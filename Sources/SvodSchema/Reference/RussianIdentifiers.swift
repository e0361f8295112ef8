/// Format and check-digit tests for Russian registration numbers, by the FNS algorithms.
public enum RussianIdentifiers {
    /// Whether this is a 10-digit (organisation) or 12-digit (person) ИНН whose check digits match.
    public static func isValidINN(_ s: String) -> Bool {
        guard let d = digits(s) else { return false }
        switch d.count {
        case 10:
            return checkDigit(d, weights: [2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[9]
        case 12:
            return checkDigit(d, weights: [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[10]
                && checkDigit(d, weights: [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[11]
        default:
            return false
        }
    }

    /// Whether this is a 13-digit ОГРН (first 12 digits mod 11, mod 10, is the last)
    /// or a 15-digit ОГРНИП (first 14 digits mod 13, mod 10, is the last).
    public static func isValidOGRN(_ s: String) -> Bool {
        guard let d = digits(s), d.count == 13 || d.count == 15 else { return false }
        let body = d.dropLast().reduce(0) { $0 * 10 + $1 }
        let modulus = d.count == 13 ? 11 : 13
        return body % modulus % 10 == d.last!
    }

    /// Whether this is a КПП: 4 digits (tax office), 2 digits or capital Latin letters (reason), 3 digits.
    public static func isValidKPP(_ s: String) -> Bool {
        let c = Array(s.unicodeScalars)
        guard c.count == 9 else { return false }
        func digit(_ u: Unicode.Scalar) -> Bool { ("0"..."9").contains(u) }
        func reason(_ u: Unicode.Scalar) -> Bool { digit(u) || ("A"..."Z").contains(u) }
        return c[0..<4].allSatisfy(digit) && c[4..<6].allSatisfy(reason) && c[6..<9].allSatisfy(digit)
    }

    /// Whether this is an ОКТМО code: 8 digits for a municipality, 11 for a settlement in it.
    public static func isValidOKTMO(_ s: String) -> Bool {
        guard let d = digits(s) else { return false }
        return d.count == 8 || d.count == 11
    }

    /// The digits, or nil if anything else is there.
    public static func digits(_ s: String) -> [Int]? {
        var out: [Int] = []
        out.reserveCapacity(15)
        for u in s.unicodeScalars {
            guard ("0"..."9").contains(u) else { return nil }
            out.append(Int(u.value - 48))
        }
        return out.isEmpty ? nil : out
    }

    /// ИНН check digit: the weighted sum of the digits before it, mod 11, mod 10.
    private static func checkDigit(_ d: [Int], weights: [Int]) -> Int {
        zip(d, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11 % 10
    }
}
