import CLibXML2
import SvodLocale

/// A streaming, hardened XML parser: libxml2's SAX2 push parser with no DTD, no entity
/// substitution, no network and a depth cap. Feed it bytes in chunks of any size.
public final class SAXParser {
    private var ctxt: xmlParserCtxtPtr?
    private let handler: XMLHandler
    private let limits: XMLLimits
    private let inputErrors = InputErrors()

    /// A parser that delivers events to `handler`.
    public init(handler: XMLHandler, limits: XMLLimits = .default) {
        self.handler = handler
        self.limits = limits
        var sax = xmlSAXHandler.svod(start: svodStartElement, end: svodEndElement, text: svodCharacters,
                                     doctype: svodInternalSubset)
        ctxt = xmlCreatePushParserCtxt(&sax, nil, nil, 0, nil)
        guard let ctxt else { return }
        // The handler is the callbacks' context; `self` keeps it alive while libxml2 may call it.
        ctxt.pointee.userData = Unmanaged.passUnretained(handler).toOpaque()
        handler.context = ctxt
        handler.depth = 0
        handler.maxDepth = limits.maxDepth
        harden(ctxt)
        handler.prepare(XMLNameTable(dictionary: ctxt.pointee.dict))
    }

    deinit {
        handler.context = nil
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

    private func push(_ base: UnsafeRawPointer?, _ count: Int, terminate: Bool) throws {
        guard let ctxt else { throw XMLError.noParser }
        if let failure = handler.failure { throw failure }
        // Per thread in libxml2, and a push parser may be fed from more than one thread.
        inputErrors.listen()
        defer { InputErrors.stopListening() }
        var offset = 0
        repeat {
            // xmlParseChunk takes an Int32 length; feed large buffers in slices.
            let n = min(count - offset, 1 << 30)
            let p = base.map { $0.advanced(by: offset).assumingMemoryBound(to: CChar.self) }
            let last = terminate && offset + n == count
            let rc = xmlParseChunk(ctxt, p, Int32(n), last ? 1 : 0)
            if let failure = handler.failure { throw failure }
            if rc != 0 || ctxt.pointee.wellFormed == 0 {
                throw XMLError.malformed(ctxt, input: inputErrors)
            }
            offset += n
        } while offset < count
    }
}

extension XMLError {
    /// libxml2 could not create a parser (out of memory).
    static let noParser = XMLError.malformed(line: 0, detail: "parser could not be created")

    /// The error libxml2 recorded in `ctxt`, with its line, on one line. An input error
    /// (bytes not in the declared encoding) is raised outside the context and comes first:
    /// the context then holds only its consequence, such as «Premature end of data».
    static func malformed(_ ctxt: xmlParserCtxtPtr, input: InputErrors) -> XMLError {
        var text = Substring(input.first ?? ctxt.pointee.lastError.message.map { String(cString: $0) } ?? "unknown error")
        // libxml2 ends its messages with a line feed; the refusal must stay on one line.
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return .malformed(line: Int(xmlSAX2GetLineNumber(ctxt)), detail: String(text))
    }
}

/// Calls `body` with the handler libxml2 was given as context, without retaining it: the
/// SAXParser owns the handler for the whole parse, and a retain/release pair per event was
/// a measurable share of a read.
@inline(__always)
private func withHandler(_ ctx: UnsafeMutableRawPointer?, _ body: (XMLHandler) -> Void) {
    Unmanaged<XMLHandler>.fromOpaque(ctx!)._withUnsafeGuaranteedRef(body)
}

private let svodStartElement: startElementNsSAX2Func = { ctx, localname, _, uri, _, _, nbAttributes, _, attributes in
    withHandler(ctx) { h in
        h.depth += 1
        if h.depth > h.maxDepth {
            h.failure = XMLError.tooDeep(limit: h.maxDepth)
            return
        }
        h.startElement(XMLName(local: XMLToken(pointer: localname), uri: uri),
                       XMLAttributes(base: attributes, count: Int(nbAttributes)))
    }
}

private let svodEndElement: endElementNsSAX2Func = { ctx, localname, _, uri in
    withHandler(ctx) { h in
        h.depth -= 1
        h.endElement(XMLName(local: XMLToken(pointer: localname), uri: uri))
    }
}

private let svodCharacters: charactersSAXFunc = { ctx, ch, len in
    guard let ch, len > 0 else { return }
    withHandler(ctx) { $0.characters(UnsafeBufferPointer(start: ch, count: Int(len))) }
}

private let svodInternalSubset: internalSubsetSAXFunc = { ctx, _, _, _ in
    withHandler(ctx) { $0.failure = XMLError.doctype }
}

private let quietErrors: xmlStructuredErrorFunc = { _, _ in
    // Errors are read from the context once libxml2 returns; nothing is printed.
}

/// Errors libxml2 raises outside a parser context — bytes that are not in the declared
/// encoding, the input failing — which it would otherwise print to stderr. Kept per parser.
final class InputErrors {
    /// The first one's message.
    private(set) var first: String?

    /// Sends the calling thread's out-of-context errors here (libxml2 keeps the handlers per
    /// thread) and keeps its generic error printer quiet, until `stopListening`.
    func listen() {
        svod_silence_generic_errors()
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(self).toOpaque(), recordInputError)
    }

    /// Detaches the thread's handler from this object, which may be gone by the next error.
    static func stopListening() {
        xmlSetStructuredErrorFunc(nil, nil)
    }

    fileprivate func record(_ error: xmlErrorPtr) {
        guard first == nil, let message = error.pointee.message else { return }
        first = String(cString: message)
    }
}

private let recordInputError: xmlStructuredErrorFunc = { ctx, error in
    guard let ctx, let error else { return }
    Unmanaged<InputErrors>.fromOpaque(ctx).takeUnretainedValue().record(error)
}

extension xmlSAXHandler {
    /// The SAX2 callbacks svod parses with: elements, text and CDATA alike, a DOCTYPE hook
    /// that refuses it, and errors kept for the caller instead of printed.
    static func svod(start: startElementNsSAX2Func, end: endElementNsSAX2Func, text: charactersSAXFunc,
                     doctype: internalSubsetSAXFunc) -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = start
        sax.endElementNs = end
        sax.characters = text
        sax.cdataBlock = text
        sax.internalSubset = doctype
        sax.serror = quietErrors
        return sax
    }
}

/// Sets the options every svod parser runs with: no XML_PARSE_NOENT (never substitute), no
/// DTDLOAD, no network, no HUGE (keep libxml2's own caps).
func harden(_ ctxt: xmlParserCtxtPtr) {
    xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue))
}
