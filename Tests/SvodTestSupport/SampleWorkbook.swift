import SvodWorkbook

/// A small workbook using everything a department's workbook uses, written through any
/// `WorkbookWriter`, with what a reader must read back from it (in the corpus shape).
public enum SampleWorkbook {
    public static let title = "ВПР 2023/2024: результаты"
    public static let customProperties = [(name: "svod.form", value: "vpr-2.2.1"), (name: "svod.version", value: "1")]

    /// Text that tests every escape: edges and runs of spaces, tabs, lines, OOXML's own escape, markup.
    public static let trickyTexts = [
        "  отступ  ", "a   b", "a\tb", "строка 1\nстрока 2", "_x0041_ не буква A", "<&> \"кавычки\" 'апостроф'",
        "Ёжик № 5 — «ёлка»", String(repeating: "я", count: 32_767),
    ]

    public static func write(to w: WorkbookWriter) throws {
        let header = w.style(CellStyle(bold: true, fill: Color.headerFill, border: true, horizontal: .center,
                                       vertical: .center, wrap: true))
        let percent = w.style(CellStyle(numberFormat: CellStyle.Format.percentOneDecimal))
        let integer = w.style(CellStyle(border: true, numberFormat: CellStyle.Format.integer, locked: false))
        let bad = w.style(CellStyle(fill: Color.errorFill))
        let warn = w.style(CellStyle(fill: Color.warningFill))
        let date = w.style(CellStyle(numberFormat: "dd.mm.yyyy"))
        w.properties = DocumentProperties(title: title, creator: "Управление образования", created: CivilDateTime(year: 2024, month: 5, day: 20),
                                          custom: customProperties)

        let validations = [
            DataValidation(ranges: [CellRange("B2:B5")!], rule: .list(["Математика", "Русский язык", "Окружающий мир"]),
                           prompt: (title: "Предмет", message: "Выберите из списка"), error: (title: "Ошибка", message: "Такого предмета нет")),
            DataValidation(ranges: [CellRange("C2:E5")!], rule: .whole(.between, 0, 40), allowBlank: false,
                           error: (title: "Число", message: "Целое от 0 до 40")),
            DataValidation(ranges: [CellRange("G2:G5")!], rule: .date(.greaterThanOrEqual, CivilDateTime(year: 2023, month: 9, day: 1)!, nil),
                           errorStyle: .warning),
            DataValidation(ranges: [CellRange("H2:H5")!], rule: .textLength(.lessThanOrEqual, 200, nil)),
            DataValidation(ranges: [CellRange("I2:I5")!], rule: .custom("I2<=C2"), errorStyle: .information),
            DataValidation(ranges: [CellRange("J2:J5")!], rule: .listRange("'Коды'!$A$1:$A$3")),
        ]
        var setup = SheetSetup(name: "ВПР", columns: [ColumnSetup(0, width: 8), ColumnSetup(1, width: 22), ColumnSetup(2, 5, width: 12),
                                                     ColumnSetup(11, hidden: true)],
                               frozenRows: 1, frozenColumns: 1, autoFilter: CellRange("A1:H5"), validations: validations,
                               isProtected: true, tabColor: Color(hex: "2F75B5"))
        // The second reaches cells no row writes: ODS must still give them the map.
        setup.conditionalFormats = [
            ConditionalFormat(ranges: [CellRange("C2:C5")!], formula: "IFERROR(C2<D2+E2,FALSE)", style: CellStyle(bold: true, fontColor: Color(hex: "9C0006"), fill: Color.errorFill)),
            ConditionalFormat(ranges: [CellRange("D2:E5")!, CellRange("I2:I8")!], formula: "AND(D2<>\"\",D2>'Коды'!$B$1)", style: CellStyle(fill: Color.warningFill)),
        ]
        try w.beginSheet(setup)
        let titles = ["Класс", "Предмет", "Участники", "«5»", "«4»", "Успеваемость, %", "Дата", "Примечание"]
        try w.write(OutputRow(index: 0, cells: titles.enumerated().map { OutputCell(column: $0.offset, value: .text($0.element), style: header) },
                              height: 30))
        let data: [(String, String, Double, Double, Double)] = [
            ("4А", "Математика", 25, 10, 9), ("4Б", "Русский язык", 24, 6, 12), ("4В", "Окружающий мир", 20, 5, 5), ("4Г", "Математика", 0, 0, 0),
        ]
        for (i, d) in data.enumerated() {
            let r = i + 1
            let share: CellValue = d.2 == 0 ? .error("#DIV/0!") : .number((d.3 + d.4) / d.2)
            try w.write(OutputRow(index: r, cells: [
                OutputCell(column: 0, value: .text(d.0)),
                OutputCell(column: 1, value: .text(d.1)),
                OutputCell(column: 2, value: .number(d.2), style: integer, comment: r == 1 ? Comment("Проверьте число участников\nвторая строка", author: "Методист") : nil),
                OutputCell(column: 3, value: .number(d.3), style: integer),
                OutputCell(column: 4, value: .number(d.4), style: integer),
                OutputCell(column: 5, value: share, formula: Formula("(D\(r + 1)+E\(r + 1))/C\(r + 1)"), style: d.2 == 0 ? bad : percent),
                OutputCell(column: 6, value: .date(CivilDateTime(year: 2024, month: 4, day: 15 + i, hasTime: false)!), style: date),
                OutputCell(column: 7, value: .text(trickyTexts[i]), style: i == 2 ? warn : nil),
            ]))
        }
        try w.merge(CellRange("A7:B7")!)
        try w.write(OutputRow(index: 6, cells: [
            OutputCell(column: 0, value: .text("Итого"), style: header),
            OutputCell(column: 2, value: .number(69), formula: Formula("SUM(C2:C5)")),
            OutputCell(column: 3, value: .number(21), formula: Formula("SUM(D2:D5)")),
            OutputCell(column: 5, value: .text("итог: 69"), formula: Formula("\"итог: \"&C7")),
            OutputCell(column: 6, value: .bool(true), formula: Formula("C7>0")),
        ]))
        try w.write(OutputRow(index: 9, cells: [
            OutputCell(column: 0, value: .bool(false)),
            OutputCell(column: 1, value: .time(10 * 3600 + 30 * 60)),
            OutputCell(column: 2, value: .duration(90_000)),
            OutputCell(column: 3, value: .date(CivilDateTime(year: 2024, month: 4, day: 15, hour: 10, minute: 30)!)),
            OutputCell(column: 4, value: .number(1e-7)),
            OutputCell(column: 5, value: .number(-12.5)),
            OutputCell(column: 6, value: .number(123_456_789_012)),
            OutputCell(column: 7, value: .error("#N/A")),
        ], hidden: false))
        try w.write(OutputRow(index: 10, cells: trickyTexts[4...].enumerated().map { OutputCell(column: $0.offset, value: .text($0.element)) },
                              repeatCount: 2))
        try w.endSheet()

        try w.beginSheet(SheetSetup(name: "Коды", visibility: .hidden))
        for (i, s) in ["Математика", "Русский язык", "Окружающий мир"].enumerated() {
            try w.write(OutputRow(index: i, cells: [OutputCell(column: 0, value: .text(s))]))
        }
        try w.endSheet()

        try w.beginSheet(SheetSetup(name: "Итоги 2024", merges: [CellRange("A1:D2")!]))
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text(title), style: header)]))
        try w.write(OutputRow(index: 3, cells: [OutputCell(column: 0, value: .text("Всего участников")),
                                                OutputCell(column: 1, value: .number(69), formula: Formula("'ВПР'!C7"))]))
        try w.endSheet()
        try w.defineName(DefinedName(name: "Итого", refersTo: "'ВПР'!$C$7"), dialect: .excel)
        try w.defineName(DefinedName(name: "Классы", refersTo: "'ВПР'!$A$2:$A$5"), dialect: .excel)
    }

    /// What readers must see: sheets with visibility and cells as `[ref, type, value]`.
    public static var expected: [String: Any] {
        var vpr: [[Any]] = []
        let titles = ["Класс", "Предмет", "Участники", "«5»", "«4»", "Успеваемость, %", "Дата", "Примечание"]
        for (i, t) in titles.enumerated() { vpr.append(["\(CellReference.columnName(i))1", "string", t]) }
        let data: [(String, String, Double, Double, Double)] = [
            ("4А", "Математика", 25, 10, 9), ("4Б", "Русский язык", 24, 6, 12), ("4В", "Окружающий мир", 20, 5, 5), ("4Г", "Математика", 0, 0, 0),
        ]
        for (i, d) in data.enumerated() {
            let r = i + 2
            vpr += [["A\(r)", "string", d.0], ["B\(r)", "string", d.1], ["C\(r)", "number", d.2], ["D\(r)", "number", d.3],
                    ["E\(r)", "number", d.4], ["G\(r)", "date", "2024-04-\(15 + i)"], ["H\(r)", "string", trickyTexts[i]]]
            vpr.append(d.2 == 0 ? ["F\(r)", "error", "#DIV/0!"] : ["F\(r)", "number", (d.3 + d.4) / d.2])
        }
        vpr += [["A7", "string", "Итого"], ["C7", "number", 69.0], ["D7", "number", 21.0], ["F7", "string", "итог: 69"], ["G7", "bool", true],
                ["A10", "bool", false], ["B10", "time", "10:30:00"], ["C10", "duration", 90_000.0], ["D10", "datetime", "2024-04-15T10:30:00"],
                ["E10", "number", 1e-7], ["F10", "number", -12.5], ["G10", "number", 123_456_789_012.0], ["H10", "error", "#N/A"]]
        for r in [11, 12] {
            for (i, t) in trickyTexts[4...].enumerated() { vpr.append(["\(CellReference.columnName(i))\(r)", "string", t]) }
        }
        let codes: [[Any]] = ["Математика", "Русский язык", "Окружающий мир"].enumerated().map { ["A\($0.offset + 1)", "string", $0.element] }
        let totals: [[Any]] = [["A1", "string", title], ["A4", "string", "Всего участников"], ["B4", "number", 69.0]]
        return ["sheets": [
            ["name": "ВПР", "visible": "visible", "kind": "worksheet", "cells": vpr],
            ["name": "Коды", "visible": "hidden", "kind": "worksheet", "cells": codes],
            ["name": "Итоги 2024", "visible": "visible", "kind": "worksheet", "cells": totals],
        ]]
    }

    /// Merged ranges per sheet.
    public static let merges = ["ВПР": ["A7:B7"], "Итоги 2024": ["A1:D2"]]
}
