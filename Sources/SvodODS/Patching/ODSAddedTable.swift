import SvodWorkbook
import SvodXML

/// A workbook writer for one table only, to be put into another document's `content.xml`:
/// written as `ODSWriter` writes its tables, its automatic styles named `svod-…` so that they
/// cannot take the document's names.
final class ODSAddedTable: WorkbookWriter {
    let format = SpreadsheetFormat.ods
    var properties = DocumentProperties()
    static let prefix = "svod-"
    private let options: WriteOptions
    private var registry = StyleRegistry()
    private var styles = ODSStyleTable()
    private var current: ODSSheetWriter?
    private var bytes: [UInt8] = []
    private lazy var x = XMLWriter { [unowned self] in self.bytes.append(contentsOf: $0) }
    /// The table's XML, once ended.
    private(set) var table: [UInt8]?
    private(set) var name: String?

    init(options: WriteOptions) {
        self.options = options
        styles.prefix = Self.prefix
    }

    /// The page layouts and master pages its page setup needs in `styles.xml`.
    var pageStyles: (layouts: String, masters: String) { styles.pageStyles() }

    /// The table's automatic styles, without their wrapper.
    func automaticStyles() throws -> [UInt8] {
        var out: [UInt8] = []
        let w = XMLWriter { out.append(contentsOf: $0) }
        styles.writeStyles(w)
        try w.flush()
        return out
    }

    func style(_ style: CellStyle) -> StyleID { registry.id(of: style) }

    func beginSheet(_ setup: SheetSetup) throws {
        guard current == nil, table == nil else { throw WriteError.misuse("an added table is one table") }
        guard setup.validations.isEmpty else { throw WriteError.misuse("an added table carries no validations") }
        let table = styles.tableStyle(visible: true, page: setup.page)
        current = try ODSSheetWriter(setup: setup, validationNames: [], options: options, output: x, stylePrefix: Self.prefix, tableStyle: table) {
            self.styles.columnStyle(width: $0)
        }
        name = setup.name
    }

    func merge(_ range: CellRange) throws {
        guard let current else { throw WriteError.misuse("merge outside a table") }
        try current.addMerge(range)
    }

    func write(_ row: OutputRow) throws {
        guard let current else { throw WriteError.misuse("row outside a table") }
        try current.write(row, style: { [unowned self] style, implicit, _ in
            self.styles.cellStyle(style, implicit, registry: self.registry)
        }, rowStyle: { [unowned self] in self.styles.rowStyle(height: $0) })
    }

    func endSheet() throws {
        guard let sheet = current else { throw WriteError.misuse("no table to end") }
        try sheet.finish()
        try x.flush()
        table = bytes
        current = nil
    }

    func defineName(_ name: DefinedName, dialect: FormulaDialect) throws {
        throw WriteError.misuse("an added table defines no names")
    }

    func finish() throws {}
    func cancel() { current = nil }
}
