import SvodLocale
import SvodSchema
import SvodValidation
import SvodWorkbook

/// What the annotated workbook puts on one data cell: the worst severity found there (its
/// fill) and every finding's message (its comment).
struct CellMark {
    /// The worst severity at the cell.
    var severity: Severity
    /// One line per finding, in report order.
    var lines: [String]
}

/// Findings that point at a cell, indexed by sheet, row and column, so that a streamed copy
/// can look each row up without holding more than the findings themselves.
struct CellAnnotations {
    private var bySheet: [String: [Int: [Int: CellMark]]] = [:]

    /// The marks of every finding with a sheet and a cell.
    init(_ report: ValidationReport, language: Language) {
        for f in report.findings {
            guard let sheet = f.sheet, let cell = f.cell else { continue }
            // «Ошибка — не заполнено «…»»: a dash, since messages often hold a colon of their own («Качество, %»: …).
            var line = ReportWording.capitalized(ReportWording.severity(f, language)) + " — " + ReportWording.message(f, language)
            if let e = f.explanation { line += "\n" + ReportWording.explanation(language) + ": " + e }
            if var mark = bySheet[sheet]?[cell.row]?[cell.column] {
                // Severity orders error < warning < info: the smaller is the worse.
                mark.severity = min(mark.severity, f.severity)
                mark.lines.append(line)
                bySheet[sheet, default: [:]][cell.row, default: [:]][cell.column] = mark
            } else {
                bySheet[sheet, default: [:]][cell.row, default: [:]][cell.column] = CellMark(severity: f.severity, lines: [line])
            }
        }
    }

    /// Whether any finding points into this sheet.
    func has(sheet: String) -> Bool { bySheet[sheet] != nil }

    /// The rows of a sheet that carry marks, top to bottom.
    func rows(of sheet: String) -> [Int] { (bySheet[sheet]?.keys).map { $0.sorted() } ?? [] }

    /// The marks of one row by column.
    func marks(sheet: String, row: Int) -> [Int: CellMark] { bySheet[sheet]?[row] ?? [:] }

    /// Sheets named by findings with a cell.
    var sheets: [String] { Array(bySheet.keys) }
}
