import SvodWorkbook
import SvodXML

/// Feeds a chunk source into a SAX parser one chunk at a time, on demand.
public final class XMLStream {
    private let source: ChunkSource
    private let engine: Engine
    /// The part's name, for messages.
    public let part: String
    /// Whether the whole document has been parsed.
    public private(set) var finished = false
    /// Whether the document is parsed on a thread of its own.
    public var parsesAhead: Bool {
        if case .ahead = engine { return true }
        return false
    }

    private enum Engine {
        /// Parsing on the caller's thread, a chunk per pump.
        case inline(SAXParser)
        /// Parsing on a thread of its own, a batch of events per pump.
        case ahead(BackgroundSAXParser)
    }

    /// A stream of `source` (named `part`) through `handler`; `ahead` parses it on a second
    /// thread, worth it for a part big enough that the handler's work is a core's worth.
    public init(source: ChunkSource, part: String, handler: XMLHandler, limits: XMLLimits, ahead: Bool = false) {
        self.source = source
        engine = ahead
            ? .ahead(BackgroundSAXParser(handler: handler, limits: limits, input: { try source.nextChunk() }))
            : .inline(SAXParser(handler: handler, limits: limits))
        self.part = part
    }

    deinit {
        // The parser's thread reads the source: it must have stopped before the source closes.
        if case .ahead(let parser) = engine { parser.stop() }
        source.close()
    }

    /// Parses one more chunk (or batch of events); false once the document has ended.
    public func pump() throws -> Bool {
        if finished { return false }
        do {
            switch engine {
            case .inline(let parser):
                if let chunk = try source.nextChunk() {
                    try parser.feed(chunk)
                } else {
                    try parser.finish()
                    end()
                }
                return true
            case .ahead(let parser):
                if try parser.pump() { return true }
                end()
                return false
            }
        } catch {
            if case .ahead(let parser) = engine { parser.stop() }
            end()
            throw ReadError.wrap(error, part: part)
        }
    }

    private func end() {
        finished = true
        source.close()
    }

    /// Parses to the end.
    public func drain() throws {
        while try pump() {}
    }
}
