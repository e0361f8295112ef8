import SvodSchema
import SvodValidation
import SvodWorkbook
import Testing

@Suite struct FormulaErrorCoercionTests {
    static let types: [FieldType] = [
        .integer, .decimal(places: 1), .percent(places: 1), .text, .boolean, .date, .code(list: "x"),
        .inn, .ogrn, .kpp, .oktmo,
    ]

    @Test(arguments: types)
    func errorInAnyField(_ type: FieldType) {
        let got = ValueCoercion.coerce(.error("#DIV/0!"), to: type)
        #expect(got.value == .missing)
        #expect(got.problem?.reason == .formulaError)
        #expect(got.problem?.expected == .of(type))
        #expect(got.problem?.message.ru == "в ячейке ошибка формулы #DIV/0!")
        #expect(got.problem?.message.en == "the cell holds the formula error #DIV/0!")
    }
}
