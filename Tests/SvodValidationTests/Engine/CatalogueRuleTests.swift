import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodTestSupport
import SvodValidation
import SvodWorkbook
import Testing

/// A filled submission of one of the catalogue's forms (`Schemas/forms`), written as the
/// template lays it out: «Титул» with the school and period, each form sheet's fields at their
/// cells, each table's labels on its first row and its rows under them — the schema's fixed
/// rows in order, a code typed as its list item's name, as a school types it.
struct FilledForm {
    static let catalog = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)

    let form: FormSchema
    /// Form sheets' values by sheet id and field code.
    var cells: [String: [String: CellValue]] = [:]
    /// Tables' rows by sheet id, each by field code (codes of `code` fields as codes).
    var rows: [String: [[String: CellValue]]] = [:]

    init(_ id: String) throws {
        form = try #require(Self.catalog.form(id), "no form \(id) in Schemas/forms")
    }

    /// The period a form of this kind is submitted for.
    var period: String {
        switch form.period {
        case .academicYear: return "2023/2024"
        case .year: return "2023"
        case .quarter: return "1 квартал 2024"
        case .month: return "03.2024"
        }
    }

    /// A table's rows: each fixed row's key with `values(key)` (nil leaves the row out).
    mutating func table(_ sheet: String, _ values: ([String: String]) -> [String: CellValue]?) throws {
        let schema = try #require(form.sheet(sheet))
        rows[sheet] = schema.fixedRows.compactMap { key in
            values(key).map { v in v.merging(key.mapValues { CellValue.text($0) }) { a, _ in a } }
        }
    }

    /// What a school types for `value` in `field`: a list item's name for its code.
    func typed(_ value: CellValue, _ field: FieldSchema) -> CellValue {
        guard case .code(let list) = field.type, case .text(let code) = value,
              let item = Self.catalog.list(list)?.items.first(where: { $0.code == code }) else { return value }
        return .text(item.name)
    }

    func write(to path: String) throws {
        let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
        for sheet in form.sheets {
            if sheet.id == "title" {
                try TitleSheet.write(to: w, period: period)
                continue
            }
            try w.beginSheet(SheetSetup(name: sheet.name))
            if sheet.layout == .form {
                var byRow: [Int: [OutputCell]] = [:]
                for field in sheet.fields {
                    guard let a1 = field.cell, let ref = CellReference(a1), let v = cells[sheet.id]?[field.code] else { continue }
                    byRow[ref.row, default: []] += [OutputCell(column: ref.column - 1, value: .text(field.label)),
                                                    OutputCell(column: ref.column, value: typed(v, field))]
                }
                for (r, cells) in byRow.sorted(by: { $0.key < $1.key }) {
                    try w.write(OutputRow(index: r, cells: cells.sorted { $0.column < $1.column }))
                }
            } else {
                try w.write(OutputRow(index: 0, cells: sheet.fields.enumerated().map { OutputCell(column: $0.offset, value: .text($0.element.label)) }))
                for (i, row) in (rows[sheet.id] ?? []).enumerated() {
                    let cells = sheet.fields.enumerated().compactMap { c, field in
                        row[field.code].map { OutputCell(column: c, value: typed($0, field)) }
                    }
                    try w.write(OutputRow(index: i + 1, cells: cells))
                }
            }
            try w.endSheet()
        }
        try w.finish()
    }

    /// Every finding, as `rule sheet!cell`.
    func findings() throws -> [Finding] {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("\(form.id).xlsx").path
        try write(to: path)
        return try Validator(catalog: Self.catalog).validate(try Spreadsheet.open(path: path), form: form, file: path, sha256: "").findings
    }

    static func shown(_ findings: [Finding]) -> [String] { findings.map { "\($0.rule) \($0.place ?? "")" } }
}

/// The catalogue's rules that compare a figure with a table read as a whole: an aggregate
/// (`SUM`/`MAX(sheet.field)`) runs over the rows without the «Всего» rows, the column named
/// alone is the total row. Each rule fires on the case its comment describes and is silent on
/// the correct one.
@Suite struct CatalogueRuleTests {
    static func n(_ v: Double) -> CellValue { .number(v) }

    /// A share rounded to one place as a person does (the cases below have no ties).
    static func share(_ part: Double, _ whole: Double) -> CellValue { .number((part / whole * 1000).rounded() / 10) }

    // MARK: dod.covered-total

    /// Six directions of `perDirection` people each (all in the school's own associations), ИТОГО their sum, and «Охват».
    static func dod(perDirection: Double, pupils: Double, covered: Double) throws -> FilledForm {
        var f = try FilledForm("dod")
        let row: (Double, Double) -> [String: CellValue] = { assoc, people in
            ["assoc_own": n(assoc), "people_own": n(people), "assoc_net": n(0), "people_net": n(0), "assoc": n(assoc), "people": n(people)]
        }
        try f.table("associations") { _ in row(2, perDirection) }
        let count = Double(f.rows["associations"]!.count)
        f.rows["associations"]!.append(row(2 * count, perDirection * count).merging(["direction": .text("ИТОГО")]) { a, _ in a })
        f.cells["coverage"] = ["pupils": n(pupils), "covered": n(covered), "covered_share": share(covered, pupils), "registered_covered": n(0)]
        return f
    }

    /// The comment's case: 6 × 40 = 240 people counted per direction, 120 pupils counted once — consistent.
    @Test func dodCoverageIsComparedWithTheTotalOfTheDirectionsNotTheLargestOne() throws {
        let f = try Self.dod(perDirection: 40, pupils: 300, covered: 120)
        #expect(f.rows["associations"]?.count == 7, "six directions and ИТОГО")
        let clean = try f.findings()
        #expect(clean.isEmpty, "\(FilledForm.shown(clean))")
        // More pupils covered than the 240 the directions hold even with repeats: an error at the coverage cell.
        let over = try Self.dod(perDirection: 40, pupils: 300, covered: 250).findings()
        #expect(FilledForm.shown(over) == ["dod.covered-total Охват!C4"], "\(FilledForm.shown(over))")
        #expect(over.first?.expected == "240", "compared with ИТОГО, not one direction: \(String(describing: over.first?.expected))")
    }

    // MARK: gia9.exams-per-pupil, gia9.subject-participants

    /// One subject row: `n` pupils with marks 5/4/3/2 and the shares and mean computed from them.
    static func gia9Row(_ marks: [Double]) -> [String: CellValue] {
        let total = marks.reduce(0, +)
        var row: [String: CellValue] = ["n": n(total), "n_gve": n(0), "n5": n(marks[0]), "n4": n(marks[1]), "n3": n(marks[2]), "n2": n(marks[3]), "n_max": n(0)]
        if total > 0 {
            row["success"] = share(marks[0] + marks[1] + marks[2], total)
            row["quality"] = share(marks[0] + marks[1], total)
            row["mean"] = .number(((5 * marks[0] + 4 * marks[1] + 3 * marks[2] + 2 * marks[3]) / total * 10).rounded() / 10)
        }
        return row
    }

    /// Ten graduates, all admitted, and the subjects' marks (others sat by nobody), with «Всего человеко-экзаменов».
    static func gia9(_ subjects: [String: [Double]]) throws -> FilledForm {
        var f = try FilledForm("gia9")
        f.cells["summary"] = ["grads": n(10), "not_admitted": n(0), "not_admitted_repeat": n(0), "attestat": n(10), "no_attestat": n(0),
                              "honours": n(0), "attestat_share": n(100), "honours_share": n(0)]
        try f.table("results") { key in gia9Row(subjects[key["subject"]!] ?? [0, 0, 0, 0]) }
        var sums = [0.0, 0, 0, 0]
        for marks in subjects.values { for i in 0..<4 { sums[i] += marks[i] } }
        f.rows["results"]!.append(gia9Row(sums).merging(["subject": .text("Всего человеко-экзаменов")]) { a, _ in a })
        return f
    }

    static let tenPupils: [Double] = [2, 4, 3, 1]

    /// The comment's case: 50 person-exams for 10 pupils (five subjects sat by all ten) — more than four each.
    @Test func gia9PersonExamsAreTheTotalRowNotTheLargestSubject() throws {
        let four = try Self.gia9(["rus": Self.tenPupils, "math": Self.tenPupils, "bio": Self.tenPupils, "soc": Self.tenPupils]).findings()
        #expect(four.isEmpty, "40 person-exams for 10 pupils is four each: \(FilledForm.shown(four))")
        let five = try Self.gia9(["rus": Self.tenPupils, "math": Self.tenPupils, "bio": Self.tenPupils, "soc": Self.tenPupils, "geo": Self.tenPupils]).findings()
        #expect(FilledForm.shown(five) == ["gia9.exams-per-pupil ГИА-9"], "\(FilledForm.shown(five))")
        #expect(five.first?.actual == "50" && five.first?.expected == "40", "\(String(describing: five.first))")
    }

    /// A subject sat by more pupils than were admitted, while the person-exams stay within four each.
    @Test func gia9EachSubjectIsWithinTheAdmittedGraduates() throws {
        let r = try Self.gia9(["rus": [3, 5, 3, 1], "math": Self.tenPupils, "inf": [1, 2, 2, 0]]).findings()
        // Rows: rus on row 2 (B2 is its «Количество участников»); the «Всего» row (27) is not compared.
        #expect(FilledForm.shown(r) == ["gia9.subject-participants ГИА-9!B2"], "\(FilledForm.shown(r))")
        #expect(r.first?.actual == "12" && r.first?.expected == "10", "\(String(describing: r.first))")
    }

    // MARK: contingent.noo-grade4, ooo-grade9, soo-grade11

    /// Classes 1–11 (grade `g` with `10 + g` pupils at the end of the year, nobody moving) and
    /// «Всего», and the levels sheet's «завершили» as given.
    static func contingent(noo: Double, ooo: Double, soo: Double) throws -> FilledForm {
        var f = try FilledForm("contingent")
        var total = 0.0
        try f.table("classes") { key in
            let end = 10 + Double(key["class"]!)!
            total += end
            return ["sets": n(1), "start": n(end), "arrived": n(0), "left": n(0), "end": n(end), "passing": n(end), "success": n(100),
                    "ovz": n(0), "disabled": n(0), "adapted": n(0), "home": n(0)]
        }
        f.rows["classes"]!.append(["class": .text("Всего"), "sets": n(11), "start": n(total), "arrived": n(0), "left": n(0), "end": n(total),
                                   "passing": n(total), "success": n(100), "ovz": n(0), "disabled": n(0), "adapted": n(0), "home": n(0)])
        f.cells["levels"] = ["noo_finished": n(noo), "ooo_finished": n(ooo), "soo_finished": n(soo)]
        return f
    }

    /// «Завершили обучение» of each level is, by its label, grade 4, 9 or 11 at the end of the year;
    /// the rule reads that one row (`when: class = …`) and is reported at its cell, never at «Всего».
    @Test func contingentFinishedLevelsAreTheEndOfGrades4_9And11() throws {
        let rules: Set = ["contingent.noo-grade4", "contingent.ooo-grade9", "contingent.soo-grade11"]
        func run(_ noo: Double, _ ooo: Double, _ soo: Double) throws -> [String] {
            FilledForm.shown(try Self.contingent(noo: noo, ooo: ooo, soo: soo).findings().filter { rules.contains($0.rule) })
        }
        #expect(try run(14, 19, 21).isEmpty)
        // Grade 4 is on row 5 (header on row 1), «на конец учебного года» in column F.
        #expect(try run(13, 19, 21) == ["contingent.noo-grade4 Контингент!F5"])
        #expect(try Set(run(14, 20, 22)) == ["contingent.ooo-grade9 Контингент!F10", "contingent.soo-grade11 Контингент!F12"])
    }

    // MARK: rules about the largest row, judged right

    /// A rule that each row of a table stays within one figure of a form sheet (`MAX(table.field) <= limit`):
    /// rows that together exceed the figure are right (each is within it), one row above it is not.
    struct LargestRowCase: CustomStringConvertible, Sendable {
        let form: String, rule: String, table: String, field: String
        /// The form sheets' values that make the limit 30.
        let limit: [String: [String: Double]]
        var description: String { rule }
    }

    static let largestRowCases: [LargestRowCase] = [
        .init(form: "diag10", rule: "diag10.participants-vs-pupils", table: "results", field: "n", limit: ["summary": ["pupils": 30]]),
        .init(form: "ege", rule: "ege.participants", table: "scores", field: "n", limit: ["summary": ["grads": 32, "not_admitted": 2]]),
        .init(form: "upbringing-monthly", rule: "upbringing-m.events-pupils", table: "events", field: "covered", limit: ["attendance": ["pupils": 30]]),
        .init(form: "upbringing", rule: "upbringing.programme-coverage", table: "programmes", field: "covered", limit: ["general": ["pupils": 30]]),
        .init(form: "upbringing", rule: "upbringing.association-coverage", table: "associations", field: "members", limit: ["general": ["pupils": 30]]),
    ]

    @Test(arguments: largestRowCases)
    func aRuleAboutEachRowReadsTheLargestRow(_ c: LargestRowCase) throws {
        func run(_ first: Double, _ second: Double) throws -> [String] {
            var f = try FilledForm(c.form)
            f.cells = c.limit.mapValues { $0.mapValues { CellValue.number($0) } }
            var i = 0
            try f.table(c.table) { _ in
                defer { i += 1 }
                return [c.field: .number(i == 0 ? first : i == 1 ? second : 0)]
            }
            #expect(f.form.rules.contains { $0.id == c.rule })
            return FilledForm.shown(try f.findings().filter { $0.rule == c.rule })
        }
        #expect(try run(25, 25).isEmpty, "each row within 30, together 50: right")
        #expect(try run(31, 5) == ["\(c.rule) \(try #require(FilledForm(c.form).form.sheet(c.table)).name)"])
    }
}
