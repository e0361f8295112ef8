import SvodSchema
import SvodValidation
import SvodWorkbook
import Testing

@Suite struct NumberTextCoercionTests {
    static let accepted: [CoercionCase] = [
        CoercionCase(.text("81,7"), .decimal(places: 1), exactNumber("81.7"), [.numberStoredAsText]),
        CoercionCase(.text("81.7"), .decimal(places: 1), exactNumber("81.7"), [.numberStoredAsText]),
        CoercionCase(.text("1 234,5"), .decimal(places: 1), exactNumber("1234.5"), [.numberStoredAsText]),
        CoercionCase(.text("1\u{00A0}234,5"), .decimal(places: 1), exactNumber("1234.5"), [.numberStoredAsText]),
        CoercionCase(.text("1\u{202F}234,5"), .decimal(places: 1), exactNumber("1234.5"), [.numberStoredAsText]),
        CoercionCase(.text("1\u{2009}234,5"), .decimal(places: 1), exactNumber("1234.5"), [.numberStoredAsText]),
        CoercionCase(.text("12 345 678"), .integer, exactNumber("12345678"), [.numberStoredAsText]),
        CoercionCase(.text(" 42 "), .integer, exactNumber("42"), [.numberStoredAsText]),
        CoercionCase(.text("12,0"), .integer, exactNumber("12"), [.numberStoredAsText]),
        CoercionCase(.text("+5"), .integer, exactNumber("5"), [.numberStoredAsText]),
        CoercionCase(.text("-3,25"), .decimal(places: 2), exactNumber("-3.25"), [.numberStoredAsText]),
        CoercionCase(.text("\u{2212}3"), .integer, exactNumber("-3"), [.numberStoredAsText]),
        CoercionCase(.text(",5"), .decimal(places: 1), exactNumber("0.5"), [.numberStoredAsText]),
        CoercionCase(.text("81,7%"), .percent(places: 1), exactNumber("81.7"), [.numberStoredAsText]),
        CoercionCase(.text("81,7 %"), .percent(places: 1), exactNumber("81.7"), [.numberStoredAsText]),
        CoercionCase(.text("81,7\u{00A0}%"), .percent(places: 1), exactNumber("81.7"), [.numberStoredAsText]),
        CoercionCase(.text("0,817"), .percent(places: 1), exactNumber("0.817"), [.numberStoredAsText]),
        CoercionCase(.text("81,7 %"), .decimal(places: 1), exactNumber("81.7"),
                     [.numberStoredAsText, .percentSignInNonPercentField]),
        CoercionCase(.text("50%"), .integer, exactNumber("50"), [.numberStoredAsText, .percentSignInNonPercentField]),
    ]

    static let rejected: [CoercionCase] = [
        CoercionCase(.text("12 чел."), .integer, fails: .unreadable),
        CoercionCase(.text("около 40"), .integer, fails: .unreadable),
        CoercionCase(.text("12 34"), .integer, fails: .unreadable),
        CoercionCase(.text("1 2345"), .integer, fails: .unreadable),
        CoercionCase(.text("5-9"), .integer, fails: .unreadable),
        CoercionCase(.text("1,234.5"), .decimal(places: 1), fails: .ambiguousNumber),
        CoercionCase(.text("1.234.567"), .integer, fails: .ambiguousNumber),
        CoercionCase(.text("1,5,7"), .decimal(places: 1), fails: .ambiguousNumber),
        CoercionCase(.text("12,5"), .integer, fails: .notWhole),
        CoercionCase(.text("%"), .percent(places: 1), fails: .unreadable),
        CoercionCase(.text(","), .decimal(places: 1), fails: .unreadable),
        CoercionCase(.text("٣"), .integer, fails: .unreadable),
    ]

    @Test(arguments: accepted)
    func acceptsRussianNumbers(_ c: CoercionCase) { c.check() }

    @Test(arguments: rejected)
    func rejectsGarbage(_ c: CoercionCase) { c.check() }

    @Test func garbageMessageSaysWhatWasExpected() {
        let problem = ValueCoercion.coerce(.text("12 чел."), to: .decimal(places: 0)).problem
        #expect(problem?.message.ru == "ожидалось число, а в ячейке «12 чел.»")
        #expect(problem?.message.en == "expected a number, but the cell holds \"12 чел.\"")
    }

    @Test func wholeNumberMessage() {
        let problem = ValueCoercion.coerce(.number(12.5), to: .integer).problem
        #expect(problem?.message.ru == "ожидалось целое число, а в ячейке 12,5")
        #expect(problem?.message.en == "expected a whole number, but the cell holds 12.5")
    }
}
