/// What the first bytes of a file say it is, whatever its name claims.
public enum SniffedKind: Equatable, Sendable {
    /// A zip archive: XLSX, ODS, or some other zipped document.
    case zip
    /// An OLE2 compound file: legacy .xls, an encrypted OOXML package, or a Word/PowerPoint file.
    case compoundFile
    /// Flat OpenDocument XML (.fods).
    case flatODF
    /// Excel 2003 XML (SpreadsheetML).
    case spreadsheetML2003
    /// An HTML page.
    case html
    /// XML of some other vocabulary.
    case otherXML
    /// Nothing svod recognises (including an empty file).
    case unknown
}

/// Recognises file kinds by content.
public enum FileSniffer {
    /// Bytes needed from the head of the file to decide.
    public static let headLength = 64 << 10

    /// The kind of a file whose first bytes are `head`.
    public static func kind(of head: [UInt8]) -> SniffedKind {
        if head.count >= 4, head[0] == 0x50, head[1] == 0x4B, [0x03, 0x05, 0x07].contains(head[2]) { return .zip }
        if head.count >= 8, Array(head[0..<8]) == CompoundFile.signature { return .compoundFile }
        guard let text = markupText(head) else { return .unknown }
        let lower = text.lowercased()
        if lower.hasPrefix("<html") || lower.hasPrefix("<!doctype html") { return .html }
        if lower.contains("urn:schemas-microsoft-com:office:spreadsheet") { return .spreadsheetML2003 }
        if lower.contains("urn:oasis:names:tc:opendocument:xmlns:office:1.0"), lower.contains(":document") {
            return .flatODF
        }
        if lower.contains("<html") { return .html }
        return .otherXML
    }

    /// The head as text if it looks like markup: optional BOM and whitespace, then '<'.
    private static func markupText(_ head: [UInt8]) -> String? {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var text: String
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes.first == 0xFF
            let body = Array(bytes.dropFirst(2))
            var units: [UInt16] = []
            for i in stride(from: 0, to: body.count - 1, by: 2) {
                units.append(little ? UInt16(body[i]) | UInt16(body[i + 1]) << 8 : UInt16(body[i]) << 8 | UInt16(body[i + 1]))
            }
            text = String(decoding: units, as: UTF16.self)
        } else {
            text = String(decoding: bytes, as: UTF8.self)
        }
        text = String(text.drop { $0.isWhitespace })
        return text.hasPrefix("<") ? text : nil
    }
}
