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
        let infos = try reader.sheets
        var newIndex: [Int: Int] = [:]
        var written: [String] = []
        // XLSX lists merges after the cells, ODS needs them before: read such sheets twice.
        let mergesFirst = reader.format == .xlsx && writer.format == .ods
        for (index, info) in infos.enumerated() {
            if let only, info.name != only { continue }
            guard info.kind == .worksheet else { report.skippedSheets.append(info.name); continue }
            var name = info.name
            if SheetName.problem(name) != nil || written.contains(where: { $0.lowercased() == name.lowercased() }) {
                name = SheetName.legalized(name, taken: written)
                report.renamedSheets.append((info.name, name))
            }
            var setup = SheetSetup(name: name, visibility: info.visibility == .visible ? .visible : info.visibility)
            if mergesFirst {
                let scan = try reader.rows(ofSheet: index)
                while try scan.nextRow() != nil {}
                setup.merges = scan.merges
            }
            try writer.beginSheet(setup)
            let rows = try reader.rows(ofSheet: index)
            var mergesSeen = mergesFirst ? rows.merges.count : 0
            var known = Set(setup.merges)
            while let row = try rows.nextRow() {
                if !mergesFirst { try addNewMerges(rows, &mergesSeen, &known, writer) }
                let cells = row.cells.map {
                    OutputCell(column: $0.column, value: $0.value, formula: $0.formula.map { Formula($0, dialect: dialect) })
                }
                try writer.write(OutputRow(index: row.index, cells: cells, repeatCount: row.repeatCount))
            }
            if !mergesFirst { try addNewMerges(rows, &mergesSeen, &known, writer) }
            try writer.endSheet()
            newIndex[index] = written.count
            written.append(name)
        }
        if only == nil {
            for var name in try reader.definedNames {
                if let local = name.localSheet {
                    guard let mapped = newIndex[local] else { report.droppedNames.append(name.name); continue }
                    name.localSheet = mapped
                }
                do { try writer.defineName(name, dialect: dialect) } catch { report.droppedNames.append(name.name) }
            }
        }
        return report
    }

    private static func addNewMerges(_ rows: SheetRowReader, _ seen: inout Int, _ known: inout Set<CellRange>,
                                     _ writer: WorkbookWriter) throws {
        let merges = rows.merges
        guard merges.count > seen else { return }
        for m in merges[seen...] where known.insert(m).inserted { try writer.merge(m) }
        seen = merges.count
    }
}
