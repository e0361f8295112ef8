import Foundation
import SvodExpressions
import SvodSchema
import SvodSpreadsheet
@testable import SvodTemplates
import SvodTestSupport
import SvodWorkbook
import Testing

/// The template of a form: where its cells go, what they check, what they compute.
@Suite struct TemplateBuilderTests {
    /// The project's catalogue (every form other engineers add is iterated, none named).
    static let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)

    /// The demo form (title sheet, fixed rows with a «Всего» per class, computed fields) beside the project's reference data.
    static func demo() throws -> (SchemaCatalog, URL) {
        let dir = try TestPaths.temporaryDirectory()
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("forms"), withIntermediateDirectories: true)
        try fm.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/templates/demo.yaml"),
                        to: dir.appendingPathComponent("forms/demo.yaml"))
        try fm.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Schemas/reference"), to: dir.appendingPathComponent("reference"))
        let catalog = SchemaCatalog(directory: dir.path)
        #expect(catalog.issues.isEmpty, "\(catalog.issues.map { $0.line(.en) })")
        return (catalog, dir)
    }

    @Test func simplePatternsBecomeExcelChecksAndOthersAreLeftToSvod() throws {
        let period = try #require(TextPattern(#"^20\d\d/20\d\d$"#))
        #expect(period.sample == "20##/20##")
        #expect(period.excelCheck("C4") == #"AND(LEN(C4)=9,EXACT(MID(C4,1,2),"20"),ISNUMBER(-MID(C4,3,2)),EXACT(MID(C4,5,3),"/20"),ISNUMBER(-MID(C4,8,2)))"#)
        #expect(TextPattern(#"^\d{6}$"#)?.sample == "######")
        #expect(TextPattern(#"^[0-9]{3}-x$"#)?.sample == "###-x")
        for unsupported in [#"20\d\d"#, #"^\d+$"#, #"^(a|b)$"#, #"^[А-Я]{2}$"#, "^.$"] {
            #expect(TextPattern(unsupported) == nil, "\(unsupported)")
        }
    }

    @Test func computedFieldsAreRoundedAndGuardedFormulas() throws {
        let cells = ["a": "B5", "b": "C5", "c": "D5", "results.n": "'ВПР'!$C$5:$C$9"]
        func excel(_ text: String, when: String? = nil, places: Int? = 1) throws -> String? {
            ComputedFormula.excel(try Expression.parse(text), when: try when.map { try Expression.parse($0) }, places: places) { cells[$0] }
        }
        #expect(try excel("a / b * 100") == #"IF(OR(COUNT(B5,C5)=0,C5=0),"",ROUND(B5/C5*100,1))"#)
        // `when: d > 0` already keeps the divisor from zero.
        #expect(try excel("a / (b + c) * 100", when: "b + c > 0") == #"IF(OR(COUNT(B5,C5,D5)=0,NOT(B5+C5>0)),"",ROUND(B5/(B5+C5)*100,1))"#
                || excel("a / (b + c) * 100", when: "b + c > 0") == #"IF(OR(COUNT(B5,C5,D5)=0,NOT(C5+D5>0)),"",ROUND(B5/(C5+D5)*100,1))"#)
        #expect(try excel("a - (b - c)", places: 0) == #"IF(COUNT(B5,C5,D5)=0,"",ROUND(B5-(C5-D5),0))"#)
        #expect(try excel("-a ^ 2", places: nil) == #"IF(COUNT(B5)=0,"",(-(((B5)^(2)))))"#)
        #expect(try excel("SUM(results.n) / a") == #"IF(OR(COUNT('ВПР'!$C$5:$C$9,B5)=0,B5=0),"",ROUND(SUM('ВПР'!$C$5:$C$9)/B5,1))"#
                || excel("SUM(results.n) / a") == #"IF(OR(COUNT(B5,'ВПР'!$C$5:$C$9)=0,B5=0),"",ROUND(SUM('ВПР'!$C$5:$C$9)/B5,1))"#)
        #expect(try excel("COALESCE(a, b, 0)", places: nil) == #"IF(COUNT(B5,C5)=0,"",IF(B5="",IF(C5="",0,C5),B5))"#)
        // What a spreadsheet cannot compute stays an input.
        #expect(try excel("previous.a + 1") == nil)
        #expect(try excel(#"LOOKUP("ege-min", 2024, "rus")"#) == nil)
    }

    @Test func everyFieldOfEveryFormHasItsCellInputOrFormula() throws {
        let (demo, dir) = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(Self.catalog.issues.isEmpty)
        for (catalog, form) in Self.catalog.forms.map({ (Self.catalog, $0) }) + demo.forms.map({ (demo, $0) }) {
            let layout = TemplateBuilder(form: form, catalog: catalog).layout(TemplateRequest(freeRows: 5))
            #expect(layout.sheets.map(\.name) == form.sheets.map(\.name), "\(form.id)")
            #expect(layout.sheetNames.suffix(2) == [TemplateBuilder.explanationsSheet, TemplateBuilder.listsSheet])
            for sheet in layout.sheets {
                #expect(sheet.inputs.isDisjoint(with: sheet.formulas))
                for row in sheet.rows {
                    for field in sheet.schema.fields {
                        let cell = try #require(row.cells[field.code], "\(form.id).\(sheet.schema.id).\(field.code)")
                        let placed = sheet.inputs.contains(cell) || sheet.formulas.contains(cell) || row.fixed[field.code] != nil
                        #expect(placed || (row.isTotal && !field.computed), "\(form.id) \(sheet.name)!\(cell.a1) (\(field.code))")
                        if field.computed, row.fixed[field.code] == nil {
                            #expect(sheet.formulas.contains(cell), "computed \(form.id).\(field.code) at \(cell.a1) has no formula")
                        }
                    }
                }
            }
        }
    }

    @Test func theDemoTemplateReadsBackWithTitleFixedRowsTotalsAndProperties() throws {
        let (catalog, dir) = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let form = try #require(catalog.form("demo"))
        let school = try catalog.school("CO9")
        for format in [SpreadsheetFormat.xlsx, .ods] {
            let path = dir.appendingPathComponent("demo.\(format == .xlsx ? "xlsx" : "ods")").path
            let layout = try TemplateBuilder(form: form, catalog: catalog).write(TemplateRequest(school: school, period: "2024/2025"), to: path, format: format)
            let reader = try Spreadsheet.open(path: path)
            let props = try reader.customProperties
            #expect(props["svod.form"] == "demo" && props["svod.version"] == "3" && props["svod.school"] == "co9" && props["svod.period"] == "2024/2025")
            let dump = try WorkbookDump(reader)
            #expect(dump.sheets.map(\.name) == ["Титул", "Результаты", "Кадры", "Раздел 1", "Пояснения", "Списки"])
            #expect(dump.sheets.last?.visibility == .hidden)
            let title = try Sheet(reading: reader, index: 0, maxCells: 10_000)
            func text(_ sheet: Sheet, _ a1: String) -> String? { if case .text(let t)? = sheet.cells[CellReference(a1)!]?.value { t } else { nil } }
            #expect(text(title, "A1") == "Проверочная форма шаблонов")
            #expect(text(title, "C3") == "co9" && text(title, "D3") == "МБОУ ЦО № 9" && text(title, "C4") == "2024/2025")
            #expect(text(title, "B3")?.hasPrefix("Образовательная организация") == true)
            #expect(title.cells.values.contains { if case .text(let t) = $0.value { t.contains("Ежегодно, до 1 октября") } else { false } })
            let table = try Sheet(reading: reader, index: 1, maxCells: 10_000)
            #expect(text(table, "C4") == "Участников, чел." && text(table, "H4") == "Качество, %")
            #expect(text(table, "A5") == "9" && text(table, "B5") == "Математика" && text(table, "B7") == "Всего" && text(table, "A10") == "11")
            let sum = dump.formula("Результаты", "C7")
            #expect(sum == (format == .xlsx ? "SUM(C5:C6)" : "of:=SUM([.C5:.C6])"))
            #expect(dump.formula("Кадры", "C5")?.contains("ROUND") == true)
            // The grid: header, column numbers, row names and codes; each field at its row × column.
            let grid = try Sheet(reading: reader, index: 3, maxCells: 10_000)
            #expect(text(grid, "B3") == "№ строки" && text(grid, "C3") == "Всего" && text(grid, "D4") == "4")
            #expect(text(grid, "A6") == "из них учителей" && text(grid, "B6") == "02")
            #expect(layout.sheet("oo1")?.rows.first?.cells["teachers_women"]?.a1 == "D6")
            let results = try #require(layout.sheet("results"))
            #expect(results.rows.map(\.isTotal) == [false, false, true, false, false, true])
            #expect(results.rows[0].fixed == ["class": "9", "subject": "Математика"])
        }
    }

    @Test func unitsJoinTheHeaderOnlyWhereTheyCannotBeTakenForAnotherColumn() throws {
        let (catalog, dir) = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        var form = try #require(catalog.form("demo"))
        var sheet = form.sheets[1]
        #expect(TemplateBuilder(form: form, catalog: catalog).headerTexts(sheet)[2] == "Участников, чел.")
        sheet.fields[3].label = "Участников, чел."
        form.sheets[1] = sheet
        #expect(TemplateBuilder(form: form, catalog: catalog).headerTexts(sheet)[2] == "Участников")
    }

    @Test func schoolsAndPeriodsAreChecked() throws {
        let (catalog, dir) = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let form = try #require(catalog.form("demo"))
        #expect(throws: TemplateError.unknownSchool("nosuch")) { try catalog.school("nosuch") }
        try form.checkPeriod("2024/2025")
        #expect(throws: TemplateError.badPeriod("2024/2026", sample: "20##/20##")) { try form.checkPeriod("2024/2026") }
        #expect(throws: TemplateError.badPeriod("2024-2025", sample: "20##/20##")) { try form.checkPeriod("2024-2025") }
        var kindergarten = try catalog.school("co9")
        kindergarten.kind = "kindergarten"
        #expect(!form.isSubmitted(by: kindergarten))
        #expect(form.isSubmitted(by: try catalog.school("co9")))
    }
}
