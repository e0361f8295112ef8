import Foundation
import SvodLocale
import SvodPackage
import SvodWorkbook
import SvodXML
import SvodZip

/// Reads an Office Open XML workbook (.xlsx/.xlsm, Transitional or Strict).
public final class XLSXReader: WorkbookReader {
    public let format = SpreadsheetFormat.xlsx
    public let sheets: [SheetInfo]
    public let definedNames: [DefinedName]
    public let dateSystem: DateSystem

    private let archive: ZipArchive
    private let xmlLimits: XMLLimits
    private let parseAhead: Int64
    private let cellLimits: CellLimits
    private let sheetParts: [String?]
    private let sharedStringsPart: String?
    private let stylesPart: String?
    private let customPart: String?
    private let corePart: String?
    private var sharedStrings: SharedStringsHandle?
    private var styleKinds: [NumberFormatKind]?
    private let themePart: String?
    private var formatting: (theme: XLSXTheme, styles: [CellStyle], dxfs: [CellStyle])?
    /// See `WorkbookFormatting.readsStyledBlanks`.
    public var readsStyledBlanks = false

    /// Opens the workbook in an archive: finds its parts through the relationships. Sheets
    /// of at least `parseAhead` bytes are parsed on a thread of their own.
    public init(archive: ZipArchive, xmlLimits: XMLLimits = .default, cellLimits: CellLimits = .default,
                parseAhead: Int64 = PackagePart.parseAheadSize) throws {
        self.archive = archive
        self.xmlLimits = xmlLimits
        self.cellLimits = cellLimits
        self.parseAhead = parseAhead

        let packageRels = try Self.relationships(of: "", in: archive, limits: xmlLimits)
        corePart = packageRels.first { $0.kind == "core-properties" && !$0.external }?.target
            ?? (archive.entry(named: "docProps/core.xml") != nil ? "docProps/core.xml" : nil)
        customPart = packageRels.first { $0.kind == "custom-properties" && !$0.external }?.target
            ?? (archive.entry(named: "docProps/custom.xml") != nil ? "docProps/custom.xml" : nil)
        let workbookPart = packageRels.first { $0.kind == "officeDocument" && !$0.external }?.target ?? "xl/workbook.xml"
        guard archive.entry(named: workbookPart) != nil else { throw ReadError.missingPart(workbookPart) }
        if workbookPart.lowercased().hasSuffix(".bin") {
            throw ReadError(.notSpreadsheet, .init(
                ru: "файл в двоичном формате Excel (.xlsb), он не поддерживается; сохраните его как .xlsx или .ods",
                en: "the file is a binary Excel workbook (.xlsb), which is not supported; save it as .xlsx or .ods"))
        }

        let workbook = WorkbookPartParser()
        try PackagePart.parse(workbookPart, in: archive, handler: workbook, limits: xmlLimits)
        guard workbook.rootName == "workbook" else {
            throw ReadError(.notSpreadsheet, .init(
                ru: "это документ Office Open XML, но не книга электронных таблиц (основная часть «\(workbook.rootName)»)",
                en: "an Office Open XML document, but not a spreadsheet workbook (main part '\(workbook.rootName)')"))
        }
        let rels = try Self.relationships(of: workbookPart, in: archive, limits: xmlLimits)
        let byId = Dictionary(rels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        var infos: [SheetInfo] = []
        var parts: [String?] = []
        for (i, entry) in workbook.sheets.enumerated() {
            let rel = entry.relationshipId.flatMap { byId[$0] }
            let kind: SheetKind
            switch rel?.kind {
            case "chartsheet": kind = .chart
            case "dialogsheet", "xlMacrosheet", "xlIntlMacrosheet": kind = .other
            default: kind = .worksheet
            }
            infos.append(SheetInfo(name: entry.name, visibility: entry.visibility, kind: kind))
            // Without a usable relationship, fall back to the name every writer uses.
            let part = rel.map { $0.target } ?? "xl/worksheets/sheet\(i + 1).xml"
            parts.append(kind == .worksheet ? part : nil)
        }
        sheets = infos
        sheetParts = parts
        definedNames = workbook.definedNames
        dateSystem = workbook.dateSystem
        sharedStringsPart = rels.first { $0.kind == "sharedStrings" }?.target
            ?? (archive.entry(named: "xl/sharedStrings.xml") != nil ? "xl/sharedStrings.xml" : nil)
        stylesPart = rels.first { $0.kind == "styles" }?.target
            ?? (archive.entry(named: "xl/styles.xml") != nil ? "xl/styles.xml" : nil)
        themePart = rels.first { $0.kind == "theme" }?.target
    }

    public var customProperties: [String: String] {
        get throws {
            guard let part = customPart, archive.entry(named: part) != nil else { return [:] }
            let parser = NamedValuesParser(element: "property")
            try PackagePart.parse(part, in: archive, handler: parser, limits: xmlLimits)
            return Dictionary(parser.values.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        }
    }

    public func rows(ofSheet index: Int) throws -> SheetRowReader {
        guard let part = sheetParts[index] else { return EmptyRowReader() }
        guard let entry = archive.entry(named: part) else {
            throw ReadError.missingPart(part)
        }
        let parser = WorksheetParser(sheetName: sheets[index].name, sharedStrings: try loadSharedStrings(),
                                     styleKinds: try loadStyles(), dateSystem: dateSystem,
                                     limits: cellLimits, keepsStyledBlanks: readsStyledBlanks)
        return try PackagePart.rows(entry, in: archive, producer: parser, limits: xmlLimits, parseAhead: parseAhead)
    }

    public func readSheets(_ visit: (Int, SheetInfo, SheetRowReader) throws -> Void) throws {
        try readSheetsByIndex(visit)
    }

    /// Loads the shared strings: a small table at once, a big one on a thread of its own with a
    /// second handle on the archive, returning at once; lookups wait for strings not yet loaded.
    private func loadSharedStrings() throws -> SharedStringsHandle {
        if let s = sharedStrings { return s }
        guard let part = sharedStringsPart, archive.entry(named: part) != nil else {
            let empty = SharedStringsHandle(SharedStrings.complete())
            sharedStrings = empty
            return empty
        }
        let table = SharedStrings()
        let limits = xmlLimits
        let textLimit = cellLimits.maxTextBytes
        // A failure reaches the lookups, not the opening: a sheet without strings still reads.
        let load: @Sendable (ZipArchive) -> Void = { archive in
            do {
                let parser = SharedStringsParser(into: table, maxTextBytes: textLimit)
                try PackagePart.parse(part, in: archive, handler: parser, limits: limits)
                parser.flush()
                table.finish(parser.failure)
            } catch {
                table.finish(error)
            }
        }
        // A small table (a school's form) is read at once: a thread and a second handle would cost more than the parse.
        if let entry = archive.entry(named: part), entry.declaredSize < PackagePart.inflateAheadSize {
            load(archive)
        } else {
            let second: ZipArchive
            do { second = try archive.reopen() } catch { throw ReadError.wrap(error, part: part) }
            let thread = Thread { load(second) }
            thread.name = "svod-shared-strings"
            thread.stackSize = 1 << 20
            thread.start()
        }
        let handle = SharedStringsHandle(table)
        sharedStrings = handle
        return handle
    }
    private func loadStyles() throws -> [NumberFormatKind] {
        if let s = styleKinds { return s }
        var result: [NumberFormatKind] = []
        if let part = stylesPart, archive.entry(named: part) != nil {
            let parser = StylesParser()
            try PackagePart.parse(part, in: archive, handler: parser, limits: xmlLimits)
            result = parser.kinds
        }
        styleKinds = result
        return result
    }

    static func relationships(of part: String, in archive: ZipArchive, limits: XMLLimits) throws -> [Relationship] {
        let relsName = PartName.relsPart(for: part)
        guard archive.entry(named: relsName) != nil else { return [] }
        let parser = RelationshipsParser(sourcePart: part)
        try PackagePart.parse(relsName, in: archive, handler: parser, limits: limits)
        return parser.relationships
    }
}

extension XLSXReader: WorkbookFormatting {
    public func cellStyles() throws -> [CellStyle] {
        try loadFormatting().styles
    }

    public func documentProperties() throws -> DocumentProperties {
        let parser = MetadataParser()
        if let part = corePart, archive.entry(named: part) != nil { try PackagePart.parse(part, in: archive, handler: parser, limits: xmlLimits) }
        return parser.properties(custom: try customProperties)
    }

    public func layout(ofSheet index: Int) throws -> SheetLayout {
        guard index >= 0, index < sheetParts.count, let part = sheetParts[index], archive.entry(named: part) != nil else { return SheetLayout() }
        let f = try loadFormatting()
        let parser = XLSXSheetLayout(theme: f.theme, dateSystem: dateSystem, looks: f.dxfs)
        try PackagePart.parse(part, in: archive, handler: parser, limits: xmlLimits)
        var layout = parser.result
        let rels = try Self.relationships(of: part, in: archive, limits: xmlLimits)
        if let comments = rels.first(where: { $0.kind == "comments" && !$0.external })?.target, archive.entry(named: comments) != nil {
            let reader = XLSXCommentsReader()
            try PackagePart.parse(comments, in: archive, handler: reader, limits: xmlLimits)
            layout.comments = reader.comments
        }
        if let titles = definedNames.first(where: { $0.name == "_xlnm.Print_Titles" && $0.localSheet == index }),
           let rows = Self.titleRows(titles.refersTo) {
            var page = layout.setup.page ?? PageSetup(fitToWidth: nil)
            page.repeatRows = rows
            layout.setup.page = page
        }
        return layout
    }

    /// The rows of a print-titles name (`'ВПР'!$4:$5`, or with columns: `'ВПР'!$A:$A,'ВПР'!$4:$5`), zero-based.
    static func titleRows(_ refersTo: String) -> ClosedRange<Int>? {
        for part in refersTo.split(separator: ",") {
            let range = part.split(separator: "!").last.map { $0.replacingOccurrences(of: "$", with: "") } ?? ""
            let ends = range.split(separator: ":").compactMap { Int($0) }
            if ends.count == 2, ends[0] >= 1, ends[1] >= ends[0], ends[1] <= CellReference.maxRows { return (ends[0] - 1)...(ends[1] - 1) }
        }
        return nil
    }

    private func loadFormatting() throws -> (theme: XLSXTheme, styles: [CellStyle], dxfs: [CellStyle]) {
        if let f = formatting { return f }
        let theme = XLSXTheme()
        if let part = themePart, archive.entry(named: part) != nil { try PackagePart.parse(part, in: archive, handler: theme, limits: xmlLimits) }
        var styles: [CellStyle] = [], dxfs: [CellStyle] = []
        if let part = stylesPart, archive.entry(named: part) != nil {
            let parser = XLSXStyleSheet(theme: theme)
            try PackagePart.parse(part, in: archive, handler: parser, limits: xmlLimits)
            styles = parser.styles
            dxfs = parser.dxfs
        }
        if styles.isEmpty { styles = [CellStyle()] }
        formatting = (theme, styles, dxfs)
        return (theme, styles, dxfs)
    }
}
