import Foundation
import SvodIO
import SvodWorkbook
import SvodXML
import SvodZip

/// The output side both workbook writers share: parts compressed into a spool as they are
/// made, a file left incomplete by an error never committed, and the target replaced whole at
/// the end (or left as it was).
public final class PackageOutput {
    private let file: AtomicFile
    private let spool: DeflateSpool
    /// Set when an error came after output began: the file would be incomplete.
    public private(set) var damaged = false

    /// Prepares to write `path`; nothing appears there until `commit`.
    public init(path: String, level: Int32) throws {
        file = try AtomicFile(target: path)
        spool = try DeflateSpool(level: level)
    }

    /// A writer whose bytes go into the segment being written.
    public func xml() -> XMLWriter {
        let spool = self.spool
        return XMLWriter { try spool.write($0) }
    }

    /// Ends the segment being written: `final` for the end of an entry, else a sync flush.
    public func finishSegment(final: Bool) throws -> DeflatedSegment {
        try spool.finishSegment(final: final)
    }

    /// A whole part written by `body`, as one segment.
    public func segment(final: Bool = true, _ body: (XMLWriter) throws -> Void) throws -> DeflatedSegment {
        let x = xml()
        try body(x)
        try x.flush()
        return try spool.finishSegment(final: final)
    }

    /// Runs output work. A refused value (`WriteError`, thrown before any byte of it is
    /// written) leaves the file whole; any other error, or any error at all when
    /// `refusalsLeaveItWhole` is false, marks it damaged.
    public func guarded<T>(refusalsLeaveItWhole: Bool = true, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as WriteError where refusalsLeaveItWhole {
            throw e
        } catch {
            damaged = true
            throw error
        }
    }

    /// Writes the zip `entries` lays out and moves it into place; refuses a damaged file; on
    /// any error the target is left as it was.
    public func commit(modified: CivilDateTime? = nil, _ entries: (ZipWriter) throws -> Void) throws {
        guard !damaged else {
            discard()
            throw WriteError.misuse("an earlier error left the workbook incomplete; it was not written")
        }
        do {
            let zip = try ZipWriter(path: file.temporaryPath)
            zip.modified = modified.map { time_t($0.days * 86_400 + Int($0.seconds)) }
            try entries(zip)
            try zip.close()
            try file.commit()
        } catch {
            discard()
            throw error
        }
    }

    /// Abandons the file.
    public func discard() { file.discard() }
}
