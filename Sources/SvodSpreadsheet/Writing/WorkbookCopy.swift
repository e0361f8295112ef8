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
}

/// Copies a workbook from any reader into any writer, streaming row by row: values and
/// types, formulas (translated between Excel and OpenFormula syntax) with their cached
/// values, merged ranges, sheet names, order and visibility, defined names.
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
        for index in chosen {
            let info = infos[index]
            let name = names[index]!
            let visibility: SheetVisibility = showFirst && index == chosen.first ? .visible : info.visibility
            var setup = SheetSetup(name: name, visibility: visibility)
            var merges = try MergeFeed(source: reader, index: index, writer: writer)
            setup.merges = merges.initial
            try writer.beginSheet(setup)
            let rows = try reader.rows(ofSheet: index)
            while let row = try rows.nextRow() {
                try merges.pass(rows, to: writer)
                let cells = row.cells.map { cell -> OutputCell in
                    // A formula naming a renamed sheet would point nowhere: its value is kept, and reported.
                    if let f = cell.formula, oldNames.contains(where: { f.localizedCaseInsensitiveContains($0) }) {
                        report.untranslatedFormulas.append((name, CellReference(row: row.index, column: cell.column)))
                        return OutputCell(column: cell.column, value: cell.value, style: cell.isPercent ? percent : nil)
                    }
                    return OutputCell(column: cell.column, value: cell.value, formula: cell.formula.map { Formula($0, dialect: dialect) },
                                      style: cell.isPercent ? percent : nil)
                }
                try writer.write(OutputRow(index: row.index, cells: cells, repeatCount: row.repeatCount))
            }
            try merges.pass(rows, to: writer)
            try writer.endSheet()
            newIndex[index] = written.count
            written.append(name)
        }
        if only == nil {
            report.droppedNames = try copyDefinedNames(from: reader, to: writer, newIndex: newIndex, oldNames: oldNames, dialect: dialect)
        }
        return report
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
