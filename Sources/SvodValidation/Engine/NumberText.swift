import Foundation
import SvodLocale

/// Numbers in messages as people write them: «81,7» in Russian, "81.7" in English.
enum NumberText {
    static func text(_ d: Decimal, _ language: Language) -> String {
        var v = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 6, .plain)
        let s = NSDecimalNumber(decimal: rounded).stringValue
        return language == .ru ? s.replacingOccurrences(of: ".", with: ",") : s
    }
}
