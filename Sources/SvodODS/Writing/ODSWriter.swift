import SvodPackage
import SvodWorkbook
import SvodXML
import SvodZip

/// Writes an ODS workbook row by row in constant memory.
///
/// `content.xml` holds every table, but its automatic styles and validations come before
/// the first one and are only known at the end. The tables are therefore compressed as
/// they are written, each ending on a deflate sync flush, and at `finish()` a prologue and
/// an epilogue are compressed the same way and laid around them into one zip entry.
public final class ODSWriter: WorkbookWriter {
    public let format = SpreadsheetFormat.ods
    public var properties = DocumentProperties()
    /// Cells whose Excel formula had no OpenFormula equivalent and were written with their value alone.
    public private(set) var untranslatedFormulas: [(sheet: String, cell: CellReference)] = []
    /// Control characters replaced by U+FFFD (with `WriteOptions.illegalCharacters = .replace`).
    public private(set) var replacedCharacters = 0

    private let output: PackageOutput
    private let options: WriteOptions
    private var registry = StyleRegistry()
    private var styles = ODSStyleTable()
    private var sheets: [ODSParts.SheetEntry] = []
    private var sequence = WriteSequence()
    private var body: [DeflatedSegment] = []
    private var validations: [(DataValidation, String, String)] = []
    private var names: [(name: String, address: String, isRange: Bool, sheet: String?)] = []
    private var current: ODSSheetWriter?

    /// Prepares to write `path`; nothing appears there until `finish()`.
    public init(path: String, options: WriteOptions = WriteOptions()) throws {
        output = try PackageOutput(path: path, level: options.compressionLevel)
        self.options = options
    }

    deinit { cancel() }

    public func style(_ style: CellStyle) -> StyleID { registry.id(of: style) }

    public func accepts(_ validation: DataValidation) -> Bool { (try? ODSValidation.check(validation, sheet: "")) != nil }

    public func accepts(_ format: ConditionalFormat) -> Bool {
        (try? format.check(sheet: "")) != nil && FormulaTranslator.openFormula(fromExcel: format.formula) != nil
    }

    public func beginSheet(_ setup: SheetSetup) throws {
        for v in setup.validations { try ODSValidation.check(v, sheet: setup.name) }
        try sequence.begin(setup)
        var validationNames: [String] = []
        for v in setup.validations {
            let name = "val\(validations.count + 1)"
            validations.append((v, name, setup.name))
            validationNames.append(name)
        }
        let conditionIDs = try setup.conditionalFormats.map { c in
            try c.check(sheet: setup.name)
            guard let formula = FormulaTranslator.openFormula(fromExcel: c.formula),
                  let base = FormulaTranslator.odsRangeAddress(fromExcel: "'\(setup.name.replacingOccurrences(of: "'", with: "''"))'!\(c.anchor.a1)") else {
                throw WriteError.misuse("the conditional format '\(c.formula)' of '\(setup.name)' has no OpenFormula equivalent")
            }
            return styles.condition(formula: formula.hasPrefix("of:=") ? String(formula.dropFirst(4)) : formula, base: base, look: c.style)
        }
        let xml = output.xml()
        let table = styles.tableStyle(visible: setup.visibility == .visible, page: setup.page)
        current = try ODSSheetWriter(setup: setup, validationNames: validationNames, conditionIDs: conditionIDs, options: options, output: xml,
                                     tableStyle: table) {
            self.styles.columnStyle(width: $0)
        }
    }

    public func merge(_ range: CellRange) throws {
        _ = try sequence.requireSheet("merge")
        try current?.addMerge(range)
    }

    public func write(_ row: OutputRow) throws {
        _ = try sequence.requireSheet("row")
        // unowned: the sheet writer keeps these closures and this writer keeps the sheet
        // writer; a strong capture would keep a failed writer (and its temporary file) alive.
        try output.guarded {
            try current?.write(row, style: { [unowned self] style, implicit, conditions in
                self.styles.cellStyle(style, implicit, registry: self.registry, conditions: conditions)
            }, rowStyle: { [unowned self] in self.styles.rowStyle(height: $0) })
        }
    }

    public func endSheet() throws {
        try sequence.end()
        guard let sheet = current else { return }
        try output.guarded(refusalsLeaveItWhole: false) {
            try sheet.finish()
            body.append(try output.finishSegment(final: false))
        }
        untranslatedFormulas += sheet.untranslatedFormulas.map { (sheet.setup.name, $0) }
        replacedCharacters += sheet.replacedCharacters
        sheets.append(.init(name: sheet.setup.name, frozenRows: sheet.setup.frozenRows,
                            frozenColumns: sheet.setup.frozenColumns, autoFilter: sheet.setup.autoFilter, tabColor: sheet.setup.tabColor))
        current = nil
    }

    public func defineName(_ name: DefinedName, dialect: FormulaDialect) throws {
        try name.checkName()
        let begun = sequence.sheetNames
        let sheet = name.localSheet.flatMap { $0 < begun.count ? begun[$0] : nil }
        switch dialect {
        case .openFormula:
            let isRange = FormulaTranslator.excelReference(fromODSRangeAddress: name.refersTo) != nil
            names.append((name.name, name.refersTo, isRange, sheet))
        case .excel:
            let text = name.refersTo.hasPrefix("=") ? String(name.refersTo.dropFirst()) : name.refersTo
            if let range = FormulaTranslator.odsRangeAddress(fromExcel: text) {
                names.append((name.name, range, true, sheet))
            } else if let f = FormulaTranslator.openFormula(fromExcel: text) {
                names.append((name.name, f, false, sheet))
            } else {
                throw WriteError.badDefinedName(name.name)
            }
        }
    }

    public func finish() throws {
        let active = try sequence.readyToFinish()
        do {
            let prologue = try output.segment(final: false) { try ODSParts.contentPrologue(styles: styles, validations: validations, to: $0) }
            let epilogue = try output.segment(final: true) { ODSParts.contentEpilogue(names: names, sheets: sheets, to: $0) }
            let stylesPart = try output.segment(final: true) { ODSParts.styles(pages: styles.pageStyles(), looks: styles.lookStyles(), to: $0) }
            let meta = try output.segment(final: true) { ODSParts.meta(properties, application: options.application, to: $0) }
            let settings = try output.segment(final: true) { ODSParts.settings(sheets, active: sheets[active].name, to: $0) }
            let manifest = try output.segment(final: true) { ODSParts.manifest(to: $0) }
            try output.commit(modified: properties.modified) { zip in
                // ODF 1.3 Part 2, 3.3: `mimetype` first, stored, so the type shows at a fixed offset.
                try zip.addStored("mimetype", Array(ODSParts.mimetype.utf8))
                try zip.add("content.xml", segments: [prologue] + body + [epilogue])
                try zip.add("styles.xml", segments: [stylesPart])
                try zip.add("meta.xml", segments: [meta])
                try zip.add("settings.xml", segments: [settings])
                try zip.add("META-INF/manifest.xml", segments: [manifest])
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
}
