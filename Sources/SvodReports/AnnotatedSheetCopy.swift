import Foundation
import SvodSchema
import SvodSpreadsheet
import SvodWorkbook

/// Streams one data sheet into the annotated workbook, row by row, laying each finding's
/// fill and comment on its cell: cells that were empty are written for it, rows the source
/// never had are added, and a repeated row holding a finding is split around it.
struct SheetCopy {
    let source: WorkbookReader
    let index: Int
    let info: SheetInfo
    /// The name written.
    let name: String
    /// The syntax the source's formulas are in.
    let dialect: FormulaDialect
    /// Sheets renamed in the copy, by their old names.
    let oldNames: [String]
    let annotations: CellAnnotations
    let styles: Styles

    /// Cells whose formula named a renamed sheet: their value alone was kept.
    private(set) var untranslated: [CellReference] = []
    /// Cells given a fill or a comment.
    private(set) var annotatedCells = 0

    init(source: WorkbookReader, index: Int, info: SheetInfo, name: String, dialect: FormulaDialect, oldNames: [String],
         annotations: CellAnnotations, styles: Styles) {
        self.source = source
        self.index = index
        self.info = info
        self.name = name
        self.dialect = dialect
        self.oldNames = oldNames
        self.annotations = annotations
        self.styles = styles
    }

    /// The styles data cells need, registered once per workbook: a fill per severity, and a
    /// percent format, since readers give 81,7 % as 0.817 and it must not come back as 0,817.
    struct Styles {
        private let ids: [Int: StyleID]

        /// Registers the six combinations with `writer`.
        init(_ writer: WorkbookWriter) {
            var ids: [Int: StyleID] = [:]
            for fill in [nil, Severity.error, .warning] {
                for percent in [false, true] {
                    let style = CellStyle(fill: fill.map { $0 == .error ? Color.errorFill : Color.warningFill },
                                          numberFormat: percent ? CellStyle.Format.percentOneDecimal : nil)
                    if fill != nil || percent { ids[Self.key(fill, percent)] = writer.style(style) }
                }
            }
            self.ids = ids
        }

        /// The style of a cell found at `severity` (nil when none, or info, which has no fill).
        func id(_ severity: Severity?, percent: Bool) -> StyleID? {
            ids[Self.key(severity == .info ? nil : severity, percent)]
        }

        private static func key(_ s: Severity?, _ percent: Bool) -> Int {
            (s == .error ? 2 : s == .warning ? 4 : 0) + (percent ? 1 : 0)
        }
    }

    /// Begins, copies and ends the sheet.
    mutating func write(to writer: WorkbookWriter) throws {
        var setup = SheetSetup(name: name, visibility: info.visibility)
        var merges = try MergeFeed(source: source, index: index, writer: writer)
        setup.merges = merges.initial
        try writer.beginSheet(setup)
        let rows = try source.rows(ofSheet: index)
        let marked = annotations.rows(of: info.name)
        var next = 0  // the first marked row not yet written
        while let row = try rows.nextRow() {
            try merges.pass(rows, to: writer)
            while next < marked.count && marked[next] < row.index {
                try writer.write(OutputRow(index: marked[next], cells: annotate([], row: marked[next])))
                next += 1
            }
            let cells = copied(row)
            var start = row.index
            let end = row.index + row.repeatCount
            while next < marked.count && marked[next] < end {
                let r = marked[next]
                if r > start { try writer.write(OutputRow(index: start, cells: cells, repeatCount: r - start)) }
                try writer.write(OutputRow(index: r, cells: annotate(cells, row: r)))
                start = r + 1
                next += 1
            }
            if start < end { try writer.write(OutputRow(index: start, cells: cells, repeatCount: end - start)) }
        }
        try merges.pass(rows, to: writer)
        for r in marked[next...] { try writer.write(OutputRow(index: r, cells: annotate([], row: r))) }
        try writer.endSheet()
    }

    /// The source row's cells as output cells, formulas in their own syntax.
    private mutating func copied(_ row: Row) -> [OutputCell] {
        row.cells.map { cell -> OutputCell in
            // A formula naming a renamed sheet would point nowhere: its value is kept, and reported.
            if let f = cell.formula, oldNames.contains(where: { f.localizedCaseInsensitiveContains($0) }) {
                untranslated.append(CellReference(row: row.index, column: cell.column))
                return OutputCell(column: cell.column, value: cell.value, style: styles.id(nil, percent: cell.isPercent))
            }
            return OutputCell(column: cell.column, value: cell.value, formula: cell.formula.map { Formula($0, dialect: dialect) },
                              style: styles.id(nil, percent: cell.isPercent))
        }
    }

    /// `cells` with the marks of row `r` laid on them, empty cells added where a mark has none.
    private mutating func annotate(_ cells: [OutputCell], row r: Int) -> [OutputCell] {
        let marks = annotations.marks(sheet: info.name, row: r)
        guard !marks.isEmpty else { return cells }
        let percentStyle = styles.id(nil, percent: true)
        let columns = marks.keys.sorted()
        var out: [OutputCell] = []
        out.reserveCapacity(cells.count + columns.count)
        var k = 0
        func marked(_ cell: OutputCell) -> OutputCell {
            let mark = marks[cell.column]!
            var c = cell
            c.style = styles.id(mark.severity, percent: cell.style != nil && cell.style == percentStyle)
            c.comment = Comment(mark.lines.joined(separator: "\n"), author: "svod")
            return c
        }
        for cell in cells {
            while k < columns.count && columns[k] < cell.column {
                out.append(marked(OutputCell(column: columns[k], value: .empty)))
                k += 1
            }
            if k < columns.count && columns[k] == cell.column {
                out.append(marked(cell))
                k += 1
            } else {
                out.append(cell)
            }
        }
        for column in columns[k...] { out.append(marked(OutputCell(column: column, value: .empty))) }
        annotatedCells += columns.count
        return out
    }
}
