import CZlib
import Foundation
import SvodIO

/// A run of raw-deflate data in a spool, ready to go into a zip entry as it is.
///
/// Segments that are not final end on a sync flush (byte-aligned, no end-of-stream mark),
/// so several segments laid end to end are one valid deflate stream: that is how a part
/// whose beginning is only known at the end (ODS `content.xml`) is still written in one pass.
public struct DeflatedSegment: @unchecked Sendable {
    let store: SpoolWorker
    /// Where the compressed bytes start in the spool.
    let offset: Int
    /// Compressed length.
    public let compressedCount: Int
    /// Length of the bytes that went in.
    public let uncompressedCount: Int
    /// CRC-32 of the bytes that went in.
    public let crc: UInt32
    /// Whether the segment ends the deflate stream.
    public let isFinal: Bool

    /// Reads compressed bytes back for the zip writer.
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) throws {
        try store.file.read(into: buffer, at: offset)
    }
}

/// Compresses a stream of bytes on a thread of its own into an unnamed temporary file.
///
/// The producer fills 256 KiB blocks while the worker deflates the previous one, so that
/// generating XML and compressing it use both cores; at most three blocks exist at a time,
/// which keeps memory flat however large the part grows.
public final class DeflateSpool: @unchecked Sendable {
    private let worker: SpoolWorker
    /// The block being filled; nil once a failure took it (the queue owns it then).
    private var current: UnsafeMutablePointer<UInt8>?
    private var filled = 0

    /// A spool compressing at zlib `level` (1 fastest … 9 smallest).
    public init(level: Int32) throws {
        worker = try SpoolWorker(level: level)
        current = worker.takeFreeBlock()
        // The thread holds the worker (not the spool), so it may start late or outlive a
        // spool dropped at once without touching freed memory.
        let w = worker
        let thread = Thread { w.run() }
        thread.name = "svod-deflate"
        thread.start()
    }

    deinit {
        if let current { worker.giveBack(current) }
        worker.stop()
    }

    /// Adds bytes to the current segment.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while !rest.isEmpty {
            guard let current else { throw worker.failed }
            let n = min(rest.count, SpoolWorker.blockSize - filled)
            (current + filled).update(from: rest.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
            filled += n
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            if filled == SpoolWorker.blockSize { try handOver() }
        }
    }

    /// Adds the UTF-8 of a string to the current segment.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Ends the current segment: with `final`, the end of a deflate stream; else a sync
    /// flush, for a segment that other segments will follow in the same entry.
    public func finishSegment(final: Bool) throws -> DeflatedSegment {
        if filled > 0 { try handOver() }
        return try worker.finishSegment(final: final)
    }

    private func handOver() throws {
        guard let block = current else { throw worker.failed }
        current = nil
        current = try worker.submit(block, filled)
        filled = 0
    }
}

/// The worker side of a spool: the zlib stream, the file, and the queue between the threads.
final class SpoolWorker: @unchecked Sendable {
    static let blockSize = 256 * 1024
    private static let blockCount = 3

    private enum Job {
        case block(UnsafeMutablePointer<UInt8>, Int)
        case end(final: Bool)
        case stop
    }

    let file: TemporaryFile
    private let lock = NSCondition()
    private var jobs: [Job] = []
    private var free: [UnsafeMutablePointer<UInt8>] = []
    private var finished: [DeflatedSegment] = []
    private var failure: Error?

    private var stream = z_stream()
    private let output: UnsafeMutablePointer<UInt8>
    private var fileSize = 0
    private var segmentStart = 0
    private var segmentIn = 0
    private var crc: UInt = 0

    init(level: Int32) throws {
        file = try TemporaryFile()
        output = .allocate(capacity: SpoolWorker.blockSize)
        for _ in 0..<SpoolWorker.blockCount { free.append(.allocate(capacity: SpoolWorker.blockSize)) }
        guard svod_deflateInit2(&stream, level) == Z_OK else {
            throw IOFailure(.init(ru: "не удалось запустить сжатие zlib", en: "cannot start zlib compression"))
        }
        crc = crc32(0, nil, 0)
    }

    deinit {
        deflateEnd(&stream)
        output.deallocate()
        for b in free { b.deallocate() }
        for case .block(let b, _) in jobs { b.deallocate() }
    }

    func takeFreeBlock() -> UnsafeMutablePointer<UInt8> {
        lock.lock()
        defer { lock.unlock() }
        return free.removeLast()
    }

    func giveBack(_ block: UnsafeMutablePointer<UInt8>) {
        lock.lock()
        free.append(block)
        lock.unlock()
    }

    /// The failure that stopped the worker, for calls after it.
    var failed: Error {
        lock.lock()
        defer { lock.unlock() }
        return failure ?? IOFailure(.init(ru: "сжатие прервано", en: "compression was interrupted"))
    }

    func stop() {
        lock.lock()
        jobs.append(.stop)
        lock.signal()
        lock.unlock()
    }

    /// Queues a filled block and returns an empty one, waiting while all are in use.
    func submit(_ block: UnsafeMutablePointer<UInt8>, _ count: Int) throws -> UnsafeMutablePointer<UInt8> {
        lock.lock()
        defer { lock.unlock() }
        if let failure { free.append(block); throw failure }  // the spool no longer holds `block`
        jobs.append(.block(block, count))
        lock.signal()
        while free.isEmpty && failure == nil { lock.wait() }
        if let failure { throw failure }
        return free.removeLast()
    }

    func finishSegment(final: Bool) throws -> DeflatedSegment {
        lock.lock()
        defer { lock.unlock() }
        let before = finished.count
        jobs.append(.end(final: final))
        lock.signal()
        while finished.count == before && failure == nil { lock.wait() }
        if let failure { throw failure }
        return finished.removeLast()
    }

    func run() {
        while true {
            lock.lock()
            while jobs.isEmpty { lock.wait() }
            let job = jobs.removeFirst()
            let failed = failure != nil
            lock.unlock()
            do {
                switch job {
                case .stop:
                    return
                case .block(let block, let count):
                    defer { giveBack(block); lock.lock(); lock.broadcast(); lock.unlock() }
                    if !failed {
                        crc = crc32(crc, block, uInt(count))
                        segmentIn += count
                        try deflateBlock(block, count, flush: Z_NO_FLUSH)
                    }
                case .end(let final):
                    guard !failed else { continue }
                    try deflateBlock(nil, 0, flush: final ? Z_FINISH : Z_SYNC_FLUSH)
                    let segment = DeflatedSegment(store: self, offset: segmentStart, compressedCount: fileSize - segmentStart,
                                                  uncompressedCount: segmentIn, crc: UInt32(crc), isFinal: final)
                    deflateReset(&stream)
                    segmentStart = fileSize
                    segmentIn = 0
                    crc = crc32(0, nil, 0)
                    lock.lock()
                    finished.append(segment)
                    lock.broadcast()
                    lock.unlock()
                }
            } catch {
                lock.lock()
                failure = error
                lock.broadcast()
                lock.unlock()
            }
        }
    }

    private func deflateBlock(_ block: UnsafeMutablePointer<UInt8>?, _ count: Int, flush: Int32) throws {
        stream.next_in = block
        stream.avail_in = uInt(count)
        repeat {
            stream.next_out = output
            stream.avail_out = uInt(SpoolWorker.blockSize)
            let status = deflate(&stream, flush)
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw IOFailure(.init(ru: "ошибка сжатия zlib (\(status))", en: "zlib compression failed (\(status))"))
            }
            let produced = SpoolWorker.blockSize - Int(stream.avail_out)
            if produced > 0 {
                try file.write(UnsafeBufferPointer(start: output, count: produced), at: fileSize)
                fileSize += produced
            }
        } while stream.avail_out == 0
    }
}
