import Foundation
import SvodODS
import SvodPackage
import SvodWorkbook
import SvodXLSX
import SvodXML
import SvodZip

/// Every limit a read is held to.
public struct ReadOptions: Sendable {
    /// Zip container limits.
    public var zip: ZipLimits
    /// XML parser limits.
    public var xml: XMLLimits
    /// Cell-count limits.
    public var cells: CellLimits
    /// Sheets (XLSX) or content (ODS) of at least this many bytes are parsed on a thread of
    /// their own: 0 for every part, `.max` for none.
    public var parseAhead: Int64

    /// The defaults, or chosen limits.
    public init(zip: ZipLimits = .default, xml: XMLLimits = .default, cells: CellLimits = .default,
                parseAhead: Int64 = PackagePart.parseAheadSize) {
        self.zip = zip
        self.xml = xml
        self.cells = cells
        self.parseAhead = parseAhead
    }
}

/// Opens any spreadsheet by its content and refuses everything else with a clear reason.
public enum Spreadsheet {
    /// Opens the file at `path`.
    public static func open(path: String, options: ReadOptions = .init()) throws -> WorkbookReader {
        let head: [UInt8]
        do {
            try ReadError.checkReadable(path)
            guard let fh = FileHandle(forReadingAtPath: path) else {
                throw ReadError.cannotOpen(path)
            }
            defer { try? fh.close() }
            head = [UInt8](try fh.read(upToCount: FileSniffer.headLength) ?? Data())
        }
        switch FileSniffer.kind(of: head) {
        case .zip:
            return try openZip(options) { try ZipArchive(path: path, limits: options.zip) }
        case .compoundFile:
            throw refuseCompound(try readBounded(path))
        case .flatODF:
            return try ODSReader(flatPath: path, xmlLimits: options.xml, cellLimits: options.cells, parseAhead: options.parseAhead)
        case let other:
            throw refusal(other, head: head)
        }
    }

    /// Opens a spreadsheet held in memory (uploads, tests, fuzzing). Flat ODF is read from memory too.
    public static func open(bytes: [UInt8], options: ReadOptions = .init()) throws -> WorkbookReader {
        let head = Array(bytes.prefix(FileSniffer.headLength))
        switch FileSniffer.kind(of: head) {
        case .zip:
            return try openZip(options) { try ZipArchive(bytes: bytes, limits: options.zip) }
        case .compoundFile:
            throw refuseCompound(bytes)
        case .flatODF:
            return try ODSReader(flatBytes: bytes, xmlLimits: options.xml, cellLimits: options.cells, parseAhead: options.parseAhead)
        case let other:
            throw refusal(other, head: head)
        }
    }

    private static func openZip(_ options: ReadOptions, _ make: () throws -> ZipArchive) throws -> WorkbookReader {
        let archive: ZipArchive
        do {
            archive = try make()
        } catch let e as ZipError {
            switch e {
            case .damaged, .notZip:
                throw ReadError(.truncated, .init(
                    ru: "файл обрезан или повреждён: это не целый zip-архив (\(e.message.ru))",
                    en: "the file is truncated or damaged: not a complete zip archive (\(e.message.en))"))
            default:
                throw ReadError.wrap(e, part: nil)
            }
        }
        if archive.entry(named: "[Content_Types].xml") != nil || archive.entry(named: "_rels/.rels") != nil {
            return try XLSXReader(archive: archive, xmlLimits: options.xml, cellLimits: options.cells, parseAhead: options.parseAhead)
        }
        if let mime = archive.entry(named: "mimetype") {
            let text = String(decoding: try readPart(archive, mime, max: 256), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.hasPrefix("application/vnd.oasis.opendocument.spreadsheet") else {
                throw ReadError(.notSpreadsheet, .init(
                    ru: "это документ OpenDocument, но не электронная таблица (\(text))",
                    en: "an OpenDocument file, but not a spreadsheet (\(text))"))
            }
            return try ODSReader(archive: archive, xmlLimits: options.xml, cellLimits: options.cells, parseAhead: options.parseAhead)
        }
        if archive.entry(named: "content.xml") != nil && archive.entry(named: "META-INF/manifest.xml") != nil {
            return try ODSReader(archive: archive, xmlLimits: options.xml, cellLimits: options.cells, parseAhead: options.parseAhead)
        }
        throw ReadError(.notSpreadsheet, .init(
            ru: "zip-архив не содержит электронной таблицы (нет ни книги XLSX, ни содержимого ODS)",
            en: "the zip archive holds no spreadsheet (neither an XLSX workbook nor ODS content)"))
    }

    private static func readPart(_ archive: ZipArchive, _ entry: ZipEntry, max: Int64) throws -> [UInt8] {
        do { return try archive.read(entry, maxBytes: max) } catch { throw ReadError.wrap(error, part: entry.name) }
    }

    private static func readBounded(_ path: String) throws -> [UInt8] {
        guard let fh = FileHandle(forReadingAtPath: path) else {
            throw ReadError.cannotOpen(path)
        }
        defer { try? fh.close() }
        // The directory of a compound file sits within its first few megabytes in practice;
        // a bounded read keeps a huge hostile file from being loaded.
        return [UInt8](try fh.read(upToCount: 64 << 20) ?? Data())
    }

    private static func refuseCompound(_ data: [UInt8]) -> ReadError {
        let names = Set((CompoundFile.streamNames(data) ?? []).map { $0.lowercased() })
        if names.contains("encryptedpackage") || names.contains("encryptioninfo") {
            return ReadError(.encrypted, .init(
                ru: "файл защищён паролем (зашифрованная книга Excel); снимите пароль («Файл → Сведения → Защитить книгу») и пришлите файл снова",
                en: "the file is password-protected (an encrypted Excel workbook); remove the password and send it again"))
        }
        if names.contains("workbook") || names.contains("book") || names.isEmpty {
            return ReadError(.legacyXLS, .init(
                ru: "файл в старом формате Excel 97–2003 (.xls), он не поддерживается; сохраните его как .xlsx или .ods",
                en: "the file is in the legacy Excel 97–2003 format (.xls), which is not supported; save it as .xlsx or .ods"))
        }
        return ReadError(.notSpreadsheet, .init(
            ru: "файл — документ Microsoft Office старого формата, но не электронная таблица",
            en: "the file is a legacy Microsoft Office document, but not a spreadsheet"))
    }

    private static func refusal(_ kind: SniffedKind, head: [UInt8]) -> ReadError {
        switch kind {
        case .spreadsheetML2003:
            return ReadError(.spreadsheetML2003, .init(
                ru: "файл в формате «Таблица XML 2003» (SpreadsheetML), он не поддерживается; сохраните его как .xlsx или .ods",
                en: "the file is Excel 2003 XML (SpreadsheetML), which is not supported; save it as .xlsx or .ods"))
        case .html:
            return ReadError(.html, .init(
                ru: "файл — веб-страница (HTML), сохранённая с расширением таблицы; откройте её в Excel или LibreOffice и сохраните как .xlsx или .ods",
                en: "the file is a web page (HTML) saved with a spreadsheet extension; open it and save as .xlsx or .ods"))
        case .otherXML:
            return ReadError(.notSpreadsheet, .init(ru: "файл — XML, но не электронная таблица",
                                                    en: "the file is XML, but not a spreadsheet"))
        default:
            if head.isEmpty { return ReadError(.notSpreadsheet, .init(ru: "файл пуст", en: "the file is empty")) }
            // Plain text (a CSV export, a .txt): no NUL and no control bytes but tabs and line ends.
            if !head.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
                return ReadError(.notSpreadsheet, .init(
                    ru: "файл — простой текст (например, CSV), а не таблица XLSX или ODS; откройте его в Excel или LibreOffice и сохраните как .xlsx или .ods",
                    en: "the file is plain text (a CSV, say), not an XLSX or ODS spreadsheet; open it in Excel or LibreOffice and save it as .xlsx or .ods"))
            }
            return ReadError(.notSpreadsheet, .init(ru: "файл не является электронной таблицей XLSX или ODS",
                                                    en: "the file is not an XLSX or ODS spreadsheet"))
        }
    }
}
