import CLibXML2

/// Receives a document's events; subclass it and override what a format needs.
///
/// Handlers do not throw through C: they record `failure`, and the parser stops at once.
/// libxml2 calls straight into the handler (it is the parser's user data), so the depth
/// count and the stop request live here rather than one indirection away.
open class XMLHandler {
    /// Set to stop the parse; the parser rethrows it.
    public var failure: Error? {
        didSet { if failure != nil, let context { xmlStopParser(context) } }
    }

    /// Current element depth and its cap.
    var depth = 0
    var maxDepth = Int.max
    /// The libxml2 context parsing into this handler, while one does.
    var context: xmlParserCtxtPtr?

    /// A handler with no failure yet.
    public init() {}

    /// Called once before parsing, to intern the names the handler compares against.
    open func prepare(_ names: XMLNameTable) {}

    /// An element starts.
    open func startElement(_ name: XMLName, _ attributes: XMLAttributes) {}

    /// An element ends.
    open func endElement(_ name: XMLName) {}

    /// Character data (text or CDATA), possibly split across several calls.
    open func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// Interns names in the parser's dictionary so that handlers compare tokens, not strings.
public struct XMLNameTable {
    let intern: (String) -> XMLToken

    /// Names interned in a parser's dictionary, where libxml2 puts the names it reports.
    init(dictionary dict: xmlDictPtr?) {
        intern = { name in
            XMLToken(pointer: name.withCString { xmlDictLookup(dict, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self), -1) })
        }
    }

    /// The token for a local name.
    public func token(_ name: String) -> XMLToken { intern(name) }

    /// The namespace with its URIs interned.
    public func namespace(_ ns: XMLNamespace) -> XMLNamespaceToken {
        XMLNamespaceToken(uris: ns.uris.compactMap { intern($0).pointer })
    }
}
