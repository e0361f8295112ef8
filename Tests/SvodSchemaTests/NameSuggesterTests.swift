import Foundation
import SvodSchema
import SvodTestSupport
import Testing

/// What a person meant: numbers first, then words, then the whole text.
@Suite struct NameSuggesterTests {
    static let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)

    @Test func normalisationIgnoresCaseQuotesYoAndTheSpacingOfNumberSign() {
        let n = NameSuggester.normalized
        #expect(n("МБОУ «ЦО №9»") == "мбоу цо № 9")
        #expect(n("  мбоу   \"цо № 9\" ") == "мбоу цо № 9")
        #expect(n("МБОУ ЦО №\u{00A0}9") == "мбоу цо № 9")
        #expect(n("Ёлочка") == n("елочка"))
        #expect(n("ЦО\u{2013}гимназия") == "цо-гимназия")
    }

    @Test func numbersDecide() {
        let names = ["МБОУ ЦО № 1", "МБОУ ЦО № 10", "МБОУ ЦО № 100", "МБОУ ЦО № 11", "Лицей № 10"]
        let s = NameSuggester.suggestions(for: "Школа № 10", among: names)
        #expect(s.first == "МБОУ ЦО № 10" || s.first == "Лицей № 10", "\(s)")
        #expect(!s.contains("МБОУ ЦО № 1") && !s.contains("МБОУ ЦО № 100") && !s.contains("МБОУ ЦО № 11"), "\(s)")
        #expect(NameSuggester.suggestions(for: "ЦО №10", among: names).first == "МБОУ ЦО № 10")
        #expect(NameSuggester.suggestions(for: "мбоу цо 100", among: names).first == "МБОУ ЦО № 100")
        #expect(NameSuggester.suggestions(for: "Лицей 10", among: names).first == "Лицей № 10")
    }

    @Test func typosAndAbbreviationsAreForgivenAndStrangersAreNotSuggested() {
        let subjects = ["Математика", "Русский язык", "Физика", "Химия", "Информатика", "Окружающий мир"]
        #expect(NameSuggester.suggestions(for: "Математка", among: subjects).first == "Математика")
        #expect(NameSuggester.suggestions(for: "русск. яз", among: subjects).first == "Русский язык")
        #expect(NameSuggester.suggestions(for: "окр мир", among: subjects).first == "Окружающий мир")
        #expect(NameSuggester.suggestions(for: "Абракадабра", among: subjects).isEmpty)
        #expect(NameSuggester.suggestions(for: "", among: subjects).isEmpty)
    }

    @Test func anItemIsMatchedByAnyOfItsNames() {
        let s = NameSuggester(names: [["co9", "МБОУ ЦО № 9", "Муниципальное учреждение «Центр образования № 9»"], ["co10", "МБОУ ЦО № 10"]])
        #expect(s.match("CO9") == 0)
        #expect(s.match("мбоу \"цо №9\"") == 0)
        #expect(s.match("муниципальное учреждение центр образования № 9") == 0)
        #expect(s.match("МБОУ ЦО № 10") == 1)
        #expect(s.match("МБОУ ЦО") == nil)
        #expect(s.suggestions(for: "Центр образования 10") == [1])
    }

    /// The registry: the school and not the kindergarten of the same number; short and full names match.
    @Test func theRegistrysSchoolsAreFoundByCodeShortOrFullName() throws {
        let c = Self.catalog
        #expect(c.organisation(matching: "co9")?.code == "co9")
        #expect(c.organisation(matching: "МБОУ ЦО № 9")?.code == "co9")
        #expect(c.organisation(matching: "мбоу цо №9")?.code == "co9")
        #expect(c.organisation(matching: "Муниципальное бюджетное общеобразовательное учреждение \"Центр образования №9\"")?.code == "co9")
        #expect(c.organisation(matching: "Школа № 10") == nil)
        let near = c.organisations(near: "Школа № 10").map(\.code)
        #expect(near.first == "co10", "\(near)")
        #expect(!near.contains("co1") && !near.contains("co11"), "\(near)")
        let garden = c.organisations(near: "детский сад 10").map(\.kind)
        #expect(garden.first == "kindergarten", "\(garden)")
        #expect(c.organisations(near: "Лицей № 1").first?.code == "licey1")
    }
}
