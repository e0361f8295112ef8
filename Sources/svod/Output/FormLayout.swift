import SvodLocale
import SvodSchema
import SvodWorkbook

/// A form's layout as JSON, for programs that fill or read forms without guessing: sheets,
/// fields with their template columns or cells, and the first data row.
enum FormLayoutJSON {
    static func render(_ f: FormSchema) -> String {
        var sheets: [String] = []
        for s in f.sheets {
            var fields: [String] = []
            for (i, field) in s.fields.enumerated() {
                var parts = ["\"code\": \(CellText.quoted(field.code))", "\"label\": \(CellText.quoted(field.label))",
                             "\"type\": \(CellText.quoted(field.type.name))", "\"required\": \(field.required)"]
                switch field.type {
                case .decimal(let p), .percent(let p): parts.append("\"places\": \(p)")
                case .code(let list): parts.append("\"list\": \(CellText.quoted(list))")
                default: break
                }
                if s.layout == .table { parts.append("\"column\": \"\(CellReference.columnName(i))\"") }
                if let cell = field.cell { parts.append("\"cell\": \(CellText.quoted(cell))") }
                if let row = field.gridRow, let column = field.gridColumn {
                    parts.append("\"row_code\": \(CellText.quoted(row)), \"column_code\": \(CellText.quoted(column))")
                }
                if let unit = field.unit { parts.append("\"unit\": \(CellText.quoted(unit))") }
                if let min = field.min { parts.append("\"min\": \(CellText.number(min))") }
                if let max = field.max { parts.append("\"max\": \(CellText.number(max))") }
                if !field.aliases.isEmpty { parts.append("\"aliases\": [\(field.aliases.map(CellText.quoted).joined(separator: ", "))]") }
                fields.append("{" + parts.joined(separator: ", ") + "}")
            }
            var sheet = ["\"id\": \(CellText.quoted(s.id))", "\"name\": \(CellText.quoted(s.name))",
                         "\"layout\": \"\(s.layout.rawValue)\"", "\"required\": \(s.required)"]
            if s.layout == .table {
                sheet.append("\"header_rows\": \(s.headerRows)")
                sheet.append("\"first_data_row\": \(s.headerRows + 1)")
                sheet.append("\"key\": [\(s.key.map(CellText.quoted).joined(separator: ", "))]")
            }
            if let grid = s.grid {
                // Where the template puts the frame; files are read by the codes wherever they stand.
                func lines(_ l: [GridSchema.Line]) -> String {
                    "[" + l.map { "{\"code\": \(CellText.quoted($0.code)), \"label\": \(CellText.quoted($0.label))}" }.joined(separator: ", ") + "]"
                }
                sheet.append("\"grid\": {\"rows\": \(lines(grid.rows)), \"columns\": \(lines(grid.columns)), \"header_row\": \(GridSchema.headerRow + 1), "
                             + "\"number_row\": \(GridSchema.numberRow + 1), \"row_code_column\": \"B\"}")
            }
            sheet.append("\"fields\": [\n      " + fields.joined(separator: ",\n      ") + "]")
            sheets.append("{" + sheet.joined(separator: ", ") + "}")
        }
        let rules = f.rules.map { r in
            "{\"id\": \(CellText.quoted(r.id)), \"severity\": \"\(r.severity.rawValue)\", \"sheet\": \(CellText.quoted(r.sheet)), \"check\": \(CellText.quoted(r.check))"
                + (r.when.map { ", \"when\": \(CellText.quoted($0))" } ?? "") + "}"
        }
        return """
        {
          "id": \(CellText.quoted(f.id)),
          "version": \(f.version),
          "title": {"ru": \(CellText.quoted(f.title.ru)), "en": \(CellText.quoted(f.title.en))},
          "mechanism": \(f.mechanisms.first ?? 0),
          "mechanisms": \(f.mechanisms),
          "period": "\(f.period.rawValue)",
          "periodicity": {"ru": \(CellText.quoted(f.periodicity.ru)), "en": \(CellText.quoted(f.periodicity.en))},
          "deadline": \(deadline(f)),
          "sheets": [
            \(sheets.joined(separator: ",\n    "))
          ],
          "rules": [
            \(rules.joined(separator: ",\n    "))
          ]
        }

        """
    }
}

extension FormLayoutJSON {
    /// `{"kind": "fixed", "month", "day", "year", …}` or `{"kind": "after-period", "months", "day", …}`, with the
    /// deadline in words and its date for an example period; `null` for a form without one.
    static func deadline(_ f: FormSchema) -> String {
        guard let d = f.deadline else { return "null" }
        func day(_ day: Deadline.Day) -> String {
            switch day {
            case .number(let n): return "\(n)"
            case .last: return "\"last\""
            }
        }
        var parts: [String]
        switch d.rule {
        case .fixed(let month, let dd, _):
            parts = ["\"kind\": \"fixed\"", "\"month\": \(month)", "\"day\": \(day(dd))",
                     "\"year\": \"\(d.resolvedYear(f.period)!.rawValue)\""]
        case .afterPeriod(let months, let dd):
            parts = ["\"kind\": \"after-period\"", "\"months\": \(months)", "\"day\": \(day(dd))"]
        }
        let text = d.text(f.period)
        parts.append("\"text\": {\"ru\": \(CellText.quoted(text.ru)), \"en\": \(CellText.quoted(text.en))}")
        let example = Deadline.examplePeriod(f.period)
        if let date = d.date(for: example, kind: f.period) {
            parts.append("\"example\": {\"period\": \(CellText.quoted(example)), \"date\": \"\(date.iso8601)\"}")
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}

/// A form's layout for people.
enum FormLayoutText {
    static func render(_ f: FormSchema, _ lang: Language) -> String {
        let ru = lang == .ru
        var out = "\(f.id) v\(f.version): \(f.title(lang))\n"
        let mechanisms = f.mechanisms.map(String.init).joined(separator: ", ")
        out += (ru ? "Механизм МСОКО: \(mechanisms); срок: \(f.periodicity(lang))\n" : "МСОКО mechanism: \(mechanisms); due: \(f.periodicity(lang))\n")
        if let d = f.deadline {
            let example = Deadline.examplePeriod(f.period)
            let date = d.date(for: example, kind: f.period).map { (ru ? " (за \(example) — " : " (for \(example): ") + dotted($0) + ")" } ?? ""
            out += (ru ? "Срок сдачи: " : "Deadline: ") + d.text(f.period)(lang) + date + "\n"
        }
        for s in f.sheets {
            out += ru ? "\nЛист «\(s.name)» (\(s.layout == .table ? "таблица" : "форма"))\n" : "\nSheet «\(s.name)» (\(s.layout.rawValue))\n"
            for (i, field) in s.fields.enumerated() {
                let place = field.cell ?? CellReference.columnName(i)
                let req = field.required ? (ru ? ", обязательное" : ", required") : ""
                out += "  \(place)  \(field.code)  \(guillemets(field.label))  \(field.type.name)\(req)\n"
            }
        }
        if !f.rules.isEmpty {
            out += ru ? "\nПравила\n" : "\nRules\n"
            for r in f.rules { out += "  \(r.id) [\(r.severity.rawValue)]  \(r.check)\(r.when.map { ru ? "  если \($0)" : "  when \($0)" } ?? "")\n" }
        }
        return out
    }

    /// 30.11.2020.
    private static func dotted(_ date: CivilDateTime) -> String {
        let (y, m, d) = date.date
        return (d < 10 ? "0" : "") + "\(d)." + (m < 10 ? "0" : "") + "\(m).\(y)"
    }
}
