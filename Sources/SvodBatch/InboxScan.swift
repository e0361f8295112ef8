#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What the inbox holds now: the files ready to be taken, and those left for a later run
/// because a program may still be writing them.
public struct InboxScan {
    /// A file ready to be taken.
    public struct Ready: Equatable, Sendable {
        public let path: String
        /// Its path below the inbox.
        public let relative: String
        public let size: Int64
        public let modified: Date
    }

    /// A file left for the next run, and why.
    public struct Waiting: Equatable, Sendable {
        public let path: String
        public let reason: WaitReason
    }

    /// Why a file is not taken yet.
    public enum WaitReason: String, Sendable {
        /// Changed less than the settle interval ago.
        case settling
        /// A program holds a lock on it.
        case locked
    }

    public private(set) var ready: [Ready] = []
    public private(set) var waiting: [Waiting] = []

    /// Names programs give files while writing them, and the office programs' lock files: never inputs.
    public static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("~$") || name.hasPrefix(".~lock") || name.hasSuffix("#")
            || [".part", ".tmp", ".crdownload", ".partial", ".swp"].contains { name.lowercased().hasSuffix($0) }
    }

    /// Scans `inbox` (its subfolders too, not following links); a file counts as complete once
    /// unchanged for `settle` seconds before `now` and not locked by its writer.
    public init(inbox: String, settle: TimeInterval, now: Date = Date()) throws {
        guard let walker = FileManager.default.enumerator(atPath: inbox) else {
            throw BatchSettingsError(.init(ru: "папка входящих «\(inbox)» не читается", en: "the inbox '\(inbox)' cannot be read"))
        }
        var found: [Ready] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            let path = (inbox as NSString).appendingPathComponent(relative)
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                if name.hasPrefix(".") { walker.skipDescendants() }
                continue
            }
            guard (st.st_mode & S_IFMT) == S_IFREG, !Self.isTemporaryName(name) else { continue }
            let modified = Date(timeIntervalSince1970: TimeInterval(st.st_mtim.tv_sec) + TimeInterval(st.st_mtim.tv_nsec) / 1e9)
            if now.timeIntervalSince(modified) < settle {
                waiting.append(Waiting(path: path, reason: .settling))
            } else if Self.isLocked(path) {
                waiting.append(Waiting(path: path, reason: .locked))
            } else {
                found.append(Ready(path: path, relative: relative, size: Int64(st.st_size), modified: modified))
            }
        }
        // Oldest first: what arrived first is answered first; the name breaks ties, so runs agree.
        ready = found.sorted { ($0.modified, $0.relative) < ($1.modified, $1.relative) }
    }

    /// Whether another process holds a lock on the file (flock, or a POSIX record lock for writing).
    static func isLocked(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) != 0 { return errno == EWOULDBLOCK }
        flock(fd, LOCK_UN)
        var lock = flock_t()
        lock.l_type = Int16(F_RDLCK)
        lock.l_whence = Int16(SEEK_SET)
        guard fcntl(fd, F_GETLK, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }
}

#if canImport(Glibc)
typealias flock_t = Glibc.flock
#endif
