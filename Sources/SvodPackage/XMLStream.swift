import SvodWorkbook
import SvodXML

/// Feeds a chunk source into a SAX parser one chunk at a time, on demand.
public final class XMLStream {
    private let source: ChunkSource
    private let parser: SAXParser
    /// The part's name, for messages.
    public let part: String
    /// Whether the whole document has been parsed.
    public private(set) var finished = false

    /// A stream of `source` (named `part`) through `handler`.
    public init(source: ChunkSource, part: String, handler: XMLHandler, limits: XMLLimits) {
        self.source = source
        self.parser = SAXParser(handler: handler, limits: limits)
        self.part = part
    }

    deinit { source.close() }

    /// Parses one more chunk; false once the document has ended.
    public func pump() throws -> Bool {
        if finished { return false }
        do {
            if let chunk = try source.nextChunk() {
                try parser.feed(chunk)
            } else {
                try parser.finish()
                finished = true
                source.close()
            }
        } catch {
            finished = true
            source.close()
            throw ReadError.wrap(error, part: part)
        }
        return true
    }

    /// Parses to the end.
    public func drain() throws {
        while try pump() {}
    }
}
