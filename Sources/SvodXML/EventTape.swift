import CLibXML2

/// SAX events recorded in one flat buffer, to be replayed into a handler on another thread.
///
/// Names and namespace URIs are kept as pointers into the parser's dictionary (which outlives
/// the tape); attribute values and text are copied, because libxml2 reuses its input buffer.
/// Records are 8-byte aligned: a header word (kind in the low byte, a count above it), then
/// pointers and bytes. A `TapeWriter` fills it.
final class EventTape {
    fileprivate(set) var storage: UnsafeMutableRawPointer
    fileprivate(set) var capacity: Int
    /// Bytes recorded.
    fileprivate(set) var count = 0

    static let start: UInt64 = 1, end: UInt64 = 2, text: UInt64 = 3

    init(capacity: Int) {
        self.capacity = capacity
        storage = .allocate(byteCount: capacity, alignment: 8)
    }

    deinit { storage.deallocate() }

    @inline(__always)
    static func padded(_ n: Int) -> Int { (n + 7) & ~7 }

    /// Plays the recorded events into `handler` until the tape ends or the handler fails;
    /// `scratch` holds the attribute array handed out for each start tag.
    func replay(into handler: XMLHandler, scratch: inout AttributeScratch) {
        var at = 0
        let base = storage
        @inline(__always) func next() -> UInt64 {
            defer { at += 8 }
            return base.load(fromByteOffset: at, as: UInt64.self)
        }
        @inline(__always) func nextPointer() -> UnsafePointer<xmlChar>? {
            UnsafePointer(bitPattern: UInt(next()))
        }
        while at < count {
            let header = next()
            switch header & 0xFF {
            case Self.start:
                let n = Int(header >> 8)
                let local = nextPointer()
                let uri = nextPointer()
                let attributes = scratch.room(for: n)
                for i in 0..<n {
                    let a = attributes + i * 5
                    a[0] = nextPointer()
                    a[1] = nextPointer()
                    a[2] = nextPointer()
                    let length = Int(next())
                    let value = UnsafePointer<xmlChar>(base.advanced(by: at).assumingMemoryBound(to: xmlChar.self))
                    a[3] = value
                    a[4] = value + length
                    at += Self.padded(length)
                }
                handler.startElement(XMLName(local: XMLToken(pointer: local), uri: uri),
                                     XMLAttributes(base: n > 0 ? attributes : nil, count: n))
            case Self.end:
                let local = nextPointer()
                let uri = nextPointer()
                handler.endElement(XMLName(local: XMLToken(pointer: local), uri: uri))
            default:
                let n = Int(header >> 8)
                handler.characters(UnsafeBufferPointer(start: base.advanced(by: at).assumingMemoryBound(to: UInt8.self), count: n))
                at += Self.padded(n)
            }
            if handler.failure != nil { return }
        }
    }
}

/// Records events onto one tape, kept inline by the parser's callbacks so that recording an
/// event touches no reference count.
struct TapeWriter {
    private unowned(unsafe) let tape: EventTape
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    /// Bytes recorded so far.
    private(set) var count = 0

    /// A writer that starts `tape` afresh.
    init(_ tape: EventTape) {
        self.tape = tape
        base = tape.storage
        capacity = tape.capacity
    }

    /// Ends writing: the tape holds what was recorded.
    func close() { tape.count = count }

    /// Room for `n` more bytes, growing the buffer for an event larger than the rest.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: c, alignment: 8)
        bigger.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = bigger
        capacity = c
        // The tape owns the buffer, so a tape dropped mid-write frees the right one.
        tape.storage = bigger
        tape.capacity = c
    }

    @inline(__always)
    private mutating func word(_ w: UInt64) {
        base.storeBytes(of: w, toByteOffset: count, as: UInt64.self)
        count += 8
    }

    @inline(__always)
    private mutating func pointer(_ p: UnsafePointer<xmlChar>?) {
        word(UInt64(UInt(bitPattern: p)))
    }

    @inline(__always)
    private mutating func bytes(_ p: UnsafePointer<xmlChar>, _ n: Int) {
        (base + count).copyMemory(from: p, byteCount: n)
        count += EventTape.padded(n)
    }

    /// Records a start tag with libxml2's SAX2 attribute array (5 pointers per attribute).
    mutating func recordStart(_ local: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
                              _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ n: Int) {
        var size = 24 + n * 32
        for i in 0..<n {
            let a = attributes! + i * 5
            if let b = a[3], let e = a[4] { size += EventTape.padded(e - b) }
        }
        reserve(size)
        word(EventTape.start | UInt64(n) << 8)
        pointer(local)
        pointer(uri)
        for i in 0..<n {
            let a = attributes! + i * 5
            pointer(a[0])
            pointer(a[1])
            pointer(a[2])
            if let b = a[3], let e = a[4] {
                word(UInt64(e - b))
                bytes(b, e - b)
            } else {
                word(0)
            }
        }
    }

    /// Records an end tag.
    @inline(__always)
    mutating func recordEnd(_ local: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        reserve(24)
        word(EventTape.end)
        pointer(local)
        pointer(uri)
    }

    /// Records character data.
    @inline(__always)
    mutating func recordText(_ p: UnsafePointer<xmlChar>, _ n: Int) {
        reserve(8 + EventTape.padded(n))
        word(EventTape.text | UInt64(n) << 8)
        bytes(p, n)
    }
}

/// The attribute array handed to a handler during replay, in libxml2's layout.
struct AttributeScratch: ~Copyable {
    private var base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>
    private var capacity: Int

    init() {
        capacity = 16
        base = .allocate(capacity: capacity * 5)
    }

    deinit { base.deallocate() }

    mutating func room(for n: Int) -> UnsafeMutablePointer<UnsafePointer<xmlChar>?> {
        if n > capacity {
            base.deallocate()
            capacity = n
            base = .allocate(capacity: n * 5)
        }
        return base
    }
}
