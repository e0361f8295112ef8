import SvodXML

/// OpenDocument namespaces svod reads.
enum ODF {
    static let office = XMLNamespace("urn:oasis:names:tc:opendocument:xmlns:office:1.0")
    static let table = XMLNamespace("urn:oasis:names:tc:opendocument:xmlns:table:1.0")
    static let text = XMLNamespace("urn:oasis:names:tc:opendocument:xmlns:text:1.0")
    static let style = XMLNamespace("urn:oasis:names:tc:opendocument:xmlns:style:1.0")
    static let calcext = XMLNamespace("urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0")
    static let drawing = XMLNamespace("urn:oasis:names:tc:opendocument:xmlns:drawing:1.0")
    static let manifest = XMLNamespace("urn:oasis:names:tc:opendocument:xmlns:manifest:1.0")
}
