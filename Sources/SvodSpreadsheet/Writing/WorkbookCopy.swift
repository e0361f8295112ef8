import SvodLocale
import SvodWorkbook

/// What a copy between formats changed or could not carry, for the person who asked for it.
public struct CopyReport: Sendable {
    /// Sheets renamed to meet Excel's rules (long names, forbidden characters).
    public var renamedSheets: [(from: String, to: String)] = []
    /// Chart and dialog sheets, which have no cells to copy.
    public var skippedSheets: [String] = []
    /// Cells whose formula had no equivalent in the target syntax; their values were kept.
    public var untranslatedFormulas: [(sheet: String, cell: CellReference)] = []
    /// Defined names that could not be carried over.
    public var droppedNames: [String] = []
    /// Control characters replaced by U+FFFD.
    public var replacedCharacters = 0
    /// What the source has and the copy does not carry, by sheet: «проверки данных (3)».
    public var dropped: [(sheet: String, what: LocalizedText)] = []
}

/// Copies a workbook from any reader into any writer, streaming row by row: values and
/// types, formulas (translated between Excel and OpenFormula syntax) with their cached
/// values, merged ranges, sheet names, order and visibility, defined names — and, from a
/// reader that knows it (`WorkbookFormatting`), how it looks: cell styles, widths, heights,
/// panes, protection, tab colours.
public enum WorkbookCopy {
    /// Copies every worksheet, or only `sheet`; the writer is left for the caller to finish.
    public static func copy(from reader: WorkbookReader, to writer: WorkbookWriter, sheet only: String? = nil) throws -> CopyReport {
        var report = CopyReport()
        let dialect: FormulaDialect = reader.format == .xlsx ? .excel : .openFormula
        // The readers say a number is shown as a percentage but not with how many places: one
        // place, as the department publishes shares, keeps «81,7 %» from showing as 0.817.
        let percent = writer.style(CellStyle(numberFormat: CellStyle.Format.percentOneDecimal))
        let infos = try reader.sheets
        var newIndex: [Int: Int] = [:]
        var written: [String] = []
        let chosen = infos.indices.filter { (only == nil || infos[$0].name == only) && infos[$0].kind == .worksheet }
        report.skippedSheets = infos.indices.filter { (only == nil || infos[$0].name == only) && infos[$0].kind != .worksheet }.map { infos[$0].name }
        // A workbook must show a sheet: with none of the copied ones visible (one hidden sheet
        // asked for by name, the rest charts), the first is shown.
        let showFirst = !chosen.contains { infos[$0].visibility == .visible }
        // Names are decided up front, so that formulas naming a renamed sheet can be caught.
        let (names, renamed) = plannedNames(infos, chosen)
        report.renamedSheets = renamed
        let oldNames = report.renamedSheets.map(\.from)
        let formatting = reader as? WorkbookFormatting
        formatting?.readsStyledBlanks = true
        defer { formatting?.readsStyledBlanks = false }
        var looks = try Looks(formatting, writer: writer, percent: percent)
        if let formatting { writer.properties = try formatting.documentProperties() }
        for index in chosen {
            let name = names[index]!
            let visibility: SheetVisibility = showFirst && index == chosen.first ? .visible : infos[index].visibility
            let layout = try formatting?.layout(ofSheet: index) ?? SheetLayout()
            var setup = portableSetup(layout, name: name, writer: writer, report: &report)
            setup.visibility = visibility
            try copySheet(index, from: reader, to: writer, setup: setup, layout: layout, looks: &looks,
                          renamed: oldNames, dialect: dialect, report: &report)
            newIndex[index] = written.count
            written.append(name)
        }
        if only == nil {
            report.droppedNames = try copyDefinedNames(from: reader, to: writer, newIndex: newIndex, oldNames: oldNames, dialect: dialect)
        }
        return report
    }

    /// The sheet's setup as read, with what the writer's format cannot hold left out and reported.
    static func portableSetup(_ layout: SheetLayout, name: String, writer: WorkbookWriter, report: inout CopyReport) -> SheetSetup {
        var setup = layout.setup
        setup.name = name
        let format = writer.format.rawValue.uppercased()
        let portable = setup.validations.map(\.fittingExcelsLimits).filter(writer.accepts)
        if portable.count < setup.validations.count {
            let n = setup.validations.count - portable.count
            report.dropped.append((name, LocalizedText(ru: "проверки данных, которых не записать в \(format) (\(n))", en: "data validations \(format) cannot hold (\(n))")))
        }
        setup.validations = portable
        let formats = setup.conditionalFormats.filter(writer.accepts)
        if formats.count < setup.conditionalFormats.count {
            let n = setup.conditionalFormats.count - formats.count
            report.dropped.append((name, LocalizedText(ru: "условное форматирование, которого не записать в \(format) (\(n))",
                                                       en: "conditional formatting \(format) cannot hold (\(n))")))
        }
        setup.conditionalFormats = formats
        for d in layout.dropped { report.dropped.append((name, d)) }
        return setup
    }

    /// One sheet's rows, streamed: cells with their looks and formulas, rows with their heights and notes, merges as they come.
    static func copySheet(_ index: Int, from reader: WorkbookReader, to writer: WorkbookWriter, setup given: SheetSetup, layout: SheetLayout,
                          looks: inout Looks, renamed oldNames: [String], dialect: FormulaDialect, report: inout CopyReport) throws {
        var setup = given
        let name = setup.name
        var merges = try MergeFeed(source: reader, index: index, writer: writer)
        setup.merges = merges.initial
        try writer.beginSheet(setup)
        var heights = RowHeights(layout.rows, comments: layout.comments)
        let rows = try reader.rows(ofSheet: index)
        while let row = try rows.nextRow() {
            try merges.pass(rows, to: writer)
            for plain in heights.before(row.index) { try writer.write(plain) }
            let cells = row.cells.map { cell -> OutputCell in
                let style = looks.style(of: cell)
                // A formula naming a renamed sheet would point nowhere: its value is kept, and reported.
                if let f = cell.formula, oldNames.contains(where: { f.localizedCaseInsensitiveContains($0) }) {
                    report.untranslatedFormulas.append((name, CellReference(row: row.index, column: cell.column)))
                    return OutputCell(column: cell.column, value: cell.value, style: style)
                }
                return OutputCell(column: cell.column, value: cell.value, formula: cell.formula.map { Formula($0, dialect: dialect) }, style: style)
            }
            for part in heights.split(row) {
                try writer.write(OutputRow(index: part.index, cells: heights.annotated(cells, row: part.index, alone: part.count == 1),
                                           height: part.look?.height, hidden: part.look?.hidden ?? false, repeatCount: part.count))
            }
        }
        for plain in heights.before(CellReference.maxRows) { try writer.write(plain) }
        try merges.pass(rows, to: writer)
        try writer.endSheet()
    }

    /// The source's cell styles as the writer's, registered as cells use them.
    struct Looks {
        let styles: [CellStyle]
        var ids: [StyleID?]
        let writer: WorkbookWriter
        let percent: StyleID

        init(_ formatting: WorkbookFormatting?, writer: WorkbookWriter, percent: StyleID) throws {
            styles = try formatting?.cellStyles() ?? []
            ids = Array(repeating: nil, count: styles.count)
            self.writer = writer
            self.percent = percent
        }

        /// The writer's style for the cell's; without a style table, a percentage keeps one place.
        mutating func style(of cell: Cell) -> StyleID? {
            guard cell.style > 0, cell.style < styles.count else { return styles.isEmpty && cell.isPercent ? percent : nil }
            if let id = ids[cell.style] { return id }
            let id = writer.style(styles[cell.style])
            ids[cell.style] = id
            return id
        }
    }

    /// Rows of their own height, hidden or holding notes, given to the writer in row order: those
    /// between the rows with cells as rows of their own, a repeated row split around them.
    struct RowHeights {
        private let looks: [Int: RowLook]
        private let notes: [Int: [(column: Int, comment: Comment)]]
        private let order: [Int]
        private var next = 0

        init(_ looks: [Int: RowLook], comments: [CellReference: Comment] = [:]) {
            self.looks = looks
            var notes: [Int: [(column: Int, comment: Comment)]] = [:]
            for (ref, c) in comments { notes[ref.row, default: []].append((ref.column, c)) }
            self.notes = notes.mapValues { $0.sorted { $0.column < $1.column } }
            order = Set(looks.keys).union(notes.keys).sorted()
        }

        /// Rows with a look or notes (and no cells) before row `index`.
        mutating func before(_ index: Int) -> [OutputRow] {
            var out: [OutputRow] = []
            while next < order.count, order[next] < index {
                let r = order[next], look = looks[r]
                out.append(OutputRow(index: r, cells: annotated([], row: r, alone: true), height: look?.height, hidden: look?.hidden ?? false))
                next += 1
            }
            return out
        }

        /// The cells with the row's notes on them, an empty cell made for a note where there is none.
        func annotated(_ cells: [OutputCell], row: Int, alone: Bool) -> [OutputCell] {
            guard alone, let ns = notes[row] else { return cells }
            var out = cells
            for n in ns {
                if let i = out.firstIndex(where: { $0.column == n.column }) { out[i].comment = n.comment }
                else { out.append(OutputCell(column: n.column, value: .empty, comment: n.comment)) }
            }
            return out.sorted { $0.column < $1.column }
        }

        /// The parts of a (repeated) row that look alike.
        mutating func split(_ row: Row) -> [(index: Int, count: Int, look: RowLook?)] {
            let end = row.index + row.repeatCount
            while next < order.count, order[next] < row.index { next += 1 }
            guard next < order.count, order[next] < end else { return [(row.index, row.repeatCount, nil)] }
            var parts: [(index: Int, count: Int, look: RowLook?)] = []
            var r = row.index
            while r < end {
                if next < order.count, order[next] == r {
                    parts.append((r, 1, looks[r] ?? RowLook()))
                    next += 1
                    r += 1
                } else {
                    let stop = next < order.count ? min(end, order[next]) : end
                    parts.append((r, stop - r, nil))
                    r = stop
                }
            }
            return parts
        }
    }

    /// Excel-legal, unique names for the sheets at `chosen`, and the renames that took.
    public static func plannedNames(_ infos: [SheetInfo], _ chosen: [Int]) -> (names: [Int: String], renamed: [(from: String, to: String)]) {
        var names: [Int: String] = [:]
        var renamed: [(from: String, to: String)] = []
        for index in chosen {
            var name = infos[index].name
            if SheetName.problem(name) != nil || names.values.contains(where: { $0.lowercased() == name.lowercased() }) {
                name = SheetName.legalized(name, taken: Array(names.values))
                renamed.append((infos[index].name, name))
            }
            names[index] = name
        }
        return (names, renamed)
    }

    /// Carries the defined names over (sheet-local ones to their sheet's new index); the names
    /// that could not be carried.
    public static func copyDefinedNames(from reader: WorkbookReader, to writer: WorkbookWriter, newIndex: [Int: Int],
                                        oldNames: [String], dialect: FormulaDialect) throws -> [String] {
        var dropped: [String] = []
        for var name in try reader.definedNames {
            // Print titles and the filter's range travel with the sheet's setup when the reader reads it.
            if (name.name == "_xlnm.Print_Titles" || name.name == "_xlnm._FilterDatabase") && reader is WorkbookFormatting { continue }
            // A name pointing at a renamed sheet would point nowhere.
            if oldNames.contains(where: { name.refersTo.localizedCaseInsensitiveContains($0) }) {
                dropped.append(name.name)
                continue
            }
            if let local = name.localSheet {
                // ODS keeps sheet-local names inside their table, which is written by then.
                guard let mapped = newIndex[local], writer.format != .ods else { dropped.append(name.name); continue }
                name.localSheet = mapped
            }
            do { try writer.defineName(name, dialect: dialect) } catch { dropped.append(name.name) }
        }
        return dropped
    }
}
