import Foundation
import SvodBatch
import SvodIO
import SvodTestSupport
import Testing

/// Which inbox files are taken, and where originals go in the archive.
@Suite struct InboxAndArchiveTests {
    @Test(arguments: [("~$ВПР.xlsx", true), (".~lock.ВПР.ods#", true), ("vpr.xlsx.part", true), ("vpr.TMP", true), (".hidden.xlsx", true),
                      ("vpr.xlsx.crdownload", true), ("vpr-2024-co9.xlsx", false), ("ВПР школа 9.ods", false), ("part.xlsx", false)])
    func temporaryNamesAreNeverInputs(_ name: String, _ temporary: Bool) {
        #expect(InboxScan.isTemporaryName(name) == temporary, "\(name)")
    }

    @Test func onlySettledFilesAreTakenOldestFirst() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let now = Date()
        for (name, age) in [("b.xlsx", 300.0), ("a.xlsx", 300.0), ("old.ods", 900.0), ("fresh.xlsx", 5.0)] {
            let path = dir.appendingPathComponent(name).path
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-age)], ofItemAtPath: path)
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("школа 9"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: dir.appendingPathComponent("школа 9/c.xlsx"))
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-100)], ofItemAtPath: dir.appendingPathComponent("школа 9/c.xlsx").path)
        let scan = try InboxScan(inbox: dir.path, settle: 60, now: now)
        #expect(scan.ready.map(\.relative) == ["old.ods", "a.xlsx", "b.xlsx", "школа 9/c.xlsx"])
        #expect(scan.waiting.map { ($0.path as NSString).lastPathComponent } == ["fresh.xlsx"] && scan.waiting[0].reason == .settling)
    }

    @Test func aNameTakenByOtherBytesGetsTheHash() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = Archive(root: dir.path)
        let first = archive.target(name: "vpr.xlsx", sha256: "aaaa1111bbbb", accepted: true, day: "2026-12-07")
        #expect(first == dir.path + "/accepted/2026-12-07/vpr.xlsx")
        try FileManager.default.createDirectory(atPath: (first as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("one".utf8).write(to: URL(fileURLWithPath: first))
        let sha = try SHA256.file(first)
        #expect(archive.target(name: "vpr.xlsx", sha256: sha, accepted: true, day: "2026-12-07") == first)       // the same bytes: the same place
        #expect(archive.target(name: "vpr.xlsx", sha256: "ccccdddd0000", accepted: true, day: "2026-12-07") == dir.path + "/accepted/2026-12-07/vpr-ccccdddd.xlsx")
        #expect(archive.target(name: "a.ods", sha256: "eeee", accepted: false, day: "d", reserved: [dir.path + "/rejected/d/a.ods"]) == dir.path + "/rejected/d/a-eeee.ods")
        // A move is idempotent: the source gone, the target whole; moving again over the same bytes only removes a new source.
        let source = dir.appendingPathComponent("in.xlsx").path
        try Data("two".utf8).write(to: URL(fileURLWithPath: source))
        let target = dir.path + "/rejected/2026-12-07/in.xlsx"
        let bytes = try SHA256.file(source)
        try Archive.move(source, to: target, sha256: bytes)
        var moved = try SHA256.file(target)
        #expect(!FileManager.default.fileExists(atPath: source) && moved == bytes)
        try Data("two".utf8).write(to: URL(fileURLWithPath: source))
        try Archive.move(source, to: target, sha256: bytes)
        moved = try SHA256.file(target)
        #expect(!FileManager.default.fileExists(atPath: source) && moved == bytes)
    }
}
