import CLibXML2
import SvodLocale

/// A streaming, hardened XML parser: libxml2's SAX2 push parser with no DTD, no entity
/// substitution, no network and a depth cap. Feed it bytes in chunks of any size.
public final class SAXParser {
    private var ctxt: xmlParserCtxtPtr?
    private let handler: XMLHandler
    private let limits: XMLLimits
    fileprivate var depth = 0
    fileprivate var failure: Error?

    /// A parser that delivers events to `handler`.
    public init(handler: XMLHandler, limits: XMLLimits = .default) {
        self.handler = handler
        self.limits = limits
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = svodStartElement
        sax.endElementNs = svodEndElement
        sax.characters = svodCharacters
        sax.cdataBlock = svodCharacters
        sax.internalSubset = svodInternalSubset
        sax.serror = svodStructuredError
        ctxt = xmlCreatePushParserCtxt(&sax, nil, nil, 0, nil)
        guard let ctxt else { return }
        ctxt.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        ctxt.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
        // No XML_PARSE_NOENT (never substitute), no DTDLOAD, no HUGE (keep libxml2's own caps).
        xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue))
        let dict = ctxt.pointee.dict
        handler.prepare(XMLNameTable { name in
            XMLToken(pointer: name.withCString { xmlDictLookup(dict, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self), -1) })
        })
    }

    deinit {
        if let ctxt { xmlFreeParserCtxt(ctxt) }
    }

    /// Parses the next chunk of the document.
    public func feed(_ bytes: UnsafeRawBufferPointer) throws {
        try push(bytes.baseAddress, bytes.count, terminate: false)
    }

    /// Signals the end of the document and reports any error found at the end.
    public func finish() throws {
        try push(nil, 0, terminate: true)
    }

    /// Parses a whole document held in memory.
    public static func parse(_ bytes: [UInt8], handler: XMLHandler, limits: XMLLimits = .default) throws {
        let parser = SAXParser(handler: handler, limits: limits)
        try bytes.withUnsafeBytes { try parser.feed($0) }
        try parser.finish()
    }

    private func push(_ base: UnsafeRawPointer?, _ count: Int, terminate: Bool) throws {
        guard let ctxt else { throw XMLError.malformed(line: 0, detail: "parser could not be created") }
        if let failure { throw failure }
        var offset = 0
        repeat {
            // xmlParseChunk takes an Int32 length; feed large buffers in slices.
            let n = min(count - offset, 1 << 30)
            let p = base.map { $0.advanced(by: offset).assumingMemoryBound(to: CChar.self) }
            let last = terminate && offset + n == count
            let rc = xmlParseChunk(ctxt, p, Int32(n), last ? 1 : 0)
            if let failure { throw failure }
            if rc != 0 || ctxt.pointee.wellFormed == 0 {
                throw XMLError.malformed(line: Int(xmlSAX2GetLineNumber(ctxt)), detail: lastErrorText())
            }
            offset += n
        } while offset < count
    }

    private func lastErrorText() -> String {
        guard let ctxt, let msg = ctxt.pointee.lastError.message else { return "unknown error" }
        return String(cString: msg).trimmingCharacters(in: .newlines)
    }

    fileprivate func stop(_ error: Error) {
        if failure == nil { failure = error }
        if let ctxt { xmlStopParser(ctxt) }
    }

    fileprivate func start(_ name: XMLName, _ attributes: XMLAttributes) {
        depth += 1
        if depth > limits.maxDepth { stop(XMLError.tooDeep(limit: limits.maxDepth)); return }
        handler.startElement(name, attributes)
        if let f = handler.failure { stop(f) }
    }

    fileprivate func end(_ name: XMLName) {
        depth -= 1
        handler.endElement(name)
        if let f = handler.failure { stop(f) }
    }

    fileprivate func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        handler.characters(bytes)
        if let f = handler.failure { stop(f) }
    }
}

extension String {
    fileprivate func trimmingCharacters(in _: NewlineSet) -> String {
        var s = Substring(self)
        while let last = s.last, last.isNewline || last == " " { s.removeLast() }
        return String(s)
    }
}

private enum NewlineSet { case newlines }

@inline(__always)
private func parser(_ ctx: UnsafeMutableRawPointer?) -> SAXParser {
    Unmanaged<SAXParser>.fromOpaque(ctx!).takeUnretainedValue()
}

private let svodStartElement: startElementNsSAX2Func = { ctx, localname, _, uri, _, _, nbAttributes, _, attributes in
    parser(ctx).start(XMLName(local: XMLToken(pointer: localname), uri: uri),
                      XMLAttributes(base: attributes, count: Int(nbAttributes)))
}

private let svodEndElement: endElementNsSAX2Func = { ctx, localname, _, uri in
    parser(ctx).end(XMLName(local: XMLToken(pointer: localname), uri: uri))
}

private let svodCharacters: charactersSAXFunc = { ctx, ch, len in
    guard let ch, len > 0 else { return }
    parser(ctx).text(UnsafeBufferPointer(start: ch, count: Int(len)))
}

private let svodInternalSubset: internalSubsetSAXFunc = { ctx, _, _, _ in
    parser(ctx).stop(XMLError.doctype)
}

private let svodStructuredError: xmlStructuredErrorFunc = { _, _ in
    // Errors are read from the context after xmlParseChunk returns; nothing is printed.
}
