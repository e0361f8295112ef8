#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file written once and durably, for stores that keep what they were given (a school's
/// original file): the bytes go to an unnamed file in the target's folder (O_TMPFILE), are
/// flushed, and only then get their name (`linkat`), after which the folder is flushed too. A
/// process killed at any moment leaves the target whole or absent, and no temporary name behind.
public enum DurableFile {
    /// Writes `data` to `target` unless a file of that name already exists (content-addressed
    /// names: the same name is the same bytes). Where the system has no O_TMPFILE, a hidden
    /// temporary name and a rename are used instead (`AtomicFile`).
    ///
    /// `flush: false` leaves the flushing to one `flush(_:)` over a batch of files: a process
    /// killed still leaves each target whole or absent, and what a power loss may leave of an
    /// unflushed one (a name with fewer bytes) is for the caller to recognise by its content.
    public static func writeOnce(_ data: Data, to target: String, flush: Bool = true) throws {
        if FileManager.default.fileExists(atPath: target) { return }
        let dir = (target as NSString).deletingLastPathComponent
        #if os(Linux)
        let fd = open(dir, __O_TMPFILE | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o644)
        if fd >= 0 {
            defer { close(fd) }
            try data.withUnsafeBytes { try writeAll(fd, $0, target: target) }
            guard !flush || fsync(fd) == 0 else { throw IOFailure.errno("не удалось записать", "cannot write", path: target) }
            if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, target, AT_SYMLINK_FOLLOW) != 0 && errno != EEXIST {
                throw IOFailure.errno("не удалось сохранить", "cannot save", path: target)
            }
            if flush { syncFolder(dir) }
            return
        }
        #endif
        let file = try AtomicFile(target: target)
        try data.withUnsafeBytes { try file.write($0) }
        try file.commit()
        if flush { syncFolder(dir) }
    }

    /// Makes files written with `flush: false` (and their names) durable: on Linux one `syncfs`
    /// of their file system for the whole batch, elsewhere each file and its folder.
    public static func flush(_ targets: [String]) throws {
        guard let first = targets.first else { return }
        #if os(Linux)
        let fd = open((first as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            defer { close(fd) }
            guard linuxSyncfs(fd) == 0 else { throw IOFailure.errno("не удалось записать", "cannot write", path: first) }
            return
        }
        #endif
        for target in targets {
            let fd = open(target, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw IOFailure.errno("не удалось записать", "cannot write", path: target) }
            let failed = fsync(fd) != 0
            close(fd)
            if failed { throw IOFailure.errno("не удалось записать", "cannot write", path: target) }
        }
        for dir in Set(targets.map { ($0 as NSString).deletingLastPathComponent }) { syncFolder(dir) }
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, target: String) throws {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw IOFailure.errno("не удалось записать", "cannot write", path: target) }
            done += n
        }
    }

    /// Flushes a folder's entries, so a new name survives a power loss.
    public static func syncFolder(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}

#if os(Linux)
/// glibc's `syncfs(2)`, which its Swift module hides behind _GNU_SOURCE.
@_silgen_name("syncfs")
private func linuxSyncfs(_ fd: Int32) -> Int32
#endif
