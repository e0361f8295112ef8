#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An output file that appears whole or not at all: written under a hidden temporary name
/// in the target's folder (so the rename cannot cross file systems), renamed over the target
/// on `commit()` with the usual permissions under the umask (mkstemp makes 0600), removed on `discard()` or when dropped uncommitted.
public final class AtomicFile {
    /// The file finally written.
    public let target: String
    /// The temporary file being written; hand it to whatever produces the bytes.
    public let temporaryPath: String
    private var fd: Int32
    private var finished = false

    /// Creates the temporary file beside `target`; the target itself is not touched.
    public init(target: String) throws {
        self.target = target
        let url = URL(fileURLWithPath: target)
        let dir = url.deletingLastPathComponent().path
        var template = Array((dir + "/." + url.lastPathComponent + ".svod-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw IOFailure.errno("не удалось создать файл в папке", "cannot create a file in folder", path: dir)
        }
        self.fd = fd
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        Interruption.register(temporaryPath)
    }

    deinit { discard() }

    /// Appends bytes to the temporary file (for writers that do not open the path themselves).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw IOFailure.errno("не удалось записать", "cannot write", path: target) }
            done += n
        }
    }

    /// Flushes the temporary file to disk and renames it over the target.
    ///
    /// The file is reopened by path: a writer such as libzip may have replaced it with a
    /// file of its own under the same name.
    public func commit() throws {
        precondition(!finished, "AtomicFile committed twice")
        if fd >= 0 { close(fd); fd = -1 }
        let synced = open(temporaryPath, O_RDONLY | O_CLOEXEC)
        guard synced >= 0 else {
            let e = IOFailure.errno("не удалось записать", "cannot write", path: target)
            discard()
            throw e
        }
        fchmod(synced, 0o666 & ~AtomicFile.umaskValue)
        let ok = fsync(synced) == 0 || errno == EINVAL
        close(synced)
        guard ok, rename(temporaryPath, target) == 0 else {
            let e = IOFailure.errno("не удалось сохранить", "cannot save", path: target)
            discard()
            throw e
        }
        finished = true
        Interruption.unregister(temporaryPath)
    }

    /// The process's umask, read without changing it (`umask()` can only be read by setting
    /// it, which would race with other threads creating files).
    private static let umaskValue: mode_t = {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
           let mask = mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) {
            return mask
        }
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()

    /// Removes the temporary file; the target stays as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporaryPath)
        Interruption.unregister(temporaryPath)
    }
}
