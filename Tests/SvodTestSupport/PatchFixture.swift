import SvodWorkbook

/// The school's workbook the patch tests mark, in either format: «Титул» and «ВПР» with widths,
/// a bold header, a 0.0 format, protection, a list, a note on C4; row 3 left out, row 2 without D2.
public enum PatchFixture {
    public static func write(to w: WorkbookWriter) throws {
        w.properties.custom = [(name: "svod.form", value: "vpr")]
        try w.beginSheet(SheetSetup(name: "Титул", columns: [ColumnSetup(0, width: 40)]))
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("Школа")), OutputCell(column: 1, value: .text("co9"))]))
        try w.endSheet()
        let bold = w.style(CellStyle(bold: true))
        let tenths = w.style(CellStyle(numberFormat: "0.0", locked: false))
        try w.beginSheet(SheetSetup(name: "ВПР", columns: [ColumnSetup(0, width: 30), ColumnSetup(1, width: 12)], frozenRows: 1,
                                    validations: [DataValidation(ranges: [CellRange("B2:B9")!], rule: .decimal(.between, 0, 100))], isProtected: true))
        try w.write(OutputRow(index: 0, cells: ["Предмет", "Качество", "Успеваемость", "Участники"].enumerated().map {
            OutputCell(column: $0.offset, value: .text($0.element), style: bold)
        }))
        try w.write(OutputRow(index: 1, cells: [OutputCell(column: 0, value: .text("Математика")), OutputCell(column: 1, value: .number(97), style: tenths),
                                                OutputCell(column: 2, value: .number(81.5), style: tenths)]))
        try w.write(OutputRow(index: 3, cells: [OutputCell(column: 0, value: .text("Русский язык")), OutputCell(column: 1, value: .number(64.25), style: tenths),
                                                OutputCell(column: 2, value: .number(12), comment: Comment("проверено завучем", author: "Школа"))]))
        try w.endSheet()
        try w.finish()
    }

    /// Marks on a styled cell, a cell and a row the school left out, a cell with a note, and a comment alone below the table.
    public static let marks: [CellReference: PatchMark] = [
        CellReference("B2")!: PatchMark(fill: .errorFill, comment: "Ошибка — больше 100"),
        CellReference("D2")!: PatchMark(fill: .errorFill, comment: "Ошибка — не заполнено"),
        CellReference("B3")!: PatchMark(fill: .warningFill, comment: "Предупреждение — строки нет"),
        CellReference("C4")!: PatchMark(fill: .errorFill, comment: "Ошибка — не сходится"),
        CellReference("F12")!: PatchMark(fill: nil, comment: "Сведение — ниже таблицы"),
    ]

    /// `marks` on «ВПР» and a findings sheet with a styled header and a number to three places.
    public static func patch(_ marks: [String: [CellReference: PatchMark]] = ["ВПР": marks]) -> WorkbookPatch {
        var p = WorkbookPatch()
        p.marks = marks
        p.firstSheet = ("Замечания", { w in
            try w.beginSheet(SheetSetup(name: "Замечания", columns: [ColumnSetup(0, width: 50)]))
            try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("Сообщение"), style: w.style(CellStyle(bold: true, fill: .headerFill)))]))
            try w.write(OutputRow(index: 1, cells: [OutputCell(column: 0, value: .number(1.5), style: w.style(CellStyle(numberFormat: "0.000")))]))
            try w.endSheet()
        })
        return p
    }
}
