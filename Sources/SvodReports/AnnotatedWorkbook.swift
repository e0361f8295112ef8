import Foundation
import SvodLocale
import SvodSchema
import SvodSpreadsheet
import SvodValidation
import SvodWorkbook
import SvodODS
import SvodXLSX

/// The school's own workbook handed back with the findings on it: a first sheet listing them,
/// each linked to its cell, and on the data sheets a fill and a comment on every cell at fault.
///
/// An XLSX marked as XLSX, or an ODS as ODS, is the school's file itself with additions only
/// (`XLSXPatch`, `ODSPatch`): its styles, widths, protection, validations, properties and
/// everything else stay as they were, a marked cell keeps its own style with a fill added.
/// Otherwise (XLSX to ODS and back, flat ODS, Strict OOXML, a file a patch gives way on)
/// values, sheet names and order, visibility, merges, formulas with their cached values and
/// defined names are copied as `WorkbookCopy` copies them, percentages kept as such. Rows
/// stream; memory holds the findings, not the sheets.
public enum AnnotatedWorkbook {
    /// Writes the annotated copy of `source` to `path` in `format` (XLSX or ODS); the file
    /// appears whole or not at all. Control characters the format cannot store are replaced
    /// unless `options` says otherwise: a stray one in a school's file must not cost it its report.
    @discardableResult
    public static func write(source: WorkbookReader, report: ValidationReport, to path: String, format: SpreadsheetFormat,
                             language: Language, options: WriteOptions = WriteOptions(illegalCharacters: .replace)) throws -> Outcome {
        if source.format == format, format == .xlsx || format == .ods, FileManager.default.fileExists(atPath: report.file) {
            do { return try patch(source, report, to: path, format: format, language: language, options: options) } catch is PatchUnsupported {}
        }
        let writer = try SpreadsheetOutput.create(path: path, format: format, options: options)
        do {
            let outcome = try copy(source, report, into: writer, language)
            try writer.finish()
            return outcome
        } catch {
            writer.cancel()
            throw error
        }
    }

    /// The school's package with the findings sheet put first and its cells marked.
    private static func patch(_ source: WorkbookReader, _ report: ValidationReport, to path: String, format: SpreadsheetFormat,
                              language: Language, options: WriteOptions) throws -> Outcome {
        let infos = try source.sheets
        let base = language == .ru ? "Замечания" : "Findings"
        let taken = infos.map(\.name)
        let findingsName = taken.contains { $0.lowercased() == base.lowercased() } ? SheetName.legalized(base + " svod", taken: taken) : base
        var outcome = Outcome(findingsSheet: findingsName)
        let targets = Dictionary(infos.filter { $0.kind == .worksheet }.map { ($0.name, $0.name) }, uniquingKeysWith: { a, _ in a })
        let first: (String, (WorkbookWriter) throws -> Void) = (findingsName, { writer in
            try FindingsSheet(report: report, language: language, targets: targets).write(named: findingsName, to: writer)
        })
        var marks: [String: [CellReference: PatchMark]] = [:]
        let annotations = CellAnnotations(report, language: language)
        for sheet in annotations.sheets where targets[sheet] != nil {
            for row in annotations.rows(of: sheet) {
                for (column, mark) in annotations.marks(sheet: sheet, row: row) {
                    let fill: Color? = mark.severity == .error ? .errorFill : mark.severity == .warning ? .warningFill : nil
                    marks[sheet, default: [:]][CellReference(row: row, column: column)] = PatchMark(fill: fill, comment: mark.lines.joined(separator: "\n"))
                }
            }
        }
        var patch = WorkbookPatch()
        (patch.options, patch.marks, patch.firstSheet) = (options, marks, first)
        if format == .xlsx { _ = try XLSXPatch.apply(patch, source: report.file, to: path) } else { _ = try ODSPatch.apply(patch, source: report.file, to: path) }
        outcome.annotatedCells = marks.values.reduce(0) { $0 + $1.count }
        return outcome
    }

    private static func copy(_ source: WorkbookReader, _ report: ValidationReport, into writer: WorkbookWriter,
                             _ language: Language) throws -> Outcome {
        let infos = try source.sheets
        let dialect: FormulaDialect = source.format == .xlsx ? .excel : .openFormula
        let chosen = infos.indices.filter { infos[$0].kind == .worksheet }

        // Names are decided up front: the findings sheet links to them and must not clash with them.
        let (planned, renamed) = WorkbookCopy.plannedNames(infos, chosen)
        let names = chosen.map { planned[$0]! }
        let base = language == .ru ? "Замечания" : "Findings"
        let taken = names + infos.map(\.name)
        let findingsName = taken.contains { $0.lowercased() == base.lowercased() } ? SheetName.legalized(base + " svod", taken: taken) : base
        var outcome = Outcome(findingsSheet: findingsName)
        outcome.renamedSheets = renamed
        outcome.skippedSheets = infos.filter { $0.kind != .worksheet }.map(\.name)
        var targets: [String: String] = [:]
        for (k, index) in chosen.enumerated() where targets[infos[index].name] == nil { targets[infos[index].name] = names[k] }

        try FindingsSheet(report: report, language: language, targets: targets).write(named: findingsName, to: writer)

        let annotations = CellAnnotations(report, language: language)
        let styles = SheetCopy.Styles(writer)
        let oldNames = renamed.map(\.from)
        var newIndex: [Int: Int] = [:]
        for (k, index) in chosen.enumerated() {
            var sheet = SheetCopy(source: source, index: index, info: infos[index], name: names[k], dialect: dialect,
                                  oldNames: oldNames, annotations: annotations, styles: styles)
            try sheet.write(to: writer)
            outcome.untranslatedFormulas += sheet.untranslated.map { (names[k], $0) }
            outcome.annotatedCells += sheet.annotatedCells
            newIndex[index] = k + 1
        }
        outcome.droppedNames = try WorkbookCopy.copyDefinedNames(from: source, to: writer, newIndex: newIndex, oldNames: oldNames,
                                                                 dialect: dialect)
        return outcome
    }
}
