import Foundation
import SvodSchema
import Testing

/// The fast matcher agrees with NSRegularExpression on every pattern it takes, and declines the rest.
@Suite struct FixedPatternTests {
    static let texts = ["345-КШ", "345-кш", "34-КШ", "3456-КШ", "345КШ", "345-КШЖ", "", "2019/2020", "20192020", "2019/202",
                        "1 квартал 2021", "03.2021", "3.2021", "12.2020", "a-b", "-", "Ё", "Е", "ё", "7105010009", "71050100", "х", "１２３-КШ", "２０１９/２０２０", "a&b"]

    @Test(arguments: ["[0-9]{3}-[А-Я]{2}", "^20\\d\\d/20\\d\\d$", "\\d{10}", "[1-4] квартал 20\\d\\d", "(0[1-9]|1[0-2])\\.20\\d\\d",
                      "[a-z]-[a-z]", "[А-ЯЁ]", "\\-", "[-]", "[\\d.]{7}", "х", "^[^0-9]+$", "[0-9]+", "\\d{3,4}", ".{2}", "[а-я]?",
                      "\\d{3}-[А-Я]{2}", "[a&&b]"])
    func agreesWithRegularExpressions(_ pattern: String) throws {
        let regex = try NSRegularExpression(pattern: "^(?:" + pattern + ")$")
        guard let fixed = FixedPattern(pattern) else {
            // Declined: alternatives, open or optional repeats, negation, any-character.
            #expect(["(0[1-9]|1[0-2])\\.20\\d\\d", "^[^0-9]+$", "[0-9]+", "\\d{3,4}", ".{2}", "[а-я]?", "[\\d.]{7}", "[a&&b]"].contains(pattern),
                    "\(pattern)")
            return
        }
        for t in Self.texts {
            let expected = regex.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)) != nil
            #expect(fixed.matches(t) == expected, "\(pattern) on «\(t)»")
        }
    }
}
