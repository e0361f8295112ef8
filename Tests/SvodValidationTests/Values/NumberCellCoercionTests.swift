import SvodSchema
import SvodValidation
import SvodWorkbook
import Testing

@Suite struct NumberCellCoercionTests {
    static let cases: [CoercionCase] = [
        CoercionCase(.number(0.1 + 0.2), .decimal(places: 1), exactNumber("0.3")),
        CoercionCase(.number(81.69999999999999), .percent(places: 1), exactNumber("81.7")),
        CoercionCase(.number(1.0 / 3.0), .decimal(places: 2), exactNumber("0.333333333333333")),
        CoercionCase(.number(12.0), .integer, exactNumber("12")),
        CoercionCase(.number(-7), .integer, exactNumber("-7")),
        CoercionCase(.number(123_456_789_012_345), .integer, exactNumber("123456789012345")),
        // Excel keeps 15 significant digits, so a 16th is noise to us too.
        CoercionCase(.number(1e15 + 1), .integer, exactNumber("1000000000000000")),
        CoercionCase(.number(12.5), .integer, fails: .notWhole),
        CoercionCase(.number(0.817), .percent(places: 1), hint: .percent, exactNumber("81.7"), [.percentAsFraction]),
        CoercionCase(.number(0.817), .percent(places: 1), exactNumber("0.817")),
        CoercionCase(.number(1), .percent(places: 0), hint: .percent, exactNumber("100"), [.percentAsFraction]),
        CoercionCase(.number(0), .percent(places: 1), hint: .percent, exactNumber("0")),
        // Under a percent format a cell shows 100 times what it holds, whatever the size: 81.7
        // there is 8170 %, which the field's maximum then catches (as it does 1.5 shown as 150 %).
        CoercionCase(.number(81.7), .percent(places: 1), hint: .percent, exactNumber("8170"), [.percentAsFraction]),
        CoercionCase(.number(0.5), .decimal(places: 2), hint: .percent, exactNumber("0.5"), [.percentSignInNonPercentField]),
        CoercionCase(.number(.infinity), .decimal(places: 1), fails: .unreadable),
        CoercionCase(.number(1e200), .decimal(places: 1), fails: .unreadable),
        CoercionCase(.bool(true), .integer, fails: .unreadable),
        CoercionCase(.date(CivilDateTime(year: 2024, month: 5, day: 12, hasTime: false)!), .decimal(places: 1),
                     fails: .unreadable),
        CoercionCase(.time(3600), .integer, fails: .unreadable),
    ]

    @Test(arguments: cases)
    func numberCells(_ c: CoercionCase) { c.check() }

    @Test func decimalPlacesAreNotRoundedHere() {
        #expect(ValueCoercion.coerce(.number(81.666), to: .percent(places: 1)).value == exactNumber("81.666"))
    }

    @Test func dateInNumberFieldSuspectsExcel() {
        let cell = CellValue.date(CivilDateTime(year: 2024, month: 5, day: 12, hasTime: false)!)
        let problem = ValueCoercion.coerce(cell, to: .decimal(places: 1)).problem
        #expect(problem?.message.ru == "ожидалось число, а в ячейке дата 12.05.2024: возможно, Excel принял введённое число за дату")
    }
}
