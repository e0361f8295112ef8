@testable import SvodValidation
import Testing

/// The scalar fast path of `normalizedKey` gives what the character path gives, on texts built
/// from every kind of scalar it handles (and declines the rest).
@Suite struct NormalizedKeyTests {
    static let pool: [String] = ["А", "Я", "ё", "Ё", "Ѐ", "Џ", "ї", "a", "Z", "5", " ", "\u{A0}", "\u{202F}", "\t", "\n", "\r\n", "«", "»",
                                 "\"", "'", "`", "´", "\u{2019}", "—", "–", "\u{2212}", "-", "\u{AD}", "\u{200B}", "\u{FEFF}", "№", "%",
                                 ",", ".", "(", "е\u{308}", "é", "İ", "ß", "Ω", "😀", "\u{200D}", "\u{200C}", "и\u{306}", "й"]

    @Test func theFastPathAgreesWithTheCharacterPath() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let s = (0..<Int.random(in: 0...8, using: &rng)).map { _ in Self.pool.randomElement(using: &rng)! }.joined()
            let slow = ValueCoercion.characterNormalizedKey(s)
            if let fast = ValueCoercion.scalarNormalizedKey(s) {
                #expect(fast == slow, "«\(s.unicodeScalars.map { String($0.value, radix: 16) })»")
            }
            #expect(ValueCoercion.normalizedKey(s) == slow)
        }
        #expect(ValueCoercion.scalarNormalizedKey("  Кол-во \u{A0}«5»  ") == "кол-во 5")
        #expect(ValueCoercion.scalarNormalizedKey("Ёлка—ЁЖ") == "елка-еж")
        #expect(ValueCoercion.scalarNormalizedKey("café") == nil, "Latin-1 letters take the character path")
        #expect(ValueCoercion.normalizedKey("Учебны\u{438}\u{306} предмет") == ValueCoercion.normalizedKey("Учебный предмет"), "NFD is composed")
    }
}
