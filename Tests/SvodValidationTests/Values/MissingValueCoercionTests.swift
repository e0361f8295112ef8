import SvodSchema
import SvodValidation
import SvodWorkbook
import Testing

@Suite struct MissingValueCoercionTests {
    static let placeholders: [CoercionCase] = [
        CoercionCase(.empty, .integer, .missing),
        CoercionCase(.text(""), .decimal(places: 1), .missing),
        CoercionCase(.text("  \u{00A0}\t"), .integer, .missing),
        CoercionCase(.text("-"), .integer, .missing),
        CoercionCase(.text("–"), .percent(places: 1), .missing),
        CoercionCase(.text("—"), .date, .missing),
        CoercionCase(.text(" --- "), .integer, .missing),
        CoercionCase(.text("х"), .integer, .missing),
        CoercionCase(.text("Х"), .text, .missing),
        CoercionCase(.text("x"), .inn, .missing),
        CoercionCase(.text("X"), .decimal(places: 2), .missing),
        CoercionCase(.text("н/д"), .integer, .missing),
        CoercionCase(.text("Н/Д"), .boolean, .missing),
        CoercionCase(.text("нет данных"), .decimal(places: 1), .missing),
        CoercionCase(.text("Нет  данных"), .code(list: "subjects"), .missing),
        CoercionCase(.text("нет"), .integer, .missing),
        CoercionCase(.text("Нет"), .text, .missing),
        CoercionCase(.text("х"), .boolean, .missing),
    ]

    @Test(arguments: placeholders)
    func placeholderIsMissing(_ c: CoercionCase) { c.check() }

    @Test func noInBooleanFieldIsAnAnswer() {
        #expect(ValueCoercion.coerce(.text("нет"), to: .boolean).value == .bool(false))
    }

    @Test func zeroIsNotMissing() {
        #expect(ValueCoercion.coerce(.number(0), to: .integer).value == .number(0))
    }
}
