import SvodSchema
import SvodValidation
import SvodWorkbook
import Testing

@Suite struct BooleanCoercionTests {
    static let cases: [CoercionCase] = [
        CoercionCase(.text("да"), .boolean, .bool(true)),
        CoercionCase(.text("Да"), .boolean, .bool(true)),
        CoercionCase(.text("ДА "), .boolean, .bool(true)),
        CoercionCase(.text("нет"), .boolean, .bool(false)),
        CoercionCase(.text("Нет"), .boolean, .bool(false)),
        CoercionCase(.text("д"), .boolean, .bool(true)),
        CoercionCase(.text("Н"), .boolean, .bool(false)),
        CoercionCase(.text("yes"), .boolean, .bool(true)),
        CoercionCase(.text("No"), .boolean, .bool(false)),
        CoercionCase(.text("true"), .boolean, .bool(true)),
        CoercionCase(.text("FALSE"), .boolean, .bool(false)),
        CoercionCase(.text("1"), .boolean, .bool(true)),
        CoercionCase(.text("0"), .boolean, .bool(false)),
        CoercionCase(.text("ИСТИНА"), .boolean, .bool(true)),
        CoercionCase(.text("ложь"), .boolean, .bool(false)),
        CoercionCase(.bool(true), .boolean, .bool(true)),
        CoercionCase(.bool(false), .boolean, .bool(false)),
        CoercionCase(.number(1), .boolean, .bool(true)),
        CoercionCase(.number(0), .boolean, .bool(false)),
        CoercionCase(.number(2), .boolean, fails: .unreadable),
        CoercionCase(.text("может быть"), .boolean, fails: .unreadable),
        CoercionCase(.text("да/нет"), .boolean, fails: .unreadable),
    ]

    @Test(arguments: cases)
    func booleans(_ c: CoercionCase) { c.check() }

    @Test func message() {
        #expect(ValueCoercion.coerce(.text("может быть"), to: .boolean).problem?.message.ru
                == "ожидалось «да» или «нет», а в ячейке «может быть»")
    }
}
