import SvodPackage
import SvodWorkbook
import SvodXML
import SvodZip

/// Writes an XLSX workbook row by row in constant memory.
///
/// Each part is compressed as it is produced (on a second thread) into an unnamed spool
/// (`PackageOutput`);
/// `finish()` lays the parts out in the order Excel writes them, `[Content_Types].xml`
/// first, into a temporary file beside the target and renames it into place.
public final class XLSXWriter: WorkbookWriter {
    public let format = SpreadsheetFormat.xlsx
    public var properties = DocumentProperties()
    /// Cells whose formula had no Excel equivalent and were written with their value alone.
    public private(set) var untranslatedFormulas: [(sheet: String, cell: CellReference)] = []

    private let output: PackageOutput
    private let options: WriteOptions
    private var registry = StyleRegistry()
    private var styleTable = XLSXStyleTable()
    private var sheets: [XLSXPackageParts.SheetEntry] = []
    private var parts: [(String, DeflatedSegment)] = []
    private var names: [DefinedName] = []
    private var sequence = WriteSequence()
    private var current: XLSXSheetWriter?

    /// Prepares to write `path`; nothing appears there until `finish()`.
    public init(path: String, options: WriteOptions = WriteOptions()) throws {
        output = try PackageOutput(path: path, level: options.compressionLevel)
        self.options = options
    }

    deinit { cancel() }

    public func style(_ style: CellStyle) -> StyleID { registry.id(of: style) }

    public func accepts(_ validation: DataValidation) -> Bool { (try? XLSXValidation.check(validation, sheet: "")) != nil }

    public func accepts(_ format: ConditionalFormat) -> Bool { (try? format.check(sheet: "")) != nil }

    public func beginSheet(_ setup: SheetSetup) throws {
        for v in setup.validations { try XLSXValidation.check(v, sheet: setup.name) }
        for c in setup.conditionalFormats { try c.check(sheet: setup.name) }
        try sequence.begin(setup)
        let xml = output.xml()
        let selected = setup.visibility == .visible && !sheets.contains { $0.visibility == .visible }
        let looks = setup.conditionalFormats.map { styleTable.dxf($0.style) }
        current = try XLSXSheetWriter(setup: setup, selected: selected, options: options, output: xml, conditionalLooks: looks)
    }

    public func merge(_ range: CellRange) throws {
        _ = try sequence.requireSheet("merge")
        try current?.addMerge(range)
    }

    public func write(_ row: OutputRow) throws {
        _ = try sequence.requireSheet("row")
        try output.guarded {
            try current?.write(row) { style, implicit in
                self.styleTable.xf(style: style, implicit: implicit, registry: self.registry)
            }
        }
    }

    public func endSheet() throws {
        try sequence.end()
        guard let sheet = current else { return }
        let number = sheets.count + 1
        let hasComments = !sheet.comments.isEmpty
        try output.guarded(refusalsLeaveItWhole: false) {
            try sheet.finish(hasCommentsRelationship: hasComments)
            parts.append(("xl/worksheets/sheet\(number).xml", try output.finishSegment(final: true)))
        }
        if hasComments {
            try part("xl/worksheets/_rels/sheet\(number).xml.rels") { XLSXPackageParts.sheetRelationships(sheet: number, to: $0) }
            try part("xl/comments\(number).xml") { XLSXComments.writeComments(sheet.comments, to: $0) }
            try part("xl/drawings/vmlDrawing\(number).vml") { XLSXComments.writeVML(sheet.comments, block: number, to: $0) }
        }
        untranslatedFormulas += sheet.untranslatedFormulas.map { (sheet.setup.name, $0) }
        sheets.append(.init(name: sheet.setup.name, visibility: sheet.setup.visibility, hasComments: hasComments,
                            autoFilter: sheet.setup.autoFilter, repeatRows: sheet.setup.page?.repeatRows))
        current = nil
    }

    public func defineName(_ name: DefinedName, dialect: FormulaDialect) throws {
        try name.checkName()
        var refersTo = name.refersTo
        if dialect == .openFormula {
            guard let excel = FormulaTranslator.excelReference(fromODSRangeAddress: refersTo)
                    ?? FormulaTranslator.excel(fromOpenFormula: refersTo) else {
                throw WriteError.badDefinedName(name.name)
            }
            refersTo = excel
        } else if refersTo.hasPrefix("=") {
            refersTo.removeFirst()
        }
        names.append(DefinedName(name: name.name, refersTo: refersTo, localSheet: name.localSheet))
    }

    public func finish() throws {
        _ = try sequence.readyToFinish()
        do {
            let hasCustom = !properties.custom.isEmpty
            var ordered: [(String, DeflatedSegment)] = []
            func add(_ name: String, _ body: (XMLWriter) -> Void) throws {
                ordered.append((name, try output.segment(body)))
            }
            try add("[Content_Types].xml") { XLSXPackageParts.contentTypes(sheets, hasCustomProperties: hasCustom, to: $0) }
            try add("_rels/.rels") { XLSXPackageParts.rootRelationships(hasCustomProperties: hasCustom, to: $0) }
            try add("docProps/app.xml") { XLSXPackageParts.app(sheets, application: options.application, to: $0) }
            try add("docProps/core.xml") { XLSXPackageParts.core(properties, to: $0) }
            if hasCustom { try add("docProps/custom.xml") { XLSXPackageParts.custom(properties, to: $0) } }
            try add("xl/workbook.xml") { XLSXPackageParts.workbook(sheets, names: names, to: $0) }
            try add("xl/_rels/workbook.xml.rels") { XLSXPackageParts.workbookRelationships(sheetCount: sheets.count, to: $0) }
            try add("xl/styles.xml") { styleTable.write($0) }
            ordered += parts
            try output.commit(modified: properties.modified) { zip in
                for (name, seg) in ordered { try zip.add(name, segments: [seg]) }
            }
            sequence.close()
        } catch {
            cancel()
            throw error
        }
    }

    public func cancel() {
        sequence.close()
        current = nil
        output.discard()
    }

    private func part(_ name: String, _ body: (XMLWriter) -> Void) throws {
        parts.append((name, try output.segment(body)))
    }
}
