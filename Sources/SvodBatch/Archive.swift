#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SvodIO

/// The archive of originals: `accepted/YYYY-MM-DD/` and `rejected/YYYY-MM-DD/`, each file moved
/// there only after everything derived from it is written, and the move itself made durable
/// (the folders' entries flushed) before the journal calls it done.
public struct Archive {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// Where an input goes: `<root>/<accepted|rejected>/<day>/<name>`, or `<stem>-<sha8>.<ext>`
    /// when another file of that name is already there.
    /// `reserved`: targets already given to other files of the run, not yet moved there.
    public func target(name: String, sha256: String, accepted: Bool, day: String, reserved: Set<String> = []) -> String {
        let dir = (root as NSString).appendingPathComponent(accepted ? "accepted" : "rejected")
        let folder = (dir as NSString).appendingPathComponent(day)
        let plain = (folder as NSString).appendingPathComponent(name)
        if !reserved.contains(plain), !FileManager.default.fileExists(atPath: plain) || (try? SHA256.file(plain)) == sha256 { return plain }
        let ext = (name as NSString).pathExtension, stem = (name as NSString).deletingPathExtension
        return (folder as NSString).appendingPathComponent("\(stem)-\(sha256.prefix(8))" + (ext.isEmpty ? "" : ".\(ext)"))
    }

    /// Moves `source` to `target`: a rename when both are on one file system, otherwise a flushed
    /// copy renamed into place and then the source removed. Idempotent: a target already holding
    /// these bytes only has the source removed. The move is durable once both folders are flushed:
    /// here, or by the caller for a group of moves (`syncFolders: false`, then `DurableFile.syncFolder`).
    public static func move(_ source: String, to target: String, sha256: String, syncFolders: Bool = true) throws {
        let folder = (target as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw IOFailure.errno("не удалось создать папку", "cannot create folder", path: folder)
        }
        if FileManager.default.fileExists(atPath: target), (try? SHA256.file(target)) == sha256 {
            if FileManager.default.fileExists(atPath: source) { unlink(source) }
            if syncFolders { DurableFile.syncFolder((source as NSString).deletingLastPathComponent) }
            return
        }
        if rename(source, target) != 0 {
            guard errno == EXDEV else { throw IOFailure.errno("не удалось переместить в архив", "cannot move into the archive", path: source) }
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: source)) } catch {
                throw IOFailure.errno("не удалось прочитать", "cannot read", path: source)
            }
            let file = try AtomicFile(target: target)
            try data.withUnsafeBytes { try file.write($0) }
            try file.commit()
            unlink(source)
        }
        if syncFolders {
            DurableFile.syncFolder(folder)
            DurableFile.syncFolder((source as NSString).deletingLastPathComponent)
        }
    }
}
