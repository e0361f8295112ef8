#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SvodLocale

/// The lock that keeps two batch runs over one store from overlapping: an exclusive `flock` on a
/// file beside the store, held while the process lives (the kernel drops it when the process
/// dies, however it dies, so a killed run never leaves a stale lock).
public final class RunLock {
    public let path: String
    private let fd: Int32

    /// Takes the lock or throws `RunLockHeld` at once (no waiting).
    public init(store: String) throws {
        path = store + ".batch-lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw BatchSettingsError(.init(ru: "не создать замок «\(path)»: \(String(cString: strerror(errno)))",
                                           en: "cannot create the lock '\(path)': \(String(cString: strerror(errno)))"))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw RunLockHeld(path: path)
        }
        self.fd = fd
        // Who holds it, for a person looking at the folder; the lock itself is the flock.
        ftruncate(fd, 0)
        let text = "\(getpid())\n"
        _ = text.withCString { write(fd, $0, strlen($0)) }
    }

    deinit { close(fd) }
}

/// Another run holds the lock.
public struct RunLockHeld: LocalizedFailure {
    public let path: String
    public var kind: FailureKind { .unreadable }
    public var message: LocalizedText {
        .init(ru: "другой запуск svod batch уже работает с этим хранилищем (замок «\(path)»); этот завершён",
              en: "another svod batch run is working on this store (lock '\(path)'); this one stopped")
    }
}
