import SvodWorkbook
import SvodXML

/// Reads a document's title, subject, author, description and keywords from OOXML's
/// `docProps/core.xml` or ODF's `meta.xml` (the elements' local names are the same or close).
public final class MetadataParser: XMLHandler {
    private var texts: [String: String] = [:]
    private var current: String?
    private var text: [UInt8] = []
    private static let wanted: Set<String> = ["title", "subject", "creator", "initial-creator", "description", "keywords", "keyword"]
    /// Metadata is small; a hostile file cannot make it large.
    private static let maxBytes = 16 << 10

    /// A parser.
    override public init() { super.init() }

    override public func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        let n = name.localString
        guard Self.wanted.contains(n) else { return }
        current = n
        text.removeAll(keepingCapacity: true)
    }

    override public func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard current != nil, text.count + bytes.count <= Self.maxBytes else { return }
        text.append(contentsOf: bytes)
    }

    override public func endElement(_ name: XMLName) {
        guard let n = current, name.localString == n else { return }
        let value = String(decoding: text, as: UTF8.self)
        if let before = texts[n] { if n == "keyword" { texts[n] = before + "; " + value } } else { texts[n] = value }
        current = nil
    }

    /// What was read, with the custom properties given.
    public func properties(custom: [String: String]) -> DocumentProperties {
        func v(_ k: String) -> String? { texts[k].flatMap { $0.isEmpty ? nil : $0 } }
        return DocumentProperties(title: v("title"), subject: v("subject"), creator: v("initial-creator") ?? v("creator"),
                                  description: v("description"), keywords: v("keywords") ?? v("keyword"),
                                  custom: custom.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) })
    }
}
