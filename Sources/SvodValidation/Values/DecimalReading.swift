import Foundation

/// Exact decimal numbers from the binary doubles spreadsheets store and from digit strings.
enum DecimalReading {
    /// Excel shows at most 15 significant digits, so anything past them is binary noise
    /// (0.1+0.2 stores 0.30000000000000004; a school typed 0.3).
    static let significantDigits = 15

    /// The double rounded to 15 significant digits, exactly; nil for infinities and NaN.
    static func decimal(from x: Double) -> Decimal? {
        guard x.isFinite else { return nil }
        if x == 0 { return 0 }
        // Counts are whole: exact, and no logarithm needed.
        if x == x.rounded(), abs(x) < 1e15 { return Decimal(Int64(x)) }
        if let fast = fastDecimal(x) { return fast }
        // %e rounds the exact binary value, so there is no second rounding of a shortest form.
        let scientific = String(format: "%.\(significantDigits - 1)e", x)
        guard let ePos = scientific.firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(scientific[scientific.index(after: ePos)...]) else { return nil }
        let mantissa = scientific[..<ePos]
        let negative = mantissa.hasPrefix("-")
        let digits = mantissa.filter(\.isNumber)
        let value = make(negative: negative, digits: digits, exponent: exponent - (digits.count - 1))
        // Decimal's exponent stops at 127; no school counts anything that large.
        return value.isNaN ? nil : value
    }

    private static let powers: [Double] = (0...15).map { pow(10, Double($0)) }

    /// The common case without formatting text: a value with few decimal places (a count,
    /// 81.7, 0.3 stored as 0.30000000000000004) is the integer `r` at the first scale `10^k`
    /// where `x·10^k` lies within half a unit of the 15th significant digit of `r`: exactly what
    /// rounding to 15 significant digits gives. nil leaves the rare rest to the exact path.
    private static func fastDecimal(_ x: Double) -> Decimal? {
        let m = abs(x)
        guard m >= 1e-6, m < 1e15 else { return nil }
        // Half a unit of the 15th significant digit, in x's units.
        let half = 0.5 * pow(10, (log10(m)).rounded(.down) - 14)
        for k in 0...15 {
            let scaled = m * powers[k]
            // Past 15 digits r would keep noise that rounding to 15 significant digits drops.
            guard scaled < 1e15 else { return nil }
            let r = scaled.rounded()
            // A quarter of the half unit: far enough from a tie that the binary error of
            // `m * 10^k` (under a thirtieth of it) cannot change which way it rounds.
            if abs(scaled - r) <= half * powers[k] * 0.25 {
                return Decimal(sign: x < 0 ? .minus : .plus, exponent: -k, significand: Decimal(UInt64(r)))
            }
        }
        return nil
    }

    /// The number ±digits × 10^exponent, with trailing zeros folded into the exponent.
    static func make<S: StringProtocol>(negative: Bool, digits: S, exponent: Int) -> Decimal {
        var significant = Substring(digits.drop { $0 == "0" })
        var exp = exponent
        while significant.last == "0" {
            significant.removeLast()
            exp += 1
        }
        if significant.isEmpty { return 0 }
        var magnitude = Decimal(0)
        for c in significant {
            magnitude = magnitude * 10 + Decimal(Int(c.asciiValue! - 48))
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: exp, significand: magnitude)
    }

    /// Whether the number has no fraction.
    static func isWhole(_ d: Decimal) -> Bool {
        var value = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return rounded == d
    }

    /// Plain positional text («81,7», «-5», «1234567»): no exponent, no grouping.
    static func text(_ d: Decimal, separator: Character) -> String {
        let plain = d.description
        return separator == "." ? plain : String(plain.map { $0 == "." ? separator : $0 })
    }
}
