import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import Testing

/// Defects a review of the validator found, each kept as the test that reproduces it.
@Suite struct EngineReviewTests {
    let catalog = ValidatorTests.catalog

    func validate(_ path: String, form: String = "vpr", previous: String? = nil) throws -> ValidationReport {
        try Validator(catalog: catalog).validate(try Spreadsheet.open(path: path), form: try #require(catalog.form(form)), file: path,
                                                 sha256: "", previous: try previous.map { try Spreadsheet.open(path: $0) })
    }

    func withDir(_ body: (URL) throws -> Void) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir)
    }

    /// «Класс» merged down over two rows, «Количество отметок» merged across the marks below it.
    @Test func aTwoRowMergedHeaderBinds() throws {
        try withDir { dir in
            let path = dir.appendingPathComponent("h.xlsx").path
            let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
            try w.beginSheet(SheetSetup(name: "ВПР", merges: ["A1:A2", "B1:B2", "C1:C2", "D1:G1", "H1:H2", "I1:I2"].map { CellRange($0)! }))
            let top = ["Класс", "Предмет", "Участников", "Количество отметок", nil, nil, nil, "Успеваемость, %", "Качество, %"]
            try w.write(OutputRow(index: 0, cells: top.enumerated().compactMap { i, t in t.map { OutputCell(column: i, value: .text($0)) } }))
            try w.write(OutputRow(index: 1, cells: ["5", "4", "3", "2"].enumerated().map { OutputCell(column: 3 + $0.offset, value: .text($0.element)) }))
            for (i, l) in ValidatorTests.good.enumerated() {
                try w.write(OutputRow(index: 2 + i, cells: l.enumerated().compactMap { c, v in v.map { OutputCell(column: c, value: $0) } }))
            }
            try w.endSheet()
            try TitleSheet.write(to: w)
            try w.finish()
            let report = try validate(path)
            #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.rule) \($0.place ?? "")" })")
        }
    }

    @Test func keysCompareListItemsNotSpellings() throws {
        try withDir { dir in
            var lines = ValidatorTests.good
            var again = lines[0]
            again[0] = .text("4 класс")
            again[1] = .text("Матем.")
            lines.append(again)
            let report = try validate(try ValidatorTests.write(lines, in: dir))
            #expect(report.findings.contains { $0.rule == "key.duplicate" && $0.cell?.a1 == "A9" }, "\(report.findings.map(\.rule))")
        }
    }

    @Test func aPreviousPeriodRowSpeltDifferentlyStillMatches() throws {
        try withDir { dir in
            var last = ValidatorTests.good
            last[0] = ValidatorTests.line("4", "Математика", [10, 20, 30, 11])
            last[0][0] = .text("4 класс")
            last[0][1] = .text("Алгебра")
            let previous = try ValidatorTests.write(last, in: dir, name: "last", period: "2022/2023")
            let report = try validate(try ValidatorTests.write(ValidatorTests.good, in: dir), previous: previous)
            #expect(report.findings.contains { $0.rule == "vpr.quality-trend" })
        }
    }

    @Test func anExplanationsSheetDoesNotHideTheOnlyDataSheet() throws {
        try withDir { dir in
            let path = try ValidatorTests.write(ValidatorTests.good, sheet: "ВПР 2024 г.", explanations: [["field.format", "I6", "так"]], in: dir)
            let reader = try Spreadsheet.open(path: path)
            #expect(try FormDetector.detect(reader, in: catalog)?.id == "vpr")
            let report = try validate(path)
            // The explanation fits no warning of this file: it is said so, not dropped.
            #expect(report.findings.map(\.rule) == ["sheet.renamed", "explanation.unused"], "\(report.findings.map(\.rule))")
        }
    }

    /// 150 typed into a %-formatted cell is stored as 1.5 and shown as 150 %: over the maximum.
    @Test(arguments: [SpreadsheetFormat.xlsx, .ods])
    func aPercentOverOneHundredIsCaught(_ format: SpreadsheetFormat) throws {
        try withDir { dir in
            var lines = ValidatorTests.good.map { l -> ValidatorTests.Line in
                var l = l
                for c in [7, 8] { if case .number(let v)? = l[c] { l[c] = .number(v / 100) } }
                return l
            }
            lines[0][8] = .number(1.5)
            let report = try validate(try ValidatorTests.write(lines, format: format, percentColumns: [7, 8], in: dir))
            #expect(report.findings.contains { $0.rule == "field.range" && $0.cell?.a1 == "I6" }, "\(report.findings.map { "\($0.rule) \($0.place ?? "")" })")
        }
    }

    @Test func aRuleNamingAnUnknownFieldIsASchemaMistake() throws {
        let text = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Schemas/forms/vpr.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "check: n = n5 + n4 + n3 + n2", with: "check: n = n5 + n4 + n3 + n22")
        let (form, issues) = SchemaLoader.form(text, file: "vpr.yaml")
        #expect(form == nil)
        #expect(issues.contains { $0.message.en.contains("no field 'n22'") }, "\(issues)")
    }

    /// An empty tab beside the title is not taken for the missing table: it has no header to prove it.
    @Test func anEmptyLeftoverTabIsNotTheTable() throws {
        try withDir { dir in
            let path = dir.appendingPathComponent("e.xlsx").path
            let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
            try TitleSheet.write(to: w)
            try w.beginSheet(SheetSetup(name: "Лист2"))
            try w.endSheet()
            try w.finish()
            let report = try Validator(catalog: catalog).validate(try Spreadsheet.open(path: path), form: try #require(catalog.form("vpr")),
                                                                  file: path, sha256: "")
            #expect(report.findings.map(\.rule) == ["sheet.missing"], "\(report.findings.map(\.rule))")
        }
    }
}
