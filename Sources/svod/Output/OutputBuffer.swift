import Foundation

/// Buffered output to standard output or a file: one syscall per 64 KiB instead of one per cell.
final class OutputBuffer {
    private var bytes: [UInt8] = []
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    /// The first failure of the sink; the bytes after it are dropped.
    private(set) var failure: Error?

    /// Writes to standard output.
    convenience init() {
        self.init { p in
            // write(2) on descriptor 1: stdio's FILE globals are off limits under Swift 6 concurrency.
            var offset = 0
            while offset < p.count {
                let n = Foundation.write(1, p.baseAddress! + offset, p.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }

    /// Writes through `sink` (an `AtomicFile`, say).
    init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
        bytes.reserveCapacity(1 << 16)
    }

    deinit { flush() }

    func write(_ s: String) {
        bytes.append(contentsOf: s.utf8)
        if bytes.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !bytes.isEmpty else { return }
        if failure == nil {
            do { try bytes.withUnsafeBytes { try sink($0) } } catch { failure = error }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
