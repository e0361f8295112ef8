import SvodXML

/// Reads `name → text` pairs from elements of one local name with a `name` attribute: OOXML
/// custom properties (`<property name="…"><vt:lpwstr>…</vt:lpwstr></property>`) and ODF
/// user-defined metadata (`<meta:user-defined meta:name="…">…</meta:user-defined>`). svod's
/// templates name their form there.
public final class NamedValuesParser: XMLHandler {
    /// What was read, in document order.
    public private(set) var values: [(name: String, value: String)] = []
    private let element: String
    private var tElement: XMLToken?
    private var tName: XMLToken?
    private var current: String?
    private var text: [UInt8] = []
    /// Metadata is small; a hostile file cannot make it large.
    private static let maxValues = 1000, maxBytes = 64 << 10

    /// A parser for elements named `element` (local name, any namespace).
    public init(element: String) {
        self.element = element
        super.init()
    }

    override public func prepare(_ names: XMLNameTable) {
        tElement = names.token(element)
        tName = names.token("name")
    }

    override public func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        guard name.local == tElement, values.count < Self.maxValues else { return }
        var found: String?
        attributes.forEach { n, v in if n.local == tName { found = String(decoding: v, as: UTF8.self) } }
        current = found
        text.removeAll(keepingCapacity: true)
    }

    override public func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard current != nil, text.count + bytes.count <= Self.maxBytes else { return }
        text.append(contentsOf: bytes)
    }

    override public func endElement(_ name: XMLName) {
        guard name.local == tElement, let n = current else { return }
        values.append((n, String(decoding: text, as: UTF8.self)))
        current = nil
    }
}
