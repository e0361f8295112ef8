import SvodIO
import SvodWorkbook
import SvodXML
import SvodZip

/// Writes an XLSX workbook row by row in constant memory.
///
/// Each part is compressed as it is produced (on a second thread) into an unnamed spool;
/// `finish()` lays the parts out in the order Excel writes them, `[Content_Types].xml`
/// first, into a temporary file beside the target and renames it into place.
public final class XLSXWriter: WorkbookWriter {
    public let format = SpreadsheetFormat.xlsx
    public var properties = DocumentProperties()
    /// Cells whose formula had no Excel equivalent and were written with their value alone.
    public private(set) var untranslatedFormulas: [(sheet: String, cell: CellReference)] = []

    private let output: AtomicFile
    private let options: WriteOptions
    private let spool: DeflateSpool
    private var registry = StyleRegistry()
    private var styleTable = XLSXStyleTable()
    private var sheets: [XLSXPackageParts.SheetEntry] = []
    private var parts: [(String, DeflatedSegment)] = []
    private var names: [DefinedName] = []
    private var sequence = WriteSequence()
    private var current: XLSXSheetWriter?
    /// Set when an error came after output began: the file would be incomplete, so it is never finished.
    private var damaged = false

    /// Prepares to write `path`; nothing appears there until `finish()`.
    public init(path: String, options: WriteOptions = WriteOptions()) throws {
        output = try AtomicFile(target: path)
        self.options = options
        spool = try DeflateSpool(level: options.compressionLevel)
    }

    deinit { cancel() }

    public func style(_ style: CellStyle) -> StyleID { registry.id(of: style) }

    public func beginSheet(_ setup: SheetSetup) throws {
        for v in setup.validations { try XLSXValidation.check(v, sheet: setup.name) }
        try sequence.begin(setup)
        let spool = self.spool
        let xml = XMLWriter { try spool.write($0) }
        let selected = setup.visibility == .visible && !sheets.contains { $0.visibility == .visible }
        current = try XLSXSheetWriter(setup: setup, selected: selected, options: options, output: xml)
    }

    public func merge(_ range: CellRange) throws {
        _ = try sequence.requireSheet("merge")
        try current?.addMerge(range)
    }

    public func write(_ row: OutputRow) throws {
        _ = try sequence.requireSheet("row")
        do {
            try current?.write(row) { style, implicit in
                self.styleTable.xf(style: style, implicit: implicit, registry: self.registry)
            }
        } catch let e as WriteError {
            throw e
        } catch {
            damaged = true
            throw error
        }
    }

    public func endSheet() throws {
        try sequence.end()
        guard let sheet = current else { return }
        let number = sheets.count + 1
        let hasComments = !sheet.comments.isEmpty
        do {
            try sheet.finish(hasCommentsRelationship: hasComments)
            parts.append(("xl/worksheets/sheet\(number).xml", try spool.finishSegment(final: true)))
        } catch {
            damaged = true
            throw error
        }
        if hasComments {
            try part("xl/worksheets/_rels/sheet\(number).xml.rels") { XLSXPackageParts.sheetRelationships(sheet: number, to: $0) }
            try part("xl/comments\(number).xml") { XLSXComments.writeComments(sheet.comments, to: $0) }
            try part("xl/drawings/vmlDrawing\(number).vml") { XLSXComments.writeVML(sheet.comments, to: $0) }
        }
        untranslatedFormulas += sheet.untranslatedFormulas.map { (sheet.setup.name, $0) }
        sheets.append(.init(name: sheet.setup.name, visibility: sheet.setup.visibility, hasComments: hasComments,
                            autoFilter: sheet.setup.autoFilter))
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
        guard !damaged else {
            cancel()
            throw WriteError.misuse("an earlier error left the workbook incomplete; it was not written")
        }
        do {
            let hasCustom = !properties.custom.isEmpty
            var ordered: [(String, DeflatedSegment)] = []
            func add(_ name: String, _ body: (XMLWriter) -> Void) throws {
                ordered.append((name, try segment(body)))
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
            let zip = try ZipWriter(path: output.temporaryPath)
            for (name, seg) in ordered { try zip.add(name, segments: [seg]) }
            try zip.close()
            try output.commit()
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
        parts.append((name, try segment(body)))
    }

    private func segment(_ body: (XMLWriter) -> Void) throws -> DeflatedSegment {
        let spool = self.spool
        let x = XMLWriter { try spool.write($0) }
        body(x)
        try x.flush()
        return try spool.finishSegment(final: true)
    }
}
