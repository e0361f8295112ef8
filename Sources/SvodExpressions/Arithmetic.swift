import Foundation

/// Exact `Decimal` arithmetic kept inside a range where Foundation's `Decimal` neither returns NaN nor traps.
///
/// Foundation traps (crashes the process) when a product's exponent falls below −128, e.g. 1e-100 * 1e-100,
/// and when rounding very large numbers to negative places. Every operand is therefore first brought into
/// |x| ≤ 10^100 with at most 60 decimal places (smaller magnitudes become 0); beyond that is an overflow error.
/// School data never comes near either bound.
enum Arithmetic {
    static let largest = Decimal(sign: .plus, exponent: 100, significand: 1)
    static let finestPlaces = 60

    static func apply(_ op: BinaryOperator, _ left: Decimal, _ right: Decimal) throws -> Decimal {
        let a = try normalized(left, op.rawValue), b = try normalized(right, op.rawValue)
        switch op {
        case .add: return try normalized(a + b, op.rawValue)
        case .subtract: return try normalized(a - b, op.rawValue)
        case .multiply: return try multiply(a, b, op.rawValue)
        case .divide: return try divide(a, b)
        case .power: return try power(a, b)
        case .concatenate: preconditionFailure("& is not arithmetic")
        }
    }

    /// Rounds half away from zero, as Excel's ROUND: 2.5 → 3, −2.5 → −3, 74.15 → 74.2 (one place).
    static func round(_ value: Decimal, places: Decimal) throws -> Decimal {
        guard isWhole(places) else {
            throw EvaluationError.invalidArgument(
                operation: "ROUND", ru: "число знаков должно быть целым", en: "the number of places must be a whole number")
        }
        var input = try normalized(value, "ROUND")
        if places >= Decimal(finestPlaces) { return input }
        // |input| ≤ 10^100 rounds to 0 at 10^102 and coarser; Foundation would trap there.
        if places < -101 { return 0 }
        var result = Decimal()
        NSDecimalRound(&result, &input, NSDecimalNumber(decimal: places).intValue, .plain)
        return try normalized(result, "ROUND")
    }

    static func isWhole(_ value: Decimal) -> Bool {
        guard !value.isNaN else { return false }
        if value.exponent >= 0 { return true }
        var input = value
        var whole = Decimal()
        NSDecimalRound(&whole, &input, 0, .plain)
        return whole == value
    }

    /// `value` inside the safe range: too large throws, finer than 60 places is rounded (tiny values become 0).
    static func normalized(_ value: Decimal, _ operation: String) throws -> Decimal {
        // A significand has at most 39 digits, so a low exponent proves the bound without Decimal's
        // costly comparison (which once took most of the evaluation time).
        if value.isNaN || (value.exponent > 100 - 39 && value.magnitude > largest) {
            throw EvaluationError.overflow(operation: operation)
        }
        guard value.exponent < -finestPlaces else { return value }
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, finestPlaces, .plain)
        return result
    }

    // Both operands have exponents ≥ −60, so the product's is ≥ −120 and cannot trap.
    private static func multiply(_ a: Decimal, _ b: Decimal, _ operation: String) throws -> Decimal {
        try normalized(a * b, operation)
    }

    private static func divide(_ a: Decimal, _ b: Decimal) throws -> Decimal {
        if b.isZero { throw EvaluationError.divisionByZero }
        let quotient = a / b
        // Within the safe range a NaN quotient can only be an underflow (e.g. 1e-60 / 1e100).
        if quotient.isNaN { return 0 }
        return try normalized(quotient, "/")
    }

    /// Integer exponents are exact (up to Decimal's 38 digits); fractional ones go through Double and are approximate.
    private static func power(_ base: Decimal, _ exponent: Decimal) throws -> Decimal {
        guard isWhole(exponent) else { return try fractionalPower(base, exponent) }
        if base.magnitude == 1 {
            let odd = !isWhole(exponent / 2)
            return base < 0 && odd ? -1 : 1
        }
        if base.isZero {
            if exponent < 0 { throw EvaluationError.divisionByZero }
            return exponent.isZero ? 1 : 0
        }
        // Any |base| ≠ 0, 1 leaves the safe range long before 10^9, so clamping changes no outcome.
        let bound = Decimal(1_000_000_000)
        let n = NSDecimalNumber(decimal: Swift.min(exponent.magnitude, bound)).intValue
        if exponent > 0 { return try integerPower(base, n) }
        let denominator: Decimal
        do {
            denominator = try integerPower(base, n)
        } catch EvaluationError.overflow {
            return 0  // the reciprocal of something beyond 10^100 is below the finest place
        }
        // A denominator that vanished below the finest place has a reciprocal beyond 10^100.
        if denominator.isZero { throw EvaluationError.overflow(operation: "^") }
        return try divide(1, denominator)
    }

    private static func integerPower(_ base: Decimal, _ exponent: Int) throws -> Decimal {
        var result: Decimal = 1, square = base, n = exponent
        while n > 0 {
            if n & 1 == 1 { result = try multiply(result, square, "^") }
            n >>= 1
            if n > 0 { square = try multiply(square, square, "^") }
        }
        return result
    }

    private static func fractionalPower(_ base: Decimal, _ exponent: Decimal) throws -> Decimal {
        if base < 0 {
            throw EvaluationError.invalidArgument(
                operation: "^", ru: "отрицательное число нельзя возвести в дробную степень",
                en: "a negative number cannot be raised to a fractional power")
        }
        if base.isZero {
            if exponent < 0 { throw EvaluationError.divisionByZero }
            return 0
        }
        let result = Foundation.pow(NSDecimalNumber(decimal: base).doubleValue, NSDecimalNumber(decimal: exponent).doubleValue)
        guard result.isFinite, result <= 1e100 else { throw EvaluationError.overflow(operation: "^") }
        if result < 1e-60 { return 0 }
        return try normalized(Decimal(result), "^")
    }
}
