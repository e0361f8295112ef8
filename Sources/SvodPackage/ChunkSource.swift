import Foundation
import SvodWorkbook
import SvodXML
import SvodZip

/// Bytes arriving in chunks: a zip entry being inflated, or a plain file being read.
public protocol ChunkSource: AnyObject {
    /// The next chunk, valid until the next call; nil at the end.
    func nextChunk() throws -> UnsafeRawBufferPointer?
    /// Releases the source early; safe to call twice.
    func close()
}

extension ZipEntryReader: ChunkSource {}

/// A plain file read in fixed chunks (flat ODF).
public final class FileChunkSource: ChunkSource {
    private var fd: Int32
    private let buffer: UnsafeMutableRawBufferPointer

    /// Opens the file at `path`.
    public init(path: String, chunkSize: Int = 256 << 10) throws {
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ReadError.cannotOpen(path)
        }
        buffer = .allocate(byteCount: chunkSize, alignment: 16)
    }

    deinit {
        close()
        buffer.deallocate()
    }

    public func nextChunk() throws -> UnsafeRawBufferPointer? {
        guard fd >= 0 else { return nil }
        let n = read(fd, buffer.baseAddress, buffer.count)
        if n < 0 {
            throw ReadError(.io, .init(ru: "ошибка чтения файла", en: "file read error"))
        }
        return n == 0 ? nil : UnsafeRawBufferPointer(rebasing: buffer[0..<n])
    }

    public func close() {
        if fd >= 0 { _ = Foundation.close(fd); fd = -1 }
    }
}

/// Parsing whole parts of a zip package through a handler.
public enum PackagePart {
    /// Streams the part named `part` through `handler`; errors name the part.
    public static func parse(_ part: String, in archive: ZipArchive, handler: XMLHandler, limits: XMLLimits) throws {
        try stream(part, in: archive, handler: handler, limits: limits).drain()
    }

    /// Streams `entry` chunk by chunk through a tag scanner whose handlers write into `output`,
    /// flushing as it fills: a part copied with changes in constant memory. Errors name the part.
    public static func scan(_ entry: ZipEntry, in archive: ZipArchive, with scanner: XMLTagScanner, output: XMLWriter) throws {
        do {
            let reader = try archive.open(entry, prefetch: entry.declaredSize >= inflateAheadSize)
            defer { reader.close() }
            while let chunk = try reader.nextChunk() {
                try scanner.feed(chunk)
                try output.flushIfFull()
            }
            try scanner.finish()
            try output.flush()
        } catch let refused as PatchUnsupported {
            throw refused
        } catch {
            throw ReadError.wrap(error, part: entry.name)
        }
    }

    /// Opens the part as a chunked stream through `handler`; big parts inflate on a second thread.
    public static func stream(_ part: String, in archive: ZipArchive, handler: XMLHandler,
                              limits: XMLLimits) throws -> XMLStream {
        guard let entry = archive.entry(named: part) else { throw ReadError.missingPart(part) }
        do {
            let reader = try archive.open(entry, prefetch: entry.declaredSize >= inflateAheadSize)
            return XMLStream(source: reader, part: entry.name, handler: handler, limits: limits)
        } catch {
            throw ReadError.wrap(error, part: part)
        }
    }

    /// The declared size from which a part is inflated on a second thread: a school's form
    /// (a few kilobytes a sheet) is read before a thread would have started, and in a batch run
    /// the second core is taken by the run's other work.
    public static let inflateAheadSize: Int64 = 1 << 20

    /// The default size from which a part is parsed on a thread of its own (about 20,000
    /// cells of XLSX): below it a thread does not pay for itself.
    public static let parseAheadSize: Int64 = 2 << 20

    /// Opens the part for row streaming, with a second thread inflating ahead when the part is
    /// declared at least `inflateAheadSize` bytes, and a third parsing ahead from `parseAhead`.
    public static func rows<P: RowProducer>(_ entry: ZipEntry, in archive: ZipArchive, producer: P,
                                            limits: XMLLimits, parseAhead: Int64 = parseAheadSize) throws -> PartRowReader<P> {
        do {
            let source = try archive.open(entry, prefetch: entry.declaredSize >= inflateAheadSize)
            return PartRowReader(source: source, part: entry.name, producer: producer, limits: limits,
                                 ahead: entry.declaredSize >= parseAhead)
        } catch {
            throw ReadError.wrap(error, part: entry.name)
        }
    }
}

/// A sheet with no cells (chart sheets, dialog sheets).
public final class EmptyRowReader: SheetRowReader {
    /// An empty sheet.
    public init() {}
    public func nextRow() throws -> Row? { nil }
    public var merges: [CellRange] { [] }
}

/// Bytes already in memory, handed out in chunks like a file.
public final class MemoryChunkSource: ChunkSource {
    private let bytes: [UInt8]
    private let chunkSize: Int
    private var offset = 0
    private var scratch: UnsafeMutableRawBufferPointer

    /// A source over `bytes`.
    public init(bytes: [UInt8], chunkSize: Int = 256 << 10) {
        self.bytes = bytes
        self.chunkSize = chunkSize
        scratch = .allocate(byteCount: chunkSize, alignment: 16)
    }

    deinit { scratch.deallocate() }

    public func nextChunk() throws -> UnsafeRawBufferPointer? {
        guard offset < bytes.count else { return nil }
        let n = min(chunkSize, bytes.count - offset)
        bytes.withUnsafeBytes { src in
            scratch.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<(offset + n)]))
        }
        offset += n
        return UnsafeRawBufferPointer(rebasing: scratch[0..<n])
    }

    public func close() { offset = bytes.count }
}
