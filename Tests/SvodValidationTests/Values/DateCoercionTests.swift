import SvodSchema
import SvodValidation
import SvodWorkbook
import Testing

@Suite struct DateCoercionTests {
    static let april15 = CivilDateTime(year: 2024, month: 4, day: 15, hasTime: false)!

    static let cases: [CoercionCase] = [
        CoercionCase(.date(april15), .date, .date(april15)),
        CoercionCase(.date(CivilDateTime(year: 2024, month: 4, day: 15, hour: 10)!), .date, .date(april15)),
        CoercionCase(.text("15.04.2024"), .date, .date(april15), [.dateAsText]),
        CoercionCase(.text(" 15.4.2024 "), .date, .date(april15), [.dateAsText]),
        CoercionCase(.text("15.04.2024 г."), .date, .date(april15), [.dateAsText]),
        CoercionCase(.text("2024-04-15"), .date, .date(april15), [.dateAsText]),
        CoercionCase(.text("29.02.2024"), .date, .date(CivilDateTime(year: 2024, month: 2, day: 29, hasTime: false)!),
                     [.dateAsText]),
        CoercionCase(.text("15.04.24"), .date, fails: .twoDigitYear),
        CoercionCase(.text("31.02.2024"), .date, fails: .impossibleDate),
        CoercionCase(.text("29.02.2023"), .date, fails: .impossibleDate),
        CoercionCase(.text("2024-13-01"), .date, fails: .impossibleDate),
        CoercionCase(.text("15 апреля 2024"), .date, fails: .unreadable),
        CoercionCase(.text("15/04/2024"), .date, fails: .unreadable),
        CoercionCase(.number(45397), .date, fails: .unreadable),
    ]

    @Test(arguments: cases)
    func dates(_ c: CoercionCase) { c.check() }

    @Test func impossibleDateMessage() {
        #expect(ValueCoercion.coerce(.text("31.02.2024"), to: .date).problem?.message.ru
                == "ожидалась дата вида ДД.ММ.ГГГГ, а в ячейке «31.02.2024»: такой даты нет")
    }
}
