import SvodWorkbook

/// The «Титул» sheet every МСОКО form starts with (school at C3, period at C4, who filled it at C5),
/// so that tests about one data sheet write complete submissions.
public enum TitleSheet {
    public static func write(to w: WorkbookWriter, school: String? = "co9", period: String = "2023/2024",
                             responsible: String = "Иванова Анна Петровна") throws {
        try w.beginSheet(SheetSetup(name: "Титул"))
        let lines: [(Int, String, String?)] = [(2, "Образовательная организация", school), (3, "Отчётный период", period),
                                               (4, "Ответственный за заполнение (ФИО)", responsible)]
        for (row, label, value) in lines {
            var cells = [OutputCell(column: 1, value: .text(label))]
            if let value { cells.append(OutputCell(column: 2, value: .text(value))) }
            try w.write(OutputRow(index: row, cells: cells))
        }
        try w.endSheet()
    }
}
