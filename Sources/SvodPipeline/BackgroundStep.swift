import Foundation

/// One piece of work at a time on a serial queue of its own, while the caller goes on with the
/// next: the import commits a batch while the next is checked, the batch run finishes a group
/// while the next is taken. `wait` returns the work in flight once done (nil when there is none)
/// and rethrows its failure.
public final class BackgroundStep<Output>: @unchecked Sendable {
    private let queue: DispatchQueue
    private let group = DispatchGroup()
    /// Handed to the queue through the instance: the queue touches them only between `start` and `wait`.
    private var work: (() throws -> Output)?
    private var outcome: Result<Output, Error>?
    private var busy = false

    /// A step whose queue carries `label`.
    public init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Starts `work`; the previous work must have been waited for.
    public func start(_ work: @escaping () throws -> Output) {
        precondition(!busy, "BackgroundStep started before the previous work was waited for")
        busy = true
        self.work = work
        group.enter()
        queue.async {
            self.outcome = Result { try self.work!() }
            self.work = nil
            self.group.leave()
        }
    }

    /// The work in flight, once done; nil when none was started.
    public func wait() throws -> Output? {
        guard busy else { return nil }
        group.wait()
        busy = false
        defer { outcome = nil }
        return try outcome!.get()
    }
}
