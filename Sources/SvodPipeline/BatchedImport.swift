import Foundation

/// An import of many files as `svod import` and the batch run make it: files are checked one by
/// one in input order and committed in batches (one flush to disk and one transaction for up to
/// `batchSize` files or `batchSeconds` of checking), each batch committed on a thread of its own
/// while the next one is checked. Each file is still wholly in the store or not at all, and
/// judged as if imported alone in this order.
public struct BatchedImport {
    public let importer: Importer
    /// Files committed together at most.
    public var batchSize = 200
    /// A batch is committed once its first file was checked this long ago, so that a slow run
    /// still reports (and a concurrent import gets the store) every second or so.
    public var batchSeconds: TimeInterval = 1

    /// A run through `importer`.
    public init(importer: Importer) {
        self.importer = importer
    }

    /// Imports `paths`; `checked` sees the number of files checked so far, `committed` each batch's
    /// results once they are in the store, in input order. Throws when the store fails (the
    /// batches committed before stay, the rest is not recorded).
    public func run<Paths: Sequence<String>>(_ paths: Paths, checked: (Int) -> Void = { _ in },
                    committed: ([(path: String, result: Importer.Result)]) -> Void) throws {
        let writer = BackgroundStep<[(path: String, result: Importer.Result)]>(label: "svod.import.commit")
        var batch: [(path: String, prepared: Importer.Prepared)] = []
        func start(_ batch: [(path: String, prepared: Importer.Prepared)]) {
            guard !batch.isEmpty else { return }
            writer.start { [importer] in Array(zip(batch.map(\.path), try importer.commit(batch.map(\.prepared)))).map { (path: $0.0, result: $0.1) } }
        }
        var started = Date()
        for (i, path) in paths.enumerated() {
            if batch.isEmpty { started = Date() }
            batch.append((path, try importer.prepare(path)))
            checked(i + 1)
            if batch.count >= batchSize || Date().timeIntervalSince(started) >= batchSeconds {
                if let done = try writer.wait() { committed(done) }
                start(batch)
                batch = []
            }
        }
        if let done = try writer.wait() { committed(done) }
        start(batch)
        if let done = try writer.wait() { committed(done) }
    }
}
