import Foundation
import SvodSpreadsheet
import SvodWorkbook

/// Two small forms of one school and period, the second reading the first (`form("xf-staff")`),
/// and their files: the cross-form rules' tests at every level state only the numbers.
public enum CrossFormFixture {
    /// The «Титул» both forms open with: who sent the file for when.
    static let titleSheet = """
      - id: title
        name: Титул
        layout: form
        fields:
          - {code: school, label: Образовательная организация, type: code, list: organisations, cell: C3, required: true}
          - {code: period, label: Отчётный период, type: text, cell: C4, required: true}
    """

    public static let staff = """
    id: xf-staff
    version: 1
    title: {ru: Кадры (проверка), en: Staff (test)}
    mechanism: 1
    period: academic-year
    periodicity: Ежегодно, сентябрь
    submitters: [general-school]
    sheets:
    \(titleSheet)
      - id: staff
        name: Кадры
        key: [position]
        totals: {label-field: position, fields: [n]}
        fields:
          - {code: position, label: Должность, type: code, list: staff-positions, required: true}
          - {code: n, label: Всего, type: integer, min: 0, required: true}
    """

    public static let pd = """
    id: xf-pd
    version: 1
    title: {ru: ДПО (проверка), en: Training (test)}
    mechanism: 7
    period: academic-year
    periodicity: Ежегодно, сентябрь
    submitters: [general-school]
    sheets:
    \(titleSheet)
      - id: dpo
        name: ДПО
        layout: form
        fields:
          - {code: ped, label: Педагогических работников, type: integer, cell: C3, required: true}
          - {code: rus, label: Учителей русского языка, type: integer, cell: C4, required: true}
    rules:
      - id: xf-pd.ped
        sheet: dpo
        check: ped = form("xf-staff").staff.n
        message: {ru: "Педагогов {actual}, а в форме «Кадры» {expected}", en: "{actual} staff, but «Кадры» has {expected}"}
      - id: xf-pd.rus
        sheet: dpo
        check: rus <= form("xf-staff").staff.n["Учителя"]
        message: {ru: "Учителей русского языка {actual}, а учителей в форме «Кадры» {expected}", en: "{actual} teachers of Russian, but «Кадры» has {expected} teachers"}
    """

    /// A schema folder with both forms and the reference lists they use.
    public static func schemas(in dir: URL) throws {
        try SchemaFolder.make(in: dir, form: staff, named: "xf-staff", references: ["lists.yaml", "lists-staff.yaml", "organisations.yaml"])
        try pd.write(to: dir.appendingPathComponent("forms/xf-pd.yaml"), atomically: true, encoding: .utf8)
    }

    /// A staff file: teachers and other staff, and their «Всего».
    public static func writeStaff(_ path: String, school: String = "co9", period: String = "2019/2020", teachers: Double, others: Double) throws {
        let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
        try TitleSheet.write(to: w, school: school, period: period)
        try w.beginSheet(SheetSetup(name: "Кадры"))
        let rows: [(String, Double)] = [("Должность", 0), ("Учителя", teachers), ("Педагоги дополнительного образования", others), ("Всего", teachers + others)]
        for (i, (label, n)) in rows.enumerated() {
            let value: CellValue = i == 0 ? .text("Всего") : .number(n)
            try w.write(OutputRow(index: i, cells: [OutputCell(column: 0, value: .text(label)), OutputCell(column: 1, value: value)]))
        }
        try w.endSheet()
        try w.finish()
    }

    /// A training file: all staff and the teachers of Russian.
    public static func writePD(_ path: String, school: String = "co9", period: String = "2019/2020", ped: Double, rus: Double) throws {
        let w = try SpreadsheetOutput.create(path: path, format: .xlsx)
        try TitleSheet.write(to: w, school: school, period: period)
        try w.beginSheet(SheetSetup(name: "ДПО"))
        for (row, v) in [(2, ped), (3, rus)] {
            try w.write(OutputRow(index: row, cells: [OutputCell(column: 2, value: .number(v))]))
        }
        try w.endSheet()
        try w.finish()
    }
}
