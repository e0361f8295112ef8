import SvodSchema
import SvodValidation
import SvodWorkbook
import Testing

@Suite struct IdentifierCoercionTests {
    static let cases: [CoercionCase] = [
        CoercionCase(.text("7707083893"), .inn, .text("7707083893")),
        CoercionCase(.text(" 77 07 083893 "), .inn, .text("7707083893")),
        CoercionCase(.text("'0274012343"), .inn, .text("0274012343")),
        CoercionCase(.text("500100732259"), .inn, .text("500100732259")),
        CoercionCase(.number(7707083893), .inn, .text("7707083893"), [.identifierWasNumber(paddedTo: 10)]),
        CoercionCase(.number(7.707083893e9), .inn, .text("7707083893"), [.identifierWasNumber(paddedTo: 10)]),
        CoercionCase(.number(274012343), .inn, .text("0274012343"), [.identifierWasNumber(paddedTo: 10)]),
        CoercionCase(.number(27401234562), .inn, .text("027401234562"), [.identifierWasNumber(paddedTo: 12)]),
        CoercionCase(.text("7707083894"), .inn, fails: .checkDigit),
        CoercionCase(.number(274012344), .inn, fails: .checkDigit),
        CoercionCase(.text("770708389"), .inn, fails: .malformedIdentifier),
        CoercionCase(.text("ИНН 7707083893"), .inn, fails: .malformedIdentifier),
        CoercionCase(.number(7707083893.5), .inn, fails: .malformedIdentifier),
        CoercionCase(.number(1234567890123), .inn, fails: .malformedIdentifier),
        // Every ИНН starts with a region from 01, so a number can have lost one zero, never more.
        CoercionCase(.number(123), .inn, fails: .malformedIdentifier),
        CoercionCase(.number(74012343), .inn, fails: .malformedIdentifier),

        CoercionCase(.text("1027700132195"), .ogrn, .text("1027700132195")),
        CoercionCase(.text("304500116000157"), .ogrn, .text("304500116000157")),
        CoercionCase(.number(1.027700132195e12), .ogrn, .text("1027700132195"), [.identifierWasNumber(paddedTo: 13)]),
        CoercionCase(.text("1027700132196"), .ogrn, fails: .checkDigit),
        CoercionCase(.text("304500116000158"), .ogrn, fails: .checkDigit),
        CoercionCase(.text("10277001321"), .ogrn, fails: .malformedIdentifier),

        CoercionCase(.text("773601001"), .kpp, .text("773601001")),
        CoercionCase(.text("7736AB001"), .kpp, .text("7736AB001")),
        CoercionCase(.number(27401001), .kpp, .text("027401001"), [.identifierWasNumber(paddedTo: 9)]),
        CoercionCase(.text("7736-01-001"), .kpp, fails: .malformedIdentifier),

        CoercionCase(.text("45382000"), .oktmo, .text("45382000")),
        CoercionCase(.text("45 382 000 001"), .oktmo, .text("45382000001")),
        CoercionCase(.number(1701000), .oktmo, .text("01701000"), [.identifierWasNumber(paddedTo: 8)]),
        CoercionCase(.number(1701000001), .oktmo, .text("01701000001"), [.identifierWasNumber(paddedTo: 11)]),
        CoercionCase(.text("453820001"), .oktmo, fails: .malformedIdentifier),
        CoercionCase(.bool(true), .oktmo, fails: .malformedIdentifier),
    ]

    @Test(arguments: cases)
    func identifiers(_ c: CoercionCase) { c.check() }

    @Test func checkDigitMessageNamesTheIdentifier() {
        let inn = ValueCoercion.coerce(.text("7707083894"), to: .inn).problem
        #expect(inn?.message.ru == "контрольная цифра ИНН 7707083894 не сходится")
        #expect(inn?.message.en == "the check digit of INN 7707083894 does not match")
        let ogrnip = ValueCoercion.coerce(.text("304500116000158"), to: .ogrn).problem
        #expect(ogrnip?.message.ru == "контрольная цифра ОГРНИП 304500116000158 не сходится")
    }
}
