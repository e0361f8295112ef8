import Foundation
import SvodSchema
@testable import SvodTemplates
import SvodTestSupport
import SvodWorkbook
import Testing

/// What a coordinator reads in a template — cell texts, the prompts and error messages of the
/// data validations, the document's properties — has no punctuation slips where svod joins a
/// schema's text to its own: a unit or deadline ending in an abbreviation's full stop does not
/// get a second one («Единица: чел..»).
@Suite struct TemplateWordingTests {
    /// Slips of joined texts: a doubled full stop, a space before a stop or comma, doubled or
    /// mixed stops and commas, double spaces.
    static let slips = ["..", " .", " ,", ",.", ".,", ",,", "  "]

    /// A period of the form's kind, checked by the form.
    static func period(_ form: FormSchema) -> String? {
        let samples: [String]
        switch form.period {
        case .academicYear: samples = ["2024/2025"]
        case .year: samples = ["2024"]
        case .quarter: samples = ["1 квартал 2025", "I квартал 2025", "2025-Q1"]
        case .month: samples = ["03.2025", "2025-03", "март 2025"]
        }
        return samples.first { (try? form.checkPeriod($0)) != nil }
    }

    /// Every text of the template of `form` (with a school and a period, so those lines are there too), with where it is.
    static func texts(_ form: FormSchema, _ catalog: SchemaCatalog) -> [(where: String, text: String)] {
        let builder = TemplateBuilder(form: form, catalog: catalog)
        let school = catalog.organisations.first { form.isSubmitted(by: $0) }
        let request = TemplateRequest(school: school, period: period(form), freeRows: 2)
        var out: [(String, String)] = []
        for canvas in builder.plan(request).canvases {
            let sheet = canvas.setup.name
            for (r, row) in canvas.cells {
                for (c, cell) in row {
                    if case .text(let t) = cell.value { out.append(("\(sheet)!\(CellReference(row: r, column: c).a1)", t)) }
                }
            }
            for v in canvas.setup.validations {
                let at = "\(sheet)!\(v.ranges.first?.start.a1 ?? "?") validation"
                if let p = v.prompt { out += [(at + " prompt title", p.title), (at + " prompt", p.message)] }
                if let e = v.error { out += [(at + " error title", e.title), (at + " error", e.message)] }
            }
        }
        let p = builder.properties(request)
        out += [("title", p.title ?? ""), ("subject", p.subject ?? ""), ("description", p.description ?? ""), ("keywords", p.keywords ?? "")]
        return out
    }

    @Test func aUnitEndingInAFullStopGetsNoSecondOne() {
        #expect(Wording.sentence("Единица: чел.") == "Единица: чел.")
        #expect(Wording.sentence("Единица: тыс. руб.") == "Единица: тыс. руб.")
        #expect(Wording.sentence("Единица: классов") == "Единица: классов.")
        #expect(Wording.sentence("Срок: Ежегодно, ноябрь") == "Срок: Ежегодно, ноябрь.")
        #expect(Wording.sentence("…") == "…")
        #expect(Wording.sentence("") == "")
    }

    @Test func thePromptOfAFieldCountedInPeopleReadsWell() throws {
        let catalog = TemplateBuilderTests.catalog
        let form = try #require(catalog.forms.first { $0.id == "vpr" })
        let prompts = Self.texts(form, catalog).filter { $0.where.hasSuffix("validation prompt") }.map(\.text)
        #expect(prompts.contains { $0.contains("Единица: чел. ") || $0.hasSuffix("Единица: чел.") }, "\(prompts)")
        #expect(!prompts.contains { $0.contains("чел..") })
    }

    @Test func noTemplateOfTheCatalogueHasAPunctuationSlip() throws {
        let (demo, dir) = try TemplateBuilderTests.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = TemplateBuilderTests.catalog
        var checked = 0
        for (catalog, form) in catalog.forms.map({ (catalog, $0) }) + demo.forms.map({ (demo, $0) }) {
            for (place, text) in Self.texts(form, catalog) {
                checked += 1
                // «…» is one character; "..." would be three stops, also a slip.
                for slip in Self.slips where text.contains(slip) {
                    Issue.record("\(form.id) \(place): «\(slip)» in «\(text)»")
                }
                #expect(text == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(form.id) \(place): «\(text)» has spaces at an end")
            }
        }
        #expect(checked > 1000)
    }
}
