import SvodSchema
import SvodWorkbook

/// «Источники»: for every form, each school's file used (name, SHA-256, arrival, warnings
/// explained or not), each school that did not send it, and every input left out with why.
struct SourcesSheet {
    let catalog: SchemaCatalog
    let styles: ConsolidationStyles

    func write(_ c: Consolidation, leftOut: [LeftOut], to w: WorkbookWriter) throws {
        let headers = ["Форма", "ОО", "Код", "Район", "Состояние", "Файл", "SHA-256", "Поступил (UTC)",
                       "Предупреждений без пояснений", "Предупреждений с пояснениями", "Через свод"]
        try w.beginSheet(SheetSetup(name: "Источники", columns: [ColumnSetup(0, width: 12), ColumnSetup(1, width: 34), ColumnSetup(2, width: 12),
                                                                 ColumnSetup(3, width: 18), ColumnSetup(4, width: 16), ColumnSetup(5, width: 40),
                                                                 ColumnSetup(6, width: 20), ColumnSetup(7, width: 20), ColumnSetup(8, 9, width: 14),
                                                                 ColumnSetup(10, width: 30)],
                                    frozenRows: 1).printable())
        try w.write(OutputRow(index: 0, cells: headers.enumerated().map { OutputCell(column: $0, value: .text($1), style: styles.header) }))
        var index = 1
        func put(_ values: [String?], numbers: [Int: Int] = [:]) throws {
            var cells: [OutputCell] = []
            for (i, v) in values.enumerated() {
                if let n = numbers[i] { cells.append(OutputCell(column: i, value: .number(Double(n)))) }
                else if let v, !v.isEmpty { cells.append(OutputCell(column: i, value: .text(v))) }
            }
            try w.write(OutputRow(index: index, cells: cells))
            index += 1
        }
        for f in c.forms {
            for s in f.sources {
                let org = catalog.organisation(code: s.school)
                let state = s.warnings > 0 ? "принят с предупреждениями" : "принят"
                try put([f.id, org?.short.first ?? s.school, s.school, org?.district.flatMap { catalog.district($0)?.name }, state,
                         s.fileName, s.sha256, s.arrivedAt, nil, nil, s.via], numbers: [8: s.warnings, 9: s.warningsExplained])
            }
            for code in f.missing {
                let org = catalog.organisation(code: code)
                try put([f.id, org?.short.first ?? code, code, org?.district.flatMap { catalog.district($0)?.name }, "не сдан"])
            }
        }
        for l in leftOut {
            try put(["—", nil, nil, nil, "не вошёл в свод", l.file, nil, nil, nil, nil, l.reason.ru])
        }
        try w.endSheet()
    }
}

/// «Контроль свода»: what the consolidation checks found, or a line saying nothing was.
struct ChecksSheet {
    let styles: ConsolidationStyles

    func write(_ checks: [CityFinding], catalog: SchemaCatalog, to w: WorkbookWriter) throws {
        try w.beginSheet(SheetSetup(name: "Контроль свода", columns: [ColumnSetup(0, width: 12), ColumnSetup(1, width: 24), ColumnSetup(2, width: 28),
                                                                       ColumnSetup(3, width: 16), ColumnSetup(4, width: 28), ColumnSetup(5, width: 80)],
                                    frozenRows: 1).printable())
        let headers = ["Форма", "Лист", "Строка", "Поле", "Правило", "Замечание"]
        try w.write(OutputRow(index: 0, cells: headers.enumerated().map { OutputCell(column: $0, value: .text($1), style: styles.header) }))
        if checks.isEmpty {
            try w.write(OutputRow(index: 1, cells: [OutputCell(column: 0, value: .text("Замечаний нет: городские строки сходятся с правилами форм."))]))
        }
        for (i, f) in checks.enumerated() {
            let sheet = f.sheet.flatMap { catalog.form(f.form)?.sheet($0)?.name } ?? f.sheet
            let values = [f.form, sheet, f.row, f.field, f.rule, f.message.ru]
            try w.write(OutputRow(index: i + 1, cells: values.enumerated().compactMap { c, v in
                v.map { OutputCell(column: c, value: .text($0), style: c == 5 ? styles.text : nil) }
            }))
        }
        try w.endSheet()
    }
}
