import Foundation
import SvodPackage
import SvodWorkbook
import SvodXML
import SvodZip

/// Reads an OpenDocument spreadsheet: zipped (.ods) or flat XML (.fods).
public final class ODSReader: WorkbookReader {
    public let format: SpreadsheetFormat
    /// ODF stores dates as ISO text, so no serial-number epoch applies; 1900 is reported.
    public let dateSystem = DateSystem.from1900

    private let openContent: () throws -> ChunkSource
    private let contentName: String
    /// The content's size as declared or on disk: one of at least `parseAhead` bytes is
    /// parsed on a thread of its own.
    private let contentSize: Int64
    private let parseAhead: Int64
    private let xmlLimits: XMLLimits
    private let cellLimits: CellLimits
    private var cachedSheets: [SheetInfo]?
    private var cachedNames: [DefinedName]?
    private var cachedFilters: [String]?
    /// Where the metadata lives: meta.xml of a zip, the whole document of a flat file.
    private let openMeta: (() throws -> ChunkSource)?
    /// The common styles and the view settings: parts of a zip; in a flat file, the document itself.
    private let openStyles: (() throws -> ChunkSource)?
    private let openSettings: (() throws -> ChunkSource)?
    private var catalog: ODSStyleCatalog?
    /// See `WorkbookFormatting.readsStyledBlanks`.
    public var readsStyledBlanks = false

    /// Opens a zipped ODS: refuses encrypted packages, then streams content.xml on demand.
    public init(archive: ZipArchive, xmlLimits: XMLLimits = .default, cellLimits: CellLimits = .default,
                parseAhead: Int64 = PackagePart.parseAheadSize) throws {
        format = .ods
        self.parseAhead = parseAhead
        self.xmlLimits = xmlLimits
        self.cellLimits = cellLimits
        if archive.entry(named: "META-INF/manifest.xml") != nil {
            let manifest = ManifestParser()
            try PackagePart.parse("META-INF/manifest.xml", in: archive, handler: manifest, limits: xmlLimits)
            if manifest.encrypted {
                throw ReadError(.encrypted, .init(
                    ru: "файл ODS защищён паролем; снимите пароль в LibreOffice («Файл → Свойства → Безопасность») и пришлите файл снова",
                    en: "the ODS file is password-protected; remove the password in LibreOffice and send it again"))
            }
        }
        guard let entry = archive.entry(named: "content.xml") else { throw ReadError.missingPart("content.xml") }
        let meta = archive.entry(named: "meta.xml")
        openMeta = meta.map { m in { try archive.open(m) } }
        openStyles = archive.entry(named: "styles.xml").map { e in { try archive.open(e) } }
        openSettings = archive.entry(named: "settings.xml").map { e in { try archive.open(e) } }
        contentName = entry.name
        contentSize = entry.declaredSize
        openContent = {
            do { return try archive.open(entry, prefetch: entry.declaredSize >= PackagePart.inflateAheadSize) } catch { throw ReadError.wrap(error, part: entry.name) }
        }
    }

    /// Opens a flat ODF spreadsheet (one XML file).
    public init(flatPath path: String, xmlLimits: XMLLimits = .default, cellLimits: CellLimits = .default,
                parseAhead: Int64 = PackagePart.parseAheadSize) throws {
        format = .fods
        self.parseAhead = parseAhead
        self.xmlLimits = xmlLimits
        self.cellLimits = cellLimits
        contentName = path.split(separator: "/").last.map(String.init) ?? path
        contentSize = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0
        openContent = { try FileChunkSource(path: path) }
        openMeta = openContent
        openStyles = nil
        openSettings = openContent
    }

    /// Opens a flat ODF spreadsheet held in memory.
    public init(flatBytes bytes: [UInt8], xmlLimits: XMLLimits = .default, cellLimits: CellLimits = .default,
                parseAhead: Int64 = PackagePart.parseAheadSize) throws {
        format = .fods
        self.parseAhead = parseAhead
        self.xmlLimits = xmlLimits
        self.cellLimits = cellLimits
        contentName = "content"
        contentSize = Int64(bytes.count)
        openContent = { MemoryChunkSource(bytes: bytes) }
        openMeta = openContent
        openStyles = nil
        openSettings = openContent
    }

    public var customProperties: [String: String] {
        get throws {
            guard let openMeta else { return [:] }
            let parser = NamedValuesParser(element: "user-defined")
            do {
                try XMLStream(source: try openMeta(), part: "meta.xml", handler: parser, limits: xmlLimits).drain()
            } catch {
                throw ReadError.wrap(error, part: "meta.xml")
            }
            return Dictionary(parser.values.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        }
    }

    public var sheets: [SheetInfo] {
        get throws {
            if cachedSheets == nil { try scan() }
            return cachedSheets ?? []
        }
    }

    public var definedNames: [DefinedName] {
        get throws {
            if cachedNames == nil { try scan() }
            return cachedNames ?? []
        }
    }

    public func rows(ofSheet index: Int) throws -> SheetRowReader {
        let pass = try ContentPass(source: openContent(), part: contentName, ahead: contentSize >= parseAhead,
                                   limits: xmlLimits, cells: cellLimits,
                                   onlySheet: index, styles: readsStyledBlanks ? try loadCatalog() : nil)
        return SheetRows(pass: pass, sheet: index)
    }

    public func readSheets(_ visit: (Int, SheetInfo, SheetRowReader) throws -> Void) throws {
        let pass = try ContentPass(source: openContent(), part: contentName, ahead: contentSize >= parseAhead,
                                   limits: xmlLimits, cells: cellLimits,
                                   onlySheet: nil)
        var visited = 0
        while true {
            let next = try pass.peek()
            let last = next?.sheet ?? pass.parser.sheets.count - 1
            while visited <= last {
                try visit(visited, pass.parser.sheets[visited], SheetRows(pass: pass, sheet: visited))
                while let (s, _) = try pass.peek(), s == visited { pass.advance() }
                visited += 1
            }
            if next == nil { break }
        }
        cachedSheets = pass.parser.sheets
        cachedNames = pass.parser.definedNames
        cachedFilters = pass.parser.filters
    }

    /// One pass without decoding cells, to learn sheet names and named ranges.
    private func scan() throws {
        let pass = try ContentPass(source: openContent(), part: contentName, ahead: contentSize >= parseAhead,
                                   limits: xmlLimits, cells: cellLimits,
                                   onlySheet: Int.min)
        try pass.stream.drain()
        cachedSheets = pass.parser.sheets
        cachedNames = pass.parser.definedNames
        cachedFilters = pass.parser.filters
    }
}

/// One parse of the content, its rows queued as they complete.
final class ContentPass {
    let parser: ContentParser
    let stream: XMLStream
    private var queue: [(sheet: Int, row: Row)] = []
    private var head = 0

    /// `styles`: look each cell's style up and keep styled blanks (copies that keep the look).
    init(source: ChunkSource, part: String, ahead: Bool, limits: XMLLimits, cells: CellLimits, onlySheet: Int?,
         styles: ODSStyleCatalog? = nil) throws {
        parser = ContentParser(limits: cells)
        parser.onlySheet = onlySheet
        parser.styles = styles
        parser.keepsStyledBlanks = styles != nil
        stream = XMLStream(source: source, part: part, handler: parser, limits: limits, ahead: ahead)
    }

    /// The next row of any sheet without consuming it; nil at the end of the document.
    func peek() throws -> (sheet: Int, row: Row)? {
        while head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
            guard try stream.pump() else { return nil }
            swap(&queue, &parser.pending)
            parser.didHandOver()
        }
        return queue[head]
    }

    func advance() { head += 1 }
}

/// The rows of one sheet out of a shared pass.
final class SheetRows: SheetRowReader {
    private let pass: ContentPass
    private let sheet: Int

    var parsesAhead: Bool { pass.stream.parsesAhead }

    init(pass: ContentPass, sheet: Int) {
        self.pass = pass
        self.sheet = sheet
    }

    func nextRow() throws -> Row? {
        while let (s, row) = try pass.peek() {
            if s > sheet { return nil }
            pass.advance()
            if s == sheet { return row }
        }
        return nil
    }

    var merges: [CellRange] { pass.parser.merges[sheet] ?? [] }
}

/// Reads META-INF/manifest.xml for the one thing that matters before reading: encryption.
final class ManifestParser: XMLHandler {
    private(set) var encrypted = false
    private var tEncryptionData: XMLToken?

    override func prepare(_ names: XMLNameTable) { tEncryptionData = names.token("encryption-data") }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.local == tEncryptionData { encrypted = true }
    }
}

extension ODSReader: WorkbookFormatting {
    public func cellStyles() throws -> [CellStyle] { try loadCatalog().looks() }

    public func documentProperties() throws -> DocumentProperties {
        let parser = MetadataParser()
        if let openMeta { try drain(openMeta, part: "meta.xml", parser, stoppingAt: Never.self) }
        return parser.properties(custom: try customProperties)
    }

    public func layout(ofSheet index: Int) throws -> SheetLayout {
        let parser = ODSTableLayout(sheet: index, catalog: try loadCatalog())
        try drain(openContent, part: contentName, parser, stoppingAt: ODSTableLayout.Done.self)
        var layout = parser.result
        if cachedFilters == nil { try scan() }
        if let name = try sheets.dropFirst(index).first?.name {
            for target in cachedFilters ?? [] {
                guard let excel = FormulaTranslator.excelReference(fromODSRangeAddress: target) else { continue }
                let parts = excel.split(separator: "!")
                let sheet = parts.count == 2 ? String(parts[0]).trimmingCharacters(in: CharacterSet(charactersIn: "'")).replacingOccurrences(of: "''", with: "'") : ""
                if sheet == name, let range = CellRange(parts.last!.replacingOccurrences(of: "$", with: "")) { layout.setup.autoFilter = range }
            }
        }
        if let openSettings, let name = try sheets.dropFirst(index).first?.name {
            let settings = ODSTableSettings()
            try drain(openSettings, part: "settings.xml", settings, stoppingAt: Never.self)
            if let s = settings.tables[name] {
                layout.setup.frozenRows = s.frozenRows
                layout.setup.frozenColumns = s.frozenColumns
                layout.setup.tabColor = s.tab
            }
        }
        return layout
    }

    /// The styles of `styles.xml` and the content's automatic styles, read once.
    private func loadCatalog() throws -> ODSStyleCatalog {
        if let catalog { return catalog }
        let made = ODSStyleCatalog()
        if let openStyles { try drain(openStyles, part: "styles.xml", made, stoppingAt: ODSStyleCatalog.ReachedBody.self) }
        try drain(openContent, part: contentName, made, stoppingAt: ODSStyleCatalog.ReachedBody.self)
        catalog = made
        return made
    }

    /// Parses a part through `handler`, an error of type `stop` ending it early as planned.
    private func drain<Stop: Error>(_ open: () throws -> ChunkSource, part: String, _ handler: XMLHandler, stoppingAt stop: Stop.Type) throws {
        do {
            try XMLStream(source: try open(), part: part, handler: handler, limits: xmlLimits).drain()
        } catch {
            // The stream hands the handler's own stop on wrapped; the handler still holds it.
            if handler.failure is Stop { return }
            throw ReadError.wrap(error, part: part)
        }
    }
}
