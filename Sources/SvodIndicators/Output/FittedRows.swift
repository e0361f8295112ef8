import SvodSpreadsheet
import SvodWorkbook

/// A writer that gives each row the height its wrapped text needs: neither Excel nor LibreOffice
/// fits heights when a file is opened, and LibreOffice draws a wrapped cell's overflow over the row below.
final class FittedRows: WorkbookWriter {
    private let base: WorkbookWriter
    /// The styles whose text wraps.
    private var wrapped: Set<StyleID> = []
    private var widths: [Int: Double] = [:]

    init(_ base: WorkbookWriter) {
        self.base = base
    }

    var format: SpreadsheetFormat { base.format }
    var properties: DocumentProperties {
        get { base.properties }
        set { base.properties = newValue }
    }

    func style(_ style: CellStyle) -> StyleID {
        let id = base.style(style)
        if style.wrap { wrapped.insert(id) }
        return id
    }

    func beginSheet(_ setup: SheetSetup) throws {
        widths = [:]
        for c in setup.columns {
            for i in c.first...c.last { widths[i] = c.width }
        }
        try base.beginSheet(setup)
    }

    func merge(_ range: CellRange) throws { try base.merge(range) }

    func write(_ row: OutputRow) throws {
        var r = row
        if r.height == nil { r.height = Self.height(row, wrapped: wrapped, widths: widths) }
        try base.write(r)
    }

    /// The height the row's wrapped text needs; nil for one line. A list of a thousand schools in
    /// one cell fits no row: it gets the tallest the formats allow, and the rest scrolls.
    static func height(_ row: OutputRow, wrapped: Set<StyleID>, widths: [Int: Double]) -> Double? {
        let lines = Self.lines(row, wrapped: wrapped, widths: widths)
        return lines > 1 ? min(lines * lineHeight, tallest) : nil
    }

    func endSheet() throws { try base.endSheet() }
    func defineName(_ name: DefinedName, dialect: FormulaDialect) throws { try base.defineName(name, dialect: dialect) }
    func finish() throws { try base.finish() }
    func cancel() { base.cancel() }

    /// Points per line of the default 11-point font.
    static let lineHeight = 15.0
    /// The tallest row Excel and LibreOffice take, in points.
    static let tallest = 409.0

    /// The lines the row's tallest wrapped text takes: its characters over the column's width, and its own line breaks.
    static func lines(_ row: OutputRow, wrapped: Set<StyleID>, widths: [Int: Double]) -> Double {
        row.cells.map { c -> Double in
            guard let style = c.style, wrapped.contains(style), case .text(let t) = c.value else { return 1 }
            let width = max((widths[c.column] ?? 8.43) - 2, 1)
            return t.split(separator: "\n", omittingEmptySubsequences: false)
                .map { max((Double($0.count) / width).rounded(.up), 1) }.reduce(0, +)
        }.max() ?? 1
    }
}
