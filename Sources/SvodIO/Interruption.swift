#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// SIGINT and SIGTERM for every command: a write in progress leaves no hidden temporary file
/// behind. By default the signal removes the temporary files of `AtomicFile`s not yet committed
/// and ends the process (status 130 / 143, as a shell reports a signal); a driver that stops
/// between steps (the batch run) asks for a graceful stop instead, and a second signal ends it.
public enum Interruption {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var temporaries: Set<String> = []
    nonisolated(unsafe) private static var graceful = false
    nonisolated(unsafe) private static var stopRequested = false
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers; `graceful`: the first signal only sets `requested`.
    public static func install(graceful: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        Self.graceful = graceful
        guard sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM] {
            // The signal is taken by the dispatch source on its own queue, not by a C handler,
            // so the clean-up may take locks and call into Foundation.
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: DispatchQueue(label: "svod.signal"))
            source.setEventHandler { received(sig) }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether a stop was asked for (graceful mode).
    public static var requested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopRequested
    }

    /// Asks for a stop as a signal would (tests, time budgets).
    public static func requestStop() {
        lock.lock()
        stopRequested = true
        lock.unlock()
    }

    static func register(_ path: String) {
        lock.lock()
        temporaries.insert(path)
        lock.unlock()
    }

    static func unregister(_ path: String) {
        lock.lock()
        temporaries.remove(path)
        lock.unlock()
    }

    private static func received(_ sig: Int32) {
        lock.lock()
        if graceful && !stopRequested {
            stopRequested = true
            lock.unlock()
            return
        }
        let paths = temporaries
        temporaries = []
        lock.unlock()
        for p in paths {
            unlink(p)
            // libzip writes an archive under a name of its own beside it (`<name>.XXXXXX`) and renames it at the end.
            let dir = (p as NSString).deletingLastPathComponent, base = (p as NSString).lastPathComponent + "."
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where entry.hasPrefix(base) {
                unlink((dir as NSString).appendingPathComponent(entry))
            }
        }
        _exit(128 + sig)
    }
}
