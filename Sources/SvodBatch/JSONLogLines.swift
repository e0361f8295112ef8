#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import SvodLocale

/// swift-log's handler for the batch run: one JSON object per line — time, level, message and
/// every metadata item (`file`, `sha256`, `step`, `outcome`…) —, written to standard error or
/// appended to a file with one `write` per line, so lines of two processes never interleave.
public struct JSONLogLines: LogHandler {
    /// Where the lines go: an open descriptor shared by every copy of the handler.
    final class Sink: @unchecked Sendable {
        let fd: Int32
        let owned: Bool
        let lock = NSLock()
        init(fd: Int32, owned: Bool) { self.fd = fd; self.owned = owned }
        deinit { if owned { close(fd) } }

        func write(_ line: String) {
            var bytes = Array(line.utf8)
            bytes.append(UInt8(ascii: "\n"))
            lock.lock()
            defer { lock.unlock() }
            _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        }
    }

    private let sink: Sink
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info

    /// Lines to standard error.
    public static func standardError() -> JSONLogLines { JSONLogLines(sink: Sink(fd: 2, owned: false)) }

    /// Lines appended to `path` (created 0640 if missing).
    public static func file(_ path: String) throws -> JSONLogLines {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw BatchSettingsError(.init(ru: "журнал «\(path)» не открыть для записи: \(String(cString: strerror(errno)))",
                                           en: "the log '\(path)' cannot be opened for writing: \(String(cString: strerror(errno)))"))
        }
        return JSONLogLines(sink: Sink(fd: fd, owned: true))
    }

    private init(sink: Sink) {
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let own = event.metadata { all.merge(own) { $1 } }
        var fields = ["\"ts\":\(Self.quoted(Self.timestamp()))", "\"level\":\(Self.quoted(event.level.rawValue))",
                      "\"msg\":\(Self.quoted(event.message.description))"]
        for (k, v) in all.sorted(by: { $0.key < $1.key }) { fields.append("\(Self.quoted(k)):\(Self.json(v))") }
        sink.write("{" + fields.joined(separator: ",") + "}")
    }

    static func json(_ v: Logger.MetadataValue) -> String {
        switch v {
        case .string(let s): return quoted(s)
        case .stringConvertible(let c):
            let text = c.description
            return c is any BinaryInteger || c is Double ? text : quoted(text)
        case .array(let a): return "[" + a.map(json).joined(separator: ",") + "]"
        case .dictionary(let d): return "{" + d.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(json($0.value))" }.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ s: String) -> String { JSONString.literal(s) }

    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var t = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &t)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec,
                      Int(now.tv_nsec / 1_000_000))
    }
}
