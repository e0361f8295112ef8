import CLibZip
import CZlib
import Foundation
import SvodIO
import SvodLocale

/// Writes a zip archive through libzip, entry by entry, in the order added.
///
/// libzip reads entry data only at `close()`; big parts are therefore compressed ahead of
/// time into a `DeflateSpool` and handed to libzip as already-deflated data (a source that
/// declares its compression method, size and CRC), which libzip copies without recompressing.
public final class ZipWriter {
    private var archive: OpaquePointer?
    private let path: String
    /// Contexts of callback sources, kept alive until libzip has read them at close.
    private var sources: [SegmentSource] = []
    /// Archives entries are copied from, kept open until libzip has read them at close.
    private var copiedFrom: [ZipArchive] = []
    /// The time every entry is dated with (seconds since 1970, UTC); nil for now.
    public var modified: time_t?

    /// Creates (or truncates) the archive at `path`.
    public init(path: String) throws {
        self.path = path
        var code: Int32 = 0
        guard let za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else {
            throw ZipWriteError("zip_open: error \(code)", path: path)
        }
        archive = za
    }

    deinit { discard() }

    /// Adds an entry stored without compression (an ODF `mimetype`).
    public func addStored(_ name: String, _ bytes: [UInt8]) throws {
        let index = try addBuffer(name, bytes)
        guard zip_set_file_compression(archive, index, ZIP_CM_STORE, 0) == 0 else { throw failure("zip_set_file_compression") }
    }

    /// Adds an entry from already-deflated segments, laid end to end in order.
    public func add(_ name: String, segments: [DeflatedSegment]) throws {
        precondition(segments.last?.isFinal == true && segments.dropLast().allSatisfy { !$0.isFinal },
                     "only the last segment may end the deflate stream")
        let context = SegmentSource(segments)
        guard let source = zip_source_function(archive, segmentSourceCallback,
                                               Unmanaged.passUnretained(context).toOpaque()) else {
            throw failure("zip_source_function")
        }
        sources.append(context)
        let index = zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8)
        guard index >= 0 else {
            zip_source_free(source)
            throw failure("zip_file_add")
        }
        try date(zip_uint64_t(index))
    }

    /// Adds `entry` of `source` as it is stored there, neither inflated nor compressed again;
    /// `source` stays open until the archive is written.
    public func addCopy(of entry: ZipEntry, from source: ZipArchive) throws {
        guard let data = zip_source_zip(archive, source.handle, zip_uint64_t(entry.index), zip_flags_t(ZIP_FL_COMPRESSED), 0, -1) else {
            throw failure("zip_source_zip")
        }
        copiedFrom.append(source)
        let index = zip_file_add(archive, entry.name, data, ZIP_FL_ENC_UTF_8)
        guard index >= 0 else {
            zip_source_free(data)
            throw failure("zip_file_add")
        }
        try date(zip_uint64_t(index))
    }

    private func date(_ index: zip_uint64_t) throws {
        guard let modified else { return }
        guard zip_file_set_mtime(archive, index, modified, 0) == 0 else { throw failure("zip_file_set_mtime") }
    }

    /// Writes the archive; after this, the file at `path` is complete.
    public func close() throws {
        guard let za = archive else { return }
        if zip_close(za) != 0 {
            let message = String(cString: zip_strerror(za))
            discard()
            throw ZipWriteError(message, path: path)
        }
        archive = nil
        sources.removeAll()
        copiedFrom.removeAll()
    }

    /// Abandons the archive; nothing more is written.
    public func discard() {
        if let za = archive { zip_discard(za) }
        archive = nil
        sources.removeAll()
    }

    private func addBuffer(_ name: String, _ bytes: [UInt8]) throws -> zip_uint64_t {
        // libzip frees the copy itself (freep = 1) once the archive is closed.
        let copy = malloc(max(bytes.count, 1))!
        bytes.withUnsafeBytes { if !$0.isEmpty { copy.copyMemory(from: $0.baseAddress!, byteCount: $0.count) } }
        guard let source = zip_source_buffer(archive, copy, zip_uint64_t(bytes.count), 1) else {
            free(copy)
            throw failure("zip_source_buffer")
        }
        let index = zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8)
        guard index >= 0 else {
            zip_source_free(source)
            throw failure("zip_file_add")
        }
        try date(zip_uint64_t(index))
        return zip_uint64_t(index)
    }

    private func failure(_ call: String) -> ZipWriteError {
        ZipWriteError("\(call): \(String(cString: zip_strerror(archive)))", path: path)
    }
}

/// A zip archive could not be written.
public struct ZipWriteError: LocalizedFailure, CustomStringConvertible {
    public let message: LocalizedText
    public var kind: FailureKind { .unreadable }

    init(_ why: String, path: String) {
        message = .init(ru: "не удалось записать архив «\(path)»: \(why)", en: "cannot write archive '\(path)': \(why)")
    }

    public var description: String { message.en }
}

/// What libzip reads an entry from: the segments' compressed bytes, one after another.
private final class SegmentSource {
    let segments: [DeflatedSegment]
    let size: Int
    let compressedSize: Int
    let crc: UInt
    var segment = 0
    var offsetInSegment = 0
    var zipError = zip_error_t()

    init(_ segments: [DeflatedSegment]) {
        self.segments = segments
        size = segments.reduce(0) { $0 + $1.uncompressedCount }
        compressedSize = segments.reduce(0) { $0 + $1.compressedCount }
        var crc = crc32(0, nil, 0)
        for s in segments { crc = crc32_combine(crc, UInt(s.crc), off_t(s.uncompressedCount)) }
        self.crc = crc
        zip_error_init(&zipError)
    }

    func read(_ data: UnsafeMutableRawPointer, _ length: Int) -> Int {
        var done = 0
        while done < length, segment < segments.count {
            let s = segments[segment]
            let n = min(length - done, s.compressedCount - offsetInSegment)
            if n == 0 { segment += 1; offsetInSegment = 0; continue }
            do {
                try s.read(into: UnsafeMutableBufferPointer(start: (data + done).assumingMemoryBound(to: UInt8.self), count: n),
                                 at: s.offset + offsetInSegment)
            } catch {
                zip_error_set(&zipError, ZIP_ER_READ, EIO)
                return -1
            }
            offsetInSegment += n
            done += n
        }
        return done
    }
}

private func segmentSourceCallback(_ userdata: UnsafeMutableRawPointer?, _ data: UnsafeMutableRawPointer?,
                                   _ length: zip_uint64_t, _ command: zip_source_cmd_t) -> zip_int64_t {
    let source = Unmanaged<SegmentSource>.fromOpaque(userdata!).takeUnretainedValue()
    switch command {
    case ZIP_SOURCE_OPEN:
        source.segment = 0
        source.offsetInSegment = 0
        return 0
    case ZIP_SOURCE_READ:
        return zip_int64_t(source.read(data!, Int(min(length, zip_uint64_t(Int.max)))))
    case ZIP_SOURCE_CLOSE, ZIP_SOURCE_FREE:
        return 0
    case ZIP_SOURCE_STAT:
        let st = data!.assumingMemoryBound(to: zip_stat_t.self)
        zip_stat_init(st)
        // Declaring the method, sizes and CRC tells libzip the bytes are deflated already.
        st.pointee.valid = zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD
                                        | ZIP_STAT_CRC | ZIP_STAT_ENCRYPTION_METHOD)
        st.pointee.size = zip_uint64_t(source.size)
        st.pointee.comp_size = zip_uint64_t(source.compressedSize)
        st.pointee.comp_method = zip_uint16_t(ZIP_CM_DEFLATE)
        st.pointee.crc = zip_uint32_t(source.crc)
        st.pointee.encryption_method = zip_uint16_t(ZIP_EM_NONE)
        return zip_int64_t(MemoryLayout<zip_stat_t>.size)
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&source.zipError, data, length)
    case ZIP_SOURCE_SUPPORTS:
        // zip_source_make_command_bitmap is variadic, which Swift cannot call; it ORs 1 << cmd.
        let supported = [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                         ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SUPPORTS]
        return supported.reduce(0) { $0 | (zip_int64_t(1) << zip_int64_t($1.rawValue)) }
    default:
        zip_error_set(&source.zipError, ZIP_ER_OPNOTSUPP, 0)
        return -1
    }
}
