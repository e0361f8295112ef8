import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import Testing

/// ВПР forms with each kind of mistake schools make: the exact rule, cell and severity is
/// found; consistent forms give no findings.
@Suite struct ValidatorTests {
    static let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)

    /// One ВПР row: class, subject, n, n5, n4, n3, n2, success, quality (nil leaves the cell empty).
    typealias Line = [CellValue?]

    static func line(_ cls: String, _ subject: String, _ marks: [Int]) -> Line {
        let n = marks.reduce(0, +)
        let success = (Decimal(marks[0] + marks[1] + marks[2]) / Decimal(n) * 100)
        let quality = (Decimal(marks[0] + marks[1]) / Decimal(n) * 100)
        func r(_ d: Decimal) -> Double { var v = d, o = Decimal(); NSDecimalRound(&o, &v, 1, .plain); return NSDecimalNumber(decimal: o).doubleValue }
        return [.text(cls), .text(subject), .number(Double(n))] + marks.map { .number(Double($0)) } + [.number(r(success)), .number(r(quality))]
    }

    static let good: [Line] = [line("4", "Математика", [31, 27, 12, 1]), line("4", "Русский язык", [22, 33, 14, 2]),
                               line("5", "История", [10, 20, 30, 3])]

    /// Writes a ВПР file: title rows, the header on row `headerRow`, the lines, an optional explanations sheet.
    static func write(_ lines: [Line], sheet: String = "ВПР", headerRow: Int = 4, format: SpreadsheetFormat = .xlsx,
                      explanations: [[String]] = [], percentColumns: Set<Int> = [], in dir: URL, name: String = "form",
                      period: String = "2023/2024", school: String = "co9", extraSheets: [(String, [[String]])] = []) throws -> String {
        let path = dir.appendingPathComponent("\(name).\(format == .xlsx ? "xlsx" : "ods")").path
        let w = try SpreadsheetOutput.create(path: path, format: format)
        let percent = w.style(CellStyle(numberFormat: CellStyle.Format.percentOneDecimal))
        try w.beginSheet(SheetSetup(name: sheet))
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("Результаты ВПР, 2023/2024 учебный год"))]))
        try w.write(OutputRow(index: 1, cells: [OutputCell(column: 0, value: .text("МБОУ ЦО № 9"))]))
        let header = ["Класс", "Предмет", "Участников", "«5»", "«4»", "«3»", "«2»", "Успеваемость, %", "Качество, %"]
        try w.write(OutputRow(index: headerRow, cells: header.enumerated().map { OutputCell(column: $0.offset, value: .text($0.element)) }))
        for (i, l) in lines.enumerated() {
            let cells = l.enumerated().compactMap { c, v in
                v.map { OutputCell(column: c, value: $0, style: percentColumns.contains(c) ? percent : nil) }
            }
            try w.write(OutputRow(index: headerRow + 1 + i, cells: cells))
        }
        try w.endSheet()
        try TitleSheet.write(to: w, school: school, period: period)
        if !explanations.isEmpty {
            try w.beginSheet(SheetSetup(name: "Пояснения"))
            for (i, e) in explanations.enumerated() {
                try w.write(OutputRow(index: i, cells: e.enumerated().map { OutputCell(column: $0.offset, value: .text($0.element)) }))
            }
            try w.endSheet()
        }
        for (name, rows) in extraSheets {
            try w.beginSheet(SheetSetup(name: name))
            for (i, e) in rows.enumerated() {
                try w.write(OutputRow(index: i, cells: e.enumerated().map { OutputCell(column: $0.offset, value: .text($0.element)) }))
            }
            try w.endSheet()
        }
        try w.finish()
        return path
    }

    func validate(_ path: String, previous: String? = nil) throws -> ValidationReport {
        let reader = try Spreadsheet.open(path: path)
        let form = try #require(try FormDetector.detect(reader, in: Self.catalog))
        #expect(form.id == "vpr")
        return try Validator(catalog: Self.catalog).validate(reader, form: form, file: path, sha256: "",
                                                             previous: try previous.map { try Spreadsheet.open(path: $0) })
    }

    func withDir(_ body: (URL) throws -> Void) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir)
    }

    @Test func theBundledSchemasLoad() {
        #expect(Self.catalog.issues.isEmpty, "\(Self.catalog.issues.map { $0.line(.en) })")
    }

    @Test(arguments: [SpreadsheetFormat.xlsx, .ods])
    func aConsistentFormHasNoFindings(_ format: SpreadsheetFormat) throws {
        try withDir { dir in
            let report = try validate(try Self.write(Self.good, format: format, in: dir))
            #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.rule) \($0.place ?? "") \($0.message.ru)" })")
            #expect(report.isValid)
        }
    }

    /// Each planted mistake: (description, how to break the good lines, rule, cell, severity).
    static let mistakes: [(String, @Sendable ([Line]) -> [Line], String, String?, Severity)] = [
        ("participants do not add up", { var l = $0; l[1][2] = .number(72); return l }, "vpr.participants", "C7", .error),
        ("success rate miscomputed", { var l = $0; l[0][7] = .number(97.2); return l }, "vpr.success", "H6", .error),
        ("quality miscomputed", { var l = $0; l[2][8] = .number(47.9); return l }, "vpr.quality", "I8", .error),
        ("a required mark left empty", { var l = $0; l[0][4] = nil; return l }, "field.required", "E6", .error),
        ("a negative count", { var l = $0; l[2][6] = .number(-3); return l }, "field.range", "G8", .error),
        ("a subject not in the list", { var l = $0; l[2][1] = .text("Астрология"); return l }, "field.list", "B8", .error),
        ("the same class and subject twice", { $0 + [$0[0]] }, "key.duplicate", "A9", .error),
        ("a share over 100", { var l = $0; l[0][8] = .number(181.7); return l }, "field.range", "I6", .error),
        ("a number typed as text with a decimal comma", { var l = $0; l[0][8] = .text("81,7"); return l }, "field.format", "I6", .warning),
        ("text where a number belongs", { var l = $0; l[1][3] = .text("22 чел."); return l }, "field.type", "D7", .error),
    ]

    @Test(arguments: mistakes.indices)
    func eachPlantedMistakeIsFoundAtItsCell(_ i: Int) throws {
        let (what, breakIt, rule, cell, severity) = Self.mistakes[i]
        try withDir { dir in
            let report = try validate(try Self.write(breakIt(Self.good), in: dir))
            let hit = report.findings.first { $0.rule == rule && $0.cell?.a1 == cell }
            #expect(hit != nil, "\(what): \(report.findings.map { "\($0.rule) \($0.place ?? "")" })")
            #expect(hit?.severity == severity)
            #expect(hit?.sheet == "ВПР")
            #expect(hit?.message.ru.isEmpty == false && hit?.message.en.isEmpty == false)
        }
    }

    @Test func aPercentRoundedAsPublishedIsNotAMistake() throws {
        try withDir { dir in
            var lines = Self.good
            lines[0][8] = .number(81.69)  // (31+27)/71 = 81.690…%: the school wrote two places, the schema publishes one
            let report = try validate(try Self.write(lines, in: dir))
            #expect(!report.findings.contains { $0.rule == "vpr.quality" }, "\(report.findings.map(\.message.ru))")
        }
    }

    /// Excel stores «81,7 %» typed into a %-formatted cell as 0.817; a percent field reads 81.7.
    @Test(arguments: [SpreadsheetFormat.xlsx, .ods])
    func percentFormattedFractionsReadAsPercentages(_ format: SpreadsheetFormat) throws {
        try withDir { dir in
            let lines = Self.good.map { l -> Line in
                var l = l
                for c in [7, 8] { if case .number(let v)? = l[c] { l[c] = .number(v / 100) } }
                return l
            }
            let report = try validate(try Self.write(lines, format: format, percentColumns: [7, 8], in: dir))
            #expect(report.findings.allSatisfy { $0.severity != .error }, "\(report.findings.map { "\($0.rule) \($0.place ?? "")" })")
        }
    }

    /// A template's metadata names its form, whatever its sheets look like after filling.
    @Test(arguments: [SpreadsheetFormat.xlsx, .ods])
    func theFormNamedInTheMetadataIsTheFormUsed(_ format: SpreadsheetFormat) throws {
        try withDir { dir in
            let path = dir.appendingPathComponent("t.\(format.rawValue)").path
            let w = try SpreadsheetOutput.create(path: path, format: format)
            w.properties = DocumentProperties(custom: [(name: FormDetector.formProperty, value: "rkr"), (name: "svod.version", value: "1")])
            try w.beginSheet(SheetSetup(name: "Лист1"))
            try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("Класс"))]))
            try w.endSheet()
            try w.finish()
            let form = try FormDetector.detect(try Spreadsheet.open(path: path), in: Self.catalog)
            #expect(form?.id == "rkr")
        }
    }

    @Test func aRenamedSheetAndAMovedHeaderStillBind() throws {
        try withDir { dir in
            let report = try validate(try Self.write(Self.good, sheet: "впр ", headerRow: 7, in: dir))
            #expect(report.findings.map(\.rule) == ["sheet.renamed"])
            #expect(report.findings.first?.severity == .warning)
        }
    }

    @Test func anExplainedWarningIsReportedAsExplained() throws {
        try withDir { dir in
            var lines = Self.good
            lines[0][8] = .text("81,7")
            let path = try Self.write(lines, explanations: [["Правило", "Ячейка", "Пояснение"], ["field.format", "I6", "Так выгрузила система"]], in: dir)
            let report = try validate(path)
            let f = try #require(report.findings.first { $0.rule == "field.format" })
            #expect(f.explanation == "Так выгрузила система")
            #expect(report.count(.warning, explained: false) == 0 && report.count(.warning, explained: true) == 1)
        }
    }

    @Test func aLargeMoveSinceLastYearIsAQuery() throws {
        try withDir { dir in
            var last = Self.good
            last[0] = Self.line("4", "Математика", [10, 20, 30, 11])  // quality 42.3 then, 81.7 now
            let previous = try Self.write(last, in: dir, name: "last", period: "2022/2023")
            let report = try validate(try Self.write(Self.good, in: dir), previous: previous)
            let f = try #require(report.findings.first { $0.rule == "vpr.quality-trend" })
            #expect(f.severity == .warning && f.cell?.a1 == "I6")
            #expect(report.findings.count == 1)
            // A trend warning gives last period's value and names its row.
            #expect(f.previous == "42.3" && f.message.ru.hasSuffix("(в прошлом периоде — 42,3)"), "\(f.message.ru)")
            #expect(f.rowKey?.ru == "4, Математика")
        }
    }

    /// Property: any consistent form, however filled, gives no error.
    @Test func consistentRandomFormsNeverProduceAnError() throws {
        var rng = SystemRandomNumberGenerator()
        let subjects = ["Математика", "Русский язык", "Биология", "История", "География", "Физика"]
        try withDir { dir in
            for round in 0..<25 {
                var lines: [Line] = []
                for (k, s) in subjects.shuffled(using: &rng).prefix(Int.random(in: 1...6, using: &rng)).enumerated() {
                    var marks = (0..<4).map { _ in Int.random(in: 0...60, using: &rng) }
                    if marks.reduce(0, +) == 0 { marks[0] = 1 }
                    lines.append(Self.line(String(4 + k % 7), s, marks))
                }
                let report = try validate(try Self.write(lines, in: dir, name: "r\(round)"))
                #expect(report.isValid, "\(report.findings.map { "\($0.rule) \($0.place ?? "") \($0.message.ru)" })")
            }
        }
    }
}
