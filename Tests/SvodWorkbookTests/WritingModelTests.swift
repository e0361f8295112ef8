import SvodWorkbook
import Testing

@Suite struct WritingModelTests {
    @Test(arguments: ["ВПР", "Итоги 2024", "Лист (2)", String(repeating: "я", count: 31)])
    func acceptsNamesExcelAccepts(_ name: String) {
        #expect(SheetName.problem(name) == nil)
    }

    @Test(arguments: ["", String(repeating: "я", count: 32), "a/b", "a:b", "[x]", "что?", "*", "'апостроф", "History", "a\u{1}"])
    func refusesNamesExcelRefuses(_ name: String) {
        #expect(SheetName.problem(name) != nil)
    }

    @Test func legalizesNamesCloseToTheOriginalAndUnique() {
        #expect(SheetName.legalized("Итоги: 2024/25", taken: []) == "Итоги_ 2024_25")
        #expect(SheetName.legalized("Данные", taken: ["данные"]) == "Данные (2)")
        #expect(SheetName.legalized("Данные", taken: ["Данные", "Данные (2)"]) == "Данные (3)")
        let long = String(repeating: "ж", count: 40)
        let once = SheetName.legalized(long, taken: [])
        #expect(once.count == 31 && SheetName.problem(once) == nil)
        let twice = SheetName.legalized(long, taken: [once])
        #expect(twice.count == 31 && twice.hasSuffix(" (2)"))
        #expect(SheetName.legalized("''", taken: []) == "Лист")
        #expect(SheetName.legalized(String(repeating: "a", count: 30) + "'bcd", taken: []) == String(repeating: "a", count: 30))
    }

    @Test func sequenceHoldsTheCallerToTheOrder() throws {
        var s = WriteSequence()
        #expect(throws: WriteError.self) { try s.readyToFinish() }
        try s.begin(SheetSetup(name: "A"))
        #expect(throws: WriteError.self) { try s.begin(SheetSetup(name: "B")) }
        try s.end()
        #expect(throws: WriteError.duplicateSheetName("a")) { try s.begin(SheetSetup(name: "a")) }
        try s.begin(SheetSetup(name: "Скрытый", visibility: .hidden))
        try s.end()
        #expect(try s.readyToFinish() == 0)
        var hiddenOnly = WriteSequence()
        try hiddenOnly.begin(SheetSetup(name: "H", visibility: .hidden))
        try hiddenOnly.end()
        #expect(throws: WriteError.self) { try hiddenOnly.readyToFinish() }
    }

    @Test func rowsMustComeInOrderInsideTheGrid() throws {
        try OutputRow(index: 3, cells: [OutputCell(column: 0, value: .number(1)), OutputCell(column: 2, value: .empty)]).checkOrder(after: 2, sheet: "S")
        #expect(throws: WriteError.self) { try OutputRow(index: 2, cells: []).checkOrder(after: 2, sheet: "S") }
        #expect(throws: WriteError.self) {
            try OutputRow(index: 5, cells: [OutputCell(column: 2, value: .empty), OutputCell(column: 1, value: .empty)]).checkOrder(after: 2, sheet: "S")
        }
        #expect(throws: WriteError.self) { try OutputRow(index: 5, cells: [OutputCell(column: 16_384, value: .empty)]).checkOrder(after: 2, sheet: "S") }
        #expect(throws: WriteError.self) { try OutputRow(index: 1_048_575, cells: [], repeatCount: 2).checkOrder(after: 2, sheet: "S") }
    }

    @Test func datesKeepTheirOwnDateFormatsAndGetOneOtherwise() {
        #expect(ImplicitFormat.date.resolve(nil) == "dd.mm.yyyy")
        #expect(ImplicitFormat.date.resolve("0.0") == "dd.mm.yyyy")
        #expect(ImplicitFormat.date.resolve("d mmmm yyyy") == "d mmmm yyyy")
        #expect(ImplicitFormat.duration.resolve("hh:mm") == "[h]:mm:ss")
        #expect(ImplicitFormat.none.resolve("0.0%") == "0.0%")
    }

    @Test func messagesNameTheCellInBothLanguages() {
        let e = WriteError.textTooLong(sheet: "ВПР", cell: CellReference("F12")!, length: 40_000)
        #expect(e.message.ru.hasPrefix("ВПР!F12:") && e.message.ru.contains("32767"))
        #expect(e.message.en.hasPrefix("ВПР!F12:"))
        #expect(WriteError.illegalCharacter(sheet: "S", cell: CellReference("A1")!, scalar: 1).message.en.contains("U+0001"))
    }
}
