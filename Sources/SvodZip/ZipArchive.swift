import CLibZip
import Foundation
import SvodLocale

/// A zip archive opened for reading, with its directory checked against hostile tricks.
public final class ZipArchive: @unchecked Sendable {
    /// The entries in central-directory order.
    public let entries: [ZipEntry]
    /// The limits this archive is read under.
    public let limits: ZipLimits

    let handle: OpaquePointer
    private var byKey: [String: Int] = [:]
    private let ownedBytes: ArchiveBytes?
    /// Where the archive came from, so that a second handle can be opened on it.
    private let path: String?
    /// Inflated bytes so far, shared with handles opened by `reopen()`.
    private let inflation: InflationCounter
    /// libzip reads every entry through the archive's one file source, which is not safe to
    /// use from two threads; readers of different entries (each maybe on a prefetch thread)
    /// take turns through this lock.
    let ioLock = NSLock()

    /// Opens the archive at `path`.
    public convenience init(path: String, limits: ZipLimits = .default) throws {
        var code: Int32 = 0
        guard let za = zip_open(path, ZIP_RDONLY, &code) else {
            throw ZipArchive.openError(code: code, path: path)
        }
        try self.init(handle: za, owned: nil, path: path, limits: limits, inflation: InflationCounter())
    }

    /// Opens an archive held in memory (tests, fuzzing, uploads).
    public convenience init(bytes: [UInt8], limits: ZipLimits = .default) throws {
        let owned = ArchiveBytes(bytes)
        let za = try ZipArchive.openMemory(owned)
        try self.init(handle: za, owned: owned, path: nil, limits: limits, inflation: InflationCounter())
    }

    /// libzip reads from a buffer it does not own: `bytes` lives as long as the handle.
    private static func openMemory(_ bytes: ArchiveBytes) throws -> OpaquePointer {
        var code: Int32 = 0
        guard let za = svodOpenBuffer(bytes.buffer, &code) else {
            throw code == -1 ? ZipError.io("zip_source_buffer_create failed")
                : ZipArchive.classify(code: code, leading: Array(bytes.buffer.prefix(4)))
        }
        return za
    }

    private init(handle: OpaquePointer, owned: ArchiveBytes?, path: String?, limits: ZipLimits,
                 inflation: InflationCounter) throws {
        self.handle = handle
        self.ownedBytes = owned
        self.path = path
        self.limits = limits
        self.inflation = inflation
        do {
            self.entries = try ZipArchive.listEntries(handle, limits: limits)
        } catch {
            zip_discard(handle)
            throw error
        }
        for e in entries { byKey[ZipName.key(e.name)] = e.index }
    }

    deinit {
        zip_discard(handle)
    }

    /// The entry with this part name, compared ignoring ASCII case and slash direction.
    public func entry(named name: String) -> ZipEntry? {
        byKey[ZipName.key(ZipName.normalize(name))].map { entries[$0] }
    }

    /// Reads a whole entry into memory; meant for small parts (relationships, styles, manifests).
    public func read(_ entry: ZipEntry, maxBytes: Int64? = nil) throws -> [UInt8] {
        let reader = try open(entry, maxBytes: maxBytes)
        var out: [UInt8] = []
        out.reserveCapacity(Int(min(max(entry.declaredSize, 0), 1 << 24)))
        while let chunk = try reader.nextChunk() {
            out.append(contentsOf: chunk)
        }
        return out
    }

    /// Opens an entry for streaming; with `prefetch` a second thread inflates ahead of the reader.
    public func open(_ entry: ZipEntry, prefetch: Bool = false, chunkSize: Int = 256 << 10,
                     maxBytes: Int64? = nil) throws -> ZipEntryReader {
        // An honest header already tells a bomb: refuse it before inflating a byte.
        var budget = EntryBudget(entry: entry, limits: limits, maxBytes: maxBytes, archive: self)
        try budget.checkDeclared()
        ioLock.lock()
        let opened = zip_fopen_index(handle, UInt64(entry.index), 0)
        let failure = opened == nil ? entryOpenError(entry) : nil
        ioLock.unlock()
        guard let file = opened else { throw failure! }
        return ZipEntryReader(archive: self, file: file, budget: budget, chunkSize: chunkSize, prefetch: prefetch)
    }

    /// Adds inflated bytes to the archive-wide total; false once the total passes its limit.
    func account(_ n: Int) -> Bool {
        inflation.add(Int64(n)) <= limits.maxTotalSize
    }

    /// A second, independent handle on the same archive, for reading another entry on another
    /// thread in parallel (libzip handles are not shareable across threads). Inflated bytes
    /// still count against this archive's total.
    public func reopen() throws -> ZipArchive {
        if let path {
            var code: Int32 = 0
            guard let za = zip_open(path, ZIP_RDONLY, &code) else { throw ZipArchive.openError(code: code, path: path) }
            return try ZipArchive(handle: za, owned: nil, path: path, limits: limits, inflation: inflation)
        }
        // Both handles read the one immutable copy of the bytes.
        let bytes = ownedBytes ?? ArchiveBytes([])
        return try ZipArchive(handle: ZipArchive.openMemory(bytes), owned: bytes, path: nil, limits: limits,
                              inflation: inflation)
    }

    private func entryOpenError(_ entry: ZipEntry) -> ZipError {
        let code = zip_error_code_zip(zip_get_error(handle))
        switch code {
        case ZIP_ER_ENCRNOTSUPP, ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD:
            return .encryptedEntry(entry.name)
        default:
            return .damaged(String(cString: zip_strerror(handle)))
        }
    }

    private static func listEntries(_ za: OpaquePointer, limits: ZipLimits) throws -> [ZipEntry] {
        let count = zip_get_num_entries(za, 0)
        guard count >= 0 else { throw ZipError.damaged(String(cString: zip_strerror(za))) }
        if count > limits.maxEntries {
            throw ZipError.limit(.init(ru: "в архиве \(count) элементов, допускается не более \(limits.maxEntries)",
                                       en: "the archive lists \(count) entries, at most \(limits.maxEntries) allowed"))
        }
        var result: [ZipEntry] = []
        result.reserveCapacity(Int(count))
        var seen = Set<String>()
        for i in 0..<UInt64(count) {
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat_index(za, i, 0, &st) == 0, let cname = st.name else {
                throw ZipError.damaged(String(cString: zip_strerror(za)))
            }
            let raw = String(cString: cname)
            let name = ZipName.normalize(raw)
            guard ZipName.isSafe(name) else { throw ZipError.unsafeName(raw) }
            guard seen.insert(ZipName.key(name)).inserted else { throw ZipError.duplicateName(name) }
            if st.encryption_method != 0 { throw ZipError.encryptedEntry(name) }
            // Zip64 sizes are 64-bit unsigned; beyond Int64 no real file goes.
            guard let size = Int64(exactly: st.size), let compressed = Int64(exactly: st.comp_size) else {
                throw ZipError.damaged("entry '\(name)' declares an impossible size")
            }
            result.append(ZipEntry(index: Int(i), name: name, declaredSize: size,
                                   compressedSize: compressed, method: Int(st.comp_method)))
        }
        return result
    }

    private static func openError(code: Int32, path: String) -> ZipError {
        if code == ZIP_ER_OPEN || code == ZIP_ER_NOENT || code == ZIP_ER_READ {
            return .io(String(cString: strerror(errno)))
        }
        let leading: [UInt8] = {
            guard let fh = FileHandle(forReadingAtPath: path) else { return [] }
            defer { try? fh.close() }
            return [UInt8]((try? fh.read(upToCount: 4)) ?? Data())
        }()
        return classify(code: code, leading: leading)
    }

    /// A file that starts like a zip but will not open is damaged; anything else is not a zip.
    private static func classify(code: Int32, leading: [UInt8]) -> ZipError {
        let startsLikeZip = leading.count >= 2 && leading[0] == 0x50 && leading[1] == 0x4B
        var zerr = zip_error_t()
        zip_error_init_with_code(&zerr, code)
        defer { zip_error_fini(&zerr) }
        let text = String(cString: zip_error_strerror(&zerr))
        if code == ZIP_ER_NOZIP && !startsLikeZip { return .notZip }
        return .damaged(text)
    }
}

/// Tracks how much one entry has inflated and refuses it the moment it misbehaves.
struct EntryBudget {
    let entry: ZipEntry
    let limits: ZipLimits
    let maxBytes: Int64?
    unowned let archive: ZipArchive
    var inflated: Int64 = 0

    init(entry: ZipEntry, limits: ZipLimits, maxBytes: Int64?, archive: ZipArchive) {
        self.entry = entry
        self.limits = limits
        self.maxBytes = maxBytes
        self.archive = archive
    }

    /// Refuses what the header itself admits: too large, or compressed like a bomb.
    mutating func checkDeclared() throws {
        try checkSize(entry.declaredSize)
    }

    mutating func add(_ n: Int) throws {
        inflated += Int64(n)
        try checkSize(inflated)
        if inflated > entry.declaredSize {
            throw ZipError.corruptEntry(entry.name)
        }
        if !archive.account(n) {
            throw ZipError.limit(.init(
                ru: "архив распаковывается более чем в \(limits.maxTotalSize) байт",
                en: "the archive inflates past \(limits.maxTotalSize) bytes"))
        }
    }

    private func checkSize(_ size: Int64) throws {
        let cap = min(limits.maxEntrySize, maxBytes ?? Int64.max)
        if size > cap {
            throw ZipError.limit(.init(
                ru: "элемент «\(entry.name)» распаковывается более чем в \(cap) байт",
                en: "entry '\(entry.name)' inflates past \(cap) bytes"))
        }
        let (ratioCap, overflow) = max(entry.compressedSize, 1).multipliedReportingOverflow(by: limits.maxRatio)
        if size > limits.ratioGrace && !overflow && size > ratioCap {
            throw ZipError.limit(.init(
                ru: "элемент «\(entry.name)» сжат более чем в \(limits.maxRatio) раз (похоже на zip-бомбу)",
                en: "entry '\(entry.name)' is compressed more than \(limits.maxRatio):1 (a zip bomb?)"))
        }
    }

    func finish() throws {
        if inflated != entry.declaredSize { throw ZipError.corruptEntry(entry.name) }
    }
}

/// A thread-safe running total of inflated bytes.
final class InflationCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var total: Int64 = 0

    /// Adds `n` and returns the new total.
    func add(_ n: Int64) -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        total += n
        return total
    }
}

/// An archive's bytes held in memory, shared read-only by every handle opened on them.
final class ArchiveBytes: @unchecked Sendable {
    let buffer: UnsafeRawBufferPointer

    init(_ bytes: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        bytes.withUnsafeBytes { copy.copyMemory(from: $0) }
        buffer = UnsafeRawBufferPointer(copy)
    }

    deinit { buffer.deallocate() }
}

/// Opens a zip over a memory buffer; on failure returns nil with libzip's error code (or -1).
private func svodOpenBuffer(_ buffer: UnsafeRawBufferPointer, _ code: inout Int32) -> OpaquePointer? {
    var zerr = zip_error_t()
    zip_error_init(&zerr)
    defer { zip_error_fini(&zerr) }
    guard let source = zip_source_buffer_create(buffer.baseAddress, UInt64(buffer.count), 0, &zerr) else {
        code = -1
        return nil
    }
    guard let za = zip_open_from_source(source, ZIP_RDONLY, &zerr) else {
        code = zip_error_code_zip(&zerr)
        zip_source_free(source)
        return nil
    }
    return za
}
