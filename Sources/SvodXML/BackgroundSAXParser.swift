import CLibXML2
import Foundation

/// The hardened parser of `SAXParser`, run on a thread of its own a few batches ahead of the
/// handler: libxml2 records events on its thread, and `pump()` replays them into the handler
/// on the caller's.
///
/// For a big sheet libxml2 alone keeps a core busy, and a handler that builds cells keeps
/// another; one thread doing both was the critical path of a whole validation. On its own
/// thread libxml2 also pulls its input (`xmlParseDocument`), which is cheaper per byte than
/// pushing chunks. Handlers see the same events, in the same order, with the same failures.
public final class BackgroundSAXParser {
    private let handler: XMLHandler
    private let channel: TapeChannel
    private let recorder: TapeRecorder
    /// The parser's dictionary, kept past the parser: names on queued tapes point into it.
    private let dict: xmlDictPtr?
    private var scratch = AttributeScratch()
    private var started = false
    private var ended = false
    private var failed: Error?

    /// A parser of the bytes `input` returns (nil at the end; called on the parser's thread)
    /// that delivers events to `handler`.
    public init(handler: XMLHandler, limits: XMLLimits = .default,
                input: @escaping () throws -> UnsafeRawBufferPointer?) {
        self.handler = handler
        channel = TapeChannel(slots: 2, tapeSize: 512 << 10)
        recorder = TapeRecorder(input: input, channel: channel, maxDepth: limits.maxDepth)
        dict = recorder.ctxt?.pointee.dict
        handler.context = nil
        if let dict {
            xmlDictReference(dict)
            handler.prepare(XMLNameTable(dictionary: dict))
        }
    }

    deinit {
        stop()
        if let dict { xmlDictFree(dict) }
    }

    /// Replays the next batch of events into the handler; false once the document has ended.
    /// A failure is thrown again by every later call, as `SAXParser` does.
    public func pump() throws -> Bool {
        if let failed { throw failed }
        if ended { return false }
        do {
            return try replayNext()
        } catch {
            failed = error
            ended = true
            stop()
            throw error
        }
    }

    private func replayNext() throws -> Bool {
        if let failure = handler.failure { throw failure }
        if !started {
            guard recorder.ctxt != nil else { throw XMLError.noParser }
            started = true
            let recorder = self.recorder
            let thread = Thread { recorder.run() }
            thread.name = "svod-xml"
            thread.start()
        }
        switch channel.take() {
        case .tape(let tape):
            tape.replay(into: handler, scratch: &scratch)
            channel.recycle(tape)
            if let failure = handler.failure { throw failure }
            return true
        case .end(let failure):
            ended = true
            if let failure { throw failure }
            return false
        }
    }

    /// Stops the parser's thread and waits for it: after this nothing reads the input.
    public func stop() {
        guard started else { return }
        channel.cancelAndWait()
    }
}

/// The parser's side: libxml2 pulling from the input and recording events on tapes.
private final class TapeRecorder: @unchecked Sendable {
    private(set) var ctxt: xmlParserCtxtPtr?
    private let input: () throws -> UnsafeRawBufferPointer?
    private let channel: TapeChannel
    private let tapeSize: Int
    /// The tape being filled (held here; written only through `writer`).
    private var tape: EventTape?
    var writer: TapeWriter
    /// Whether events are still recorded: false once stopped or refused.
    private(set) var recording = false
    private let inputErrors = InputErrors()
    private var chunk = UnsafeRawBufferPointer(start: nil, count: 0)
    private var offset = 0
    var depth = 0
    let maxDepth: Int
    /// Why recording stopped early: a refused document, a failed input, or a stop request.
    var failure: Error?
    var cancelled = false

    init(input: @escaping () throws -> UnsafeRawBufferPointer?, channel: TapeChannel, maxDepth: Int) {
        self.input = input
        self.channel = channel
        self.maxDepth = maxDepth
        tapeSize = channel.tapeSize
        // A placeholder until `run` takes a tape from the channel; never written.
        let placeholder = EventTape(capacity: 8)
        tape = placeholder
        writer = TapeWriter(placeholder)
        var sax = xmlSAXHandler.svod(start: recordStart, end: recordEnd, text: recordText, doctype: refuseDoctype)
        // The recorder is both the SAX user data and the input's context: it owns the parser
        // (freed in its deinit), so it outlives every callback.
        let me = Unmanaged.passUnretained(self).toOpaque()
        ctxt = xmlCreateIOParserCtxt(&sax, me, readInput, nil, me, XML_CHAR_ENCODING_NONE)
        if let ctxt { harden(ctxt) }
    }

    deinit { if let ctxt { xmlFreeParserCtxt(ctxt) } }

    /// Parses the whole input on the calling thread, handing tapes to the channel.
    func run() {
        guard let ctxt else { return }
        inputErrors.listen()
        defer { InputErrors.stopListening() }
        tape = channel.emptyTape()
        if let tape {
            writer = TapeWriter(tape)
            recording = true
            xmlParseDocument(ctxt)
        } else {
            cancelled = true
        }
        var end: Error?
        if cancelled {
            end = nil
        } else if let failure {
            end = failure
        } else if ctxt.pointee.wellFormed == 0 {
            end = XMLError.malformed(ctxt, input: inputErrors)
        }
        // The events before a refusal are the handler's too, as they would be parsing inline.
        if let tape, !cancelled {
            writer.close()
            if tape.count > 0 { _ = channel.hand(tape) }
        }
        tape = nil
        channel.finish(end)
    }

    /// Stops the parse at once, for `reason` (nil: the reader went away).
    func stop(_ reason: Error?) {
        recording = false
        if let reason, failure == nil { failure = reason }
        if reason == nil { cancelled = true }
        if let ctxt { xmlStopParser(ctxt) }
    }

    /// After each event: a full tape goes to the reader.
    @inline(__always)
    func afterEvent() {
        if writer.count >= tapeSize { handOver() }
    }

    private func handOver() {
        writer.close()
        guard let full = tape, channel.hand(full), let next = channel.emptyTape() else {
            tape = nil
            stop(nil)
            return
        }
        tape = next
        writer = TapeWriter(next)
    }

    func read(into buffer: UnsafeMutablePointer<CChar>, _ length: Int) -> Int32 {
        // A reader gone away stops the input even where a stretch of the document records nothing.
        if cancelled || failure != nil || channel.isCancelled { return -1 }
        // libxml2 pulls as a file is read: a short read is taken for all there is for now, and
        // its look-ahead (the encoding, `<?xml`) would fail on a few bytes. So fill the buffer.
        var filled = 0
        while filled < length {
            if offset == chunk.count {
                do {
                    guard let next = try input() else { break }
                    chunk = next
                    offset = 0
                    if next.isEmpty { continue }
                } catch {
                    failure = error
                    return -1
                }
            }
            let n = min(length - filled, chunk.count - offset)
            (UnsafeMutableRawPointer(buffer) + filled).copyMemory(from: chunk.baseAddress! + offset, byteCount: n)
            offset += n
            filled += n
        }
        return Int32(filled)
    }

    @inline(__always)
    static func with(_ ctx: UnsafeMutableRawPointer?, _ body: (TapeRecorder) -> Void) {
        Unmanaged<TapeRecorder>.fromOpaque(ctx!)._withUnsafeGuaranteedRef(body)
    }
}

private let readInput: xmlInputReadCallback = { ctx, buffer, length in
    guard let buffer, length > 0 else { return 0 }
    var n: Int32 = 0
    TapeRecorder.with(ctx) { n = $0.read(into: buffer, Int(length)) }
    return n
}

private let recordStart: startElementNsSAX2Func = { ctx, localname, _, uri, _, _, nbAttributes, _, attributes in
    TapeRecorder.with(ctx) { r in
        guard r.recording else { return }
        r.depth += 1
        if r.depth > r.maxDepth {
            r.stop(XMLError.tooDeep(limit: r.maxDepth))
            return
        }
        r.writer.recordStart(localname, uri, attributes, Int(nbAttributes))
        r.afterEvent()
    }
}

private let recordEnd: endElementNsSAX2Func = { ctx, localname, _, uri in
    TapeRecorder.with(ctx) { r in
        guard r.recording else { return }
        r.depth -= 1
        r.writer.recordEnd(localname, uri)
        r.afterEvent()
    }
}

private let recordText: charactersSAXFunc = { ctx, ch, len in
    guard let ch, len > 0 else { return }
    TapeRecorder.with(ctx) { r in
        guard r.recording else { return }
        r.writer.recordText(ch, Int(len))
        r.afterEvent()
    }
}

private let refuseDoctype: internalSubsetSAXFunc = { ctx, _, _, _ in
    TapeRecorder.with(ctx) { $0.stop(XMLError.doctype) }
}

/// Full tapes from the parser's thread to the reader's, and empty ones back; bounded, so a
/// reader that falls behind holds the parser instead of piling up memory.
private final class TapeChannel: @unchecked Sendable {
    enum Item { case tape(EventTape), end(Error?) }

    let tapeSize: Int
    private let condition = NSCondition()
    private var full: [EventTape] = []
    private var empty: [EventTape]
    private var ending: Error??  // set once the parser has finished: .some(failure or nil)
    private var cancelled = false
    private var exited = false
    private var waitingForFull = false, waitingForEmpty = false
    /// How many tapes a waiting side waits for; with `slots` ≥ 2 neither can wait on the other
    /// forever (they hold all the tapes between them, and at least two are on one side).
    private static let batch = 2

    init(slots: Int, tapeSize: Int) {
        self.tapeSize = tapeSize
        // Two more than `slots`: the tape being filled and the one being replayed are out.
        empty = (0..<(slots + 2)).map { _ in EventTape(capacity: tapeSize + (tapeSize >> 2)) }
    }

    /// An empty tape for the parser, waiting for one; nil when the reader went away.
    func emptyTape() -> EventTape? {
        condition.lock()
        defer { condition.unlock() }
        if empty.isEmpty {
            // Once it has to wait, the parser waits for two: woken per tape, the two threads
            // would trade places hundreds of times a sheet, and the scheduler then tends to
            // stack them on one core.
            waitingForEmpty = true
            while empty.count < Self.batch && !cancelled { condition.wait() }
            waitingForEmpty = false
        }
        if cancelled { return nil }
        return empty.removeLast()
    }

    /// Queues a full tape for the reader; false when the reader went away.
    func hand(_ tape: EventTape) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if cancelled { return false }
        full.append(tape)
        if waitingForFull && full.count >= Self.batch { condition.broadcast() }
        return true
    }

    /// The parser's last word: the document ended, well or with `failure`.
    func finish(_ failure: Error?) {
        condition.lock()
        ending = .some(failure)
        exited = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next tape, or the end once every tape is taken.
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        if full.isEmpty && ending == nil {
            // As for the parser: once it has to wait, the reader waits for two tapes.
            waitingForFull = true
            while full.count < Self.batch && ending == nil { condition.wait() }
            waitingForFull = false
        }
        if !full.isEmpty { return .tape(full.removeFirst()) }
        return .end(ending!)
    }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// A replayed tape goes back to the parser.
    func recycle(_ tape: EventTape) {
        condition.lock()
        empty.append(tape)
        if waitingForEmpty && empty.count >= Self.batch { condition.broadcast() }
        condition.unlock()
    }

    /// Tells the parser to stop and waits until its thread has let go of the input.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !exited { condition.wait() }
        condition.unlock()
    }
}
