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
        let writer = Committer(importer)
        var batch: [(path: String, prepared: Importer.Prepared)] = []
        var started = Date()
        for (i, path) in paths.enumerated() {
            if batch.isEmpty { started = Date() }
            batch.append((path, try importer.prepare(path)))
            checked(i + 1)
            if batch.count >= batchSize || Date().timeIntervalSince(started) >= batchSeconds {
                if let done = try writer.finish() { committed(done) }
                writer.start(batch)
                batch = []
            }
        }
        if let done = try writer.finish() { committed(done) }
        writer.start(batch)
        if let done = try writer.finish() { committed(done) }
    }
}

/// One batch at a time committed on a serial queue; `finish` waits for it.
private final class Committer: @unchecked Sendable {
    private let importer: Importer
    private let queue = DispatchQueue(label: "svod.import.commit")
    private let group = DispatchGroup()
    private var paths: [String]?
    /// Handed to the queue through the instance: the queue reads them only between `start` and `finish`.
    private var prepared: [Importer.Prepared] = []
    private var outcome: Result<[Importer.Result], Error>?

    init(_ importer: Importer) { self.importer = importer }

    func start(_ batch: [(path: String, prepared: Importer.Prepared)]) {
        guard !batch.isEmpty else { return }
        paths = batch.map(\.path)
        prepared = batch.map(\.prepared)
        group.enter()
        queue.async {
            self.outcome = Result { try self.importer.commit(self.prepared) }
            self.group.leave()
        }
    }

    /// The batch in flight, once committed (nil when there was none); rethrows its failure.
    func finish() throws -> [(path: String, result: Importer.Result)]? {
        guard let paths else { return nil }
        group.wait()
        defer { self.paths = nil; outcome = nil }
        return Array(zip(paths, try outcome!.get())).map { (path: $0.0, result: $0.1) }
    }
}
