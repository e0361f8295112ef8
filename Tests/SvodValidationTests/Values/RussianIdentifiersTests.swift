import SvodSchema
import SvodValidation
import Testing

@Suite struct RussianIdentifiersTests {
    // Сбербанк's ИНН, a commonly published person's ИНН, and one from region 02 with a leading zero.
    @Test(arguments: ["7707083893", "7830002293", "500100732259", "0274012343", "027401234562"])
    func validINN(_ s: String) { #expect(RussianIdentifiers.isValidINN(s)) }

    @Test(arguments: ["7707083894", "500100732250", "500100732269", "770708389", "77070838931", "77070838a3", ""])
    func invalidINN(_ s: String) { #expect(!RussianIdentifiers.isValidINN(s)) }

    // Сбербанк's and Газпромбанк's ОГРН, and an ОГРНИП.
    @Test(arguments: ["1027700132195", "1037739010891", "304500116000157"])
    func validOGRN(_ s: String) { #expect(RussianIdentifiers.isValidOGRN(s)) }

    @Test(arguments: ["1027700132196", "304500116000158", "102770013219", "10277001321955"])
    func invalidOGRN(_ s: String) { #expect(!RussianIdentifiers.isValidOGRN(s)) }

    @Test(arguments: ["773601001", "7736AB001", "027401001"])
    func validKPP(_ s: String) { #expect(RussianIdentifiers.isValidKPP(s)) }

    @Test(arguments: ["77360100", "7736ab001", "7736АВ001", "773601O01", "A73601001"])
    func invalidKPP(_ s: String) { #expect(!RussianIdentifiers.isValidKPP(s)) }

    @Test(arguments: ["45382000", "45382000001"])
    func validOKTMO(_ s: String) { #expect(RussianIdentifiers.isValidOKTMO(s)) }

    @Test(arguments: ["4538200", "453820000", "4538200A"])
    func invalidOKTMO(_ s: String) { #expect(!RussianIdentifiers.isValidOKTMO(s)) }
}
