import Foundation
@testable import SvodValidation
import Testing

/// The fast path of reading a double as a decimal agrees with rounding its exact binary value
/// to 15 significant digits (what Excel shows), which the slow path does through printf.
@Suite struct DecimalReadingTests {
    static func reference(_ x: Double) -> Decimal {
        Decimal(string: String(format: "%.14e", x), locale: Locale(identifier: "en_US_POSIX"))!
    }

    @Test(arguments: [0.1 + 0.2, 81.69999999999999, 0.817 * 100, 1.00000000000001, 123_456_789_012_345, -12.5, 1e-7, 3662.0 / 3800 * 100,
                      74.2, 98.6, 0.000123, 9.999999999999999, 1.5e14, 2.5, -0.3])
    func knownValues(_ x: Double) {
        #expect(DecimalReading.decimal(from: x) == Self.reference(x), "\(x)")
    }

    @Test func randomValuesAgreeWithTheExactPath() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let places = Int.random(in: 0...6, using: &rng)
            let n = Double(Int64.random(in: -10_000_000...10_000_000, using: &rng))
            let x = Bool.random(using: &rng) ? n / pow(10, Double(places)) : Double.random(in: -1e6...1e6, using: &rng)
            #expect(DecimalReading.decimal(from: x) == Self.reference(x), "\(x)")
        }
    }
}
