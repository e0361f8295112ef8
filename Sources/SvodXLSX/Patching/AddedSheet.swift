import SvodPackage
import SvodWorkbook
import SvodXML
import SvodZip

/// A workbook writer for one sheet only, to be added to a patched package: the sheet is
/// written as `XLSXWriter` writes its sheets, with a style table of its own that the styles
/// patch renumbers after the workbook's styles.
final class AddedSheet: WorkbookWriter {
    let format = SpreadsheetFormat.xlsx
    var properties = DocumentProperties()
    private let output: PackageOutput
    private let options: WriteOptions
    private let xfBase: Int
    private var registry = StyleRegistry()
    private(set) var styleTable = XLSXStyleTable()
    private var current: XLSXSheetWriter?
    /// The sheet's part, once ended.
    private(set) var segment: DeflatedSegment?
    /// The rows it prints on every page.
    private(set) var repeatRows: ClosedRange<Int>?

    /// Writes into `output`; cell styles are numbered from `xfBase`.
    init(output: PackageOutput, xfBase: Int, options: WriteOptions) {
        self.output = output
        self.xfBase = xfBase
        self.options = options
    }

    func style(_ style: CellStyle) -> StyleID { registry.id(of: style) }

    func beginSheet(_ setup: SheetSetup) throws {
        guard current == nil, segment == nil else { throw WriteError.misuse("an added sheet is one sheet") }
        for v in setup.validations { try XLSXValidation.check(v, sheet: setup.name) }
        current = try XLSXSheetWriter(setup: setup, selected: true, options: options, output: output.xml())
        repeatRows = setup.page?.repeatRows
    }

    func merge(_ range: CellRange) throws {
        guard let current else { throw WriteError.misuse("merge outside a sheet") }
        try current.addMerge(range)
    }

    func write(_ row: OutputRow) throws {
        guard let current else { throw WriteError.misuse("row outside a sheet") }
        try output.guarded {
            try current.write(row) { style, implicit in
                self.xfBase + self.styleTable.xf(style: style, implicit: implicit, registry: self.registry)
            }
        }
    }

    func endSheet() throws {
        guard let sheet = current else { throw WriteError.misuse("no sheet to end") }
        guard sheet.comments.isEmpty else { throw WriteError.misuse("an added sheet carries no comments") }
        try output.guarded(refusalsLeaveItWhole: false) {
            try sheet.finish(hasCommentsRelationship: false)
            segment = try output.finishSegment(final: true)
        }
        current = nil
    }

    func defineName(_ name: DefinedName, dialect: FormulaDialect) throws {
        throw WriteError.misuse("an added sheet defines no names")
    }

    func finish() throws {}
    func cancel() { current = nil }
}
