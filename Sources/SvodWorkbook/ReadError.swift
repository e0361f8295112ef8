import SvodLocale

/// Why a spreadsheet could not be read: a typed reason, its class, and a one-line message.
public struct ReadError: LocalizedFailure, CustomStringConvertible {
    /// The specific reason, for programs and tests.
    public enum Reason: String, Sendable, Equatable {
        /// Password-protected (encrypted OOXML package, encrypted ODS).
        case encrypted
        /// Legacy binary Excel 97–2003 (.xls).
        case legacyXLS
        /// Excel 2003 XML (SpreadsheetML) saved as .xls or .xml.
        case spreadsheetML2003
        /// An HTML page saved with a spreadsheet extension.
        case html
        /// A document of another kind (text document, presentation, CSV, image…).
        case notSpreadsheet
        /// Cut short: a zip without its directory, an XML that stops midway.
        case truncated
        /// The container is damaged: bad checksums, lying sizes, broken structure.
        case damaged
        /// A part is not well-formed XML, or holds a DOCTYPE.
        case malformed
        /// A part the format requires is absent.
        case missingPart
        /// A resource limit was hit.
        case limit
        /// The file could not be opened or read.
        case io
    }

    /// The specific reason.
    public let reason: Reason
    /// The class of refusal (encrypted, limit, unreadable).
    public let kind: FailureKind
    /// The one-line message in both languages.
    public let message: LocalizedText

    /// An error with an explicit reason and message.
    public init(_ reason: Reason, _ message: LocalizedText) {
        self.reason = reason
        self.message = message
        switch reason {
        case .encrypted: kind = .encrypted
        case .limit: kind = .limit
        default: kind = .unreadable
        }
    }

    public var description: String { message.en }

    /// Wraps an error from a lower layer, naming the part it came from.
    public static func wrap(_ error: Error, part: String?) -> ReadError {
        if let e = error as? ReadError { return e }
        let prefix = part.map { (ru: "«\($0)»: ", en: "'\($0)': ") } ?? (ru: "", en: "")
        if let f = error as? LocalizedFailure {
            let reason: Reason
            switch f.kind {
            case .encrypted: reason = .encrypted
            case .limit: reason = .limit
            case .unreadable: reason = part == nil ? .damaged : .malformed
            }
            return ReadError(reason, .init(ru: prefix.ru + f.message.ru, en: prefix.en + f.message.en))
        }
        return ReadError(.io, .init(ru: prefix.ru + "\(error)", en: prefix.en + "\(error)"))
    }

    /// A required part is missing.
    public static func missingPart(_ name: String) -> ReadError {
        ReadError(.missingPart, .init(ru: "в файле нет обязательной части «\(name)»",
                                      en: "the file lacks its required part '\(name)'"))
    }

    /// A cell lies beyond XFD1048576.
    public static func outsideGrid(sheet: String, row: Int, column: Int) -> ReadError {
        ReadError(.limit, .init(
            ru: "лист «\(sheet)»: ячейка за пределами XFD1048576 (строка \(row + 1), столбец \(column + 1))",
            en: "sheet '\(sheet)': a cell lies beyond XFD1048576 (row \(row + 1), column \(column + 1))"))
    }

    /// A cell's text grows past the limit.
    public static func textTooLong(sheet: String, row: Int, column: Int, limit: Int) -> ReadError {
        let ref = CellReference.isInGrid(row: row, column: column) ? CellReference(row: row, column: column).a1 : "?"
        return ReadError(.limit, .init(ru: "«\(sheet)»!\(ref): текст ячейки длиннее \(limit) байт",
                                       en: "'\(sheet)'!\(ref): cell text longer than \(limit) bytes"))
    }

    /// More merged ranges than the limit.
    public static func tooManyMerges(sheet: String, limit: Int) -> ReadError {
        ReadError(.limit, .init(ru: "лист «\(sheet)»: более \(limit) объединённых диапазонов",
                                en: "sheet '\(sheet)': more than \(limit) merged ranges"))
    }

    /// Rows read at once carry more text than the limit.
    public static func tooMuchTextInFlight(sheet: String, limit: Int) -> ReadError {
        ReadError(.limit, .init(
            ru: "лист «\(sheet)»: строки несут более \(limit) байт текста на каждые 256 КиБ XML (похоже на бомбу)",
            en: "sheet '\(sheet)': rows carry more than \(limit) bytes of text per 256 KiB of XML (a bomb?)"))
    }

    /// More cells than the limit.
    public static func tooManyCells(sheet: String, limit: Int) -> ReadError {
        ReadError(.limit, .init(ru: "лист «\(sheet)»: более \(limit) непустых ячеек",
                                en: "sheet '\(sheet)': more than \(limit) non-empty cells"))
    }
}

/// Bounds on what a sheet may hold once read.
public struct CellLimits: Sendable, Equatable {
    /// Most non-empty cells one sheet may yield, counting repeated ODS cells and rows.
    public var maxCells: Int
    /// Most UTF-8 bytes of text (or formula) one cell may carry; Excel itself stops at
    /// 32,767 characters, so 4 MiB only stops text assembled to exhaust memory.
    public var maxTextBytes: Int
    /// Most bytes of text and formulas the rows completed from one chunk of XML may carry:
    /// what a reader holds at once. Shared formulas, shared strings and `text:s` let a few
    /// bytes of XML stand for megabytes of text; real rows carry a few hundred bytes each.
    public var maxTextBytesInFlight: Int
    /// Most merged ranges one sheet may declare.
    public var maxMerges: Int

    /// Far above the largest form a department collects; calamine stops at the same order.
    public static let `default` = CellLimits(maxCells: 100_000_000)

    /// Limits chosen field by field.
    public init(maxCells: Int, maxTextBytes: Int = 4 << 20, maxTextBytesInFlight: Int = 64 << 20,
                maxMerges: Int = 1_000_000) {
        self.maxCells = maxCells
        self.maxTextBytes = maxTextBytes
        self.maxTextBytesInFlight = maxTextBytesInFlight
        self.maxMerges = maxMerges
    }
}
