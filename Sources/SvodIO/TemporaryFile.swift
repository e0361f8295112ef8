#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A scratch file with no name: created unlinked (O_TMPFILE where the system has it), so it
/// disappears when closed or when the process dies, and never shows up in any folder.
public final class TemporaryFile: @unchecked Sendable {
    private let fd: Int32

    /// Creates the file in the system's temporary directory.
    public init() throws {
        let dir = FileManager.default.temporaryDirectory.path
        #if os(Linux)
        var fd = open(dir, __O_TMPFILE | O_DIRECTORY | O_RDWR | O_CLOEXEC, 0o600)
        #else
        var fd: Int32 = -1
        #endif
        if fd < 0 {
            // No O_TMPFILE (or a filesystem without it): create, then unlink at once.
            var template = Array((dir + "/svod-XXXXXX").utf8CString)
            fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if fd >= 0 { template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) } }
        }
        guard fd >= 0 else {
            throw IOFailure.errno("не удалось создать временный файл в", "cannot create a temporary file in", path: dir)
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Writes all of `bytes` at `offset`.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) throws {
        try transfer(bytes.count, "write") { done in pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done)) }
    }

    /// Fills `buffer` from `offset`; a short file is an error.
    public func read(into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) throws {
        try transfer(buffer.count, "read") { done in pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done)) }
    }

    /// Repeats a partial pread/pwrite until `count` bytes moved; retries on EINTR.
    private func transfer(_ count: Int, _ op: String, _ call: (Int) -> Int) throws {
        var done = 0
        while done < count {
            let n = call(done)
            if n < 0 && errno == EINTR { continue }
            if n == 0 { throw IOFailure(.init(ru: "временный файл короче ожидаемого", en: "the temporary file is shorter than expected")) }
            guard n > 0 else { throw Self.failure(op) }
            done += n
        }
    }

    private static func failure(_ op: String) -> IOFailure {
        return IOFailure.errno("ошибка временного файла (\(op))", "temporary file \(op) failed")
    }
}
