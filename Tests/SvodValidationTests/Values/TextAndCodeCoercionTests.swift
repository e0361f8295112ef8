import SvodSchema
import SvodValidation
import SvodWorkbook
import Testing

@Suite struct TextAndCodeCoercionTests {
    static let cases: [CoercionCase] = [
        CoercionCase(.text("  МБОУ СОШ № 5 \u{00A0}"), .text, .text("МБОУ СОШ № 5")),
        CoercionCase(.number(5), .text, .text("5")),
        CoercionCase(.number(5.5), .text, .text("5,5")),
        CoercionCase(.number(0.1 + 0.2), .text, .text("0,3")),
        CoercionCase(.bool(true), .text, .text("ИСТИНА")),
        CoercionCase(.date(CivilDateTime(year: 2024, month: 4, day: 15, hasTime: false)!), .text, .text("15.04.2024")),
        CoercionCase(.text(" Математика "), .code(list: "subjects"), .text("Математика")),
        CoercionCase(.number(7), .code(list: "grades"), .text("7")),
    ]

    @Test(arguments: cases)
    func textFields(_ c: CoercionCase) { c.check() }

    static let keys: [(String, String)] = [
        ("Русский язык", "русский язык"),
        ("  Русский\u{00A0}\u{00A0}язык\n", "русский язык"),
        ("Русский\u{202F}язык", "русский язык"),
        ("Русский\u{2009}язык\t", "русский язык"),
        ("Ёлочка", "елочка"),
        ("ОБЖ «Основы»", "обж основы"),
        ("ОБЖ \"Основы\"", "обж основы"),
        ("“Основы”", "основы"),
        ("Естественно\u{2011}научный", "естественно-научный"),
        ("5\u{2013}9 классы", "5-9 классы"),
        ("5\u{2014}9", "5-9"),
        ("Кол\u{00AD}во", "колво"),
    ]

    @Test(arguments: keys)
    func normalizedKey(_ pair: (String, String)) {
        #expect(ValueCoercion.normalizedKey(pair.0) == pair.1)
    }

    @Test func differentlyTypedLabelsShareAKey() {
        #expect(ValueCoercion.normalizedKey("Количество обучающихся, чел.")
                == ValueCoercion.normalizedKey("количество  обучающихся,\nчел."))
    }
}
