import SvodWorkbook
import SvodXML

/// A format's sheet parser: an XML handler that completes rows as events arrive.
public protocol RowProducer: XMLHandler {
    /// Rows completed and not yet handed out.
    var pending: [Row] { get set }
    /// Merged ranges seen so far.
    var merges: [CellRange] { get }
    /// The rows in `pending` were taken: what is held in memory starts again from nothing.
    func didHandOver()
}

/// Pulls rows out of a push parser: feeds the part chunk by chunk, only as far as needed
/// for the next row. Memory holds one chunk and the rows it completed.
public final class PartRowReader<Producer: RowProducer>: SheetRowReader {
    private let stream: XMLStream
    private let producer: Producer
    private var buffered: [Row] = []
    private var head = 0

    /// Reads the bytes of `source` (named `part` in messages) through `producer`, parsing on
    /// a thread of its own when `ahead`.
    public init(source: ChunkSource, part: String, producer: Producer, limits: XMLLimits, ahead: Bool = false) {
        self.stream = XMLStream(source: source, part: part, handler: producer, limits: limits, ahead: ahead)
        self.producer = producer
    }

    public var merges: [CellRange] { producer.merges }

    public var parsesAhead: Bool { stream.parsesAhead }

    public func nextRow() throws -> Row? {
        while head == buffered.count {
            buffered.removeAll(keepingCapacity: true)
            head = 0
            guard try stream.pump() else { return nil }
            swap(&buffered, &producer.pending)
            producer.didHandOver()
        }
        defer { head += 1 }
        return buffered[head]
    }
}
