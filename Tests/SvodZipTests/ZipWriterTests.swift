import Foundation
import SvodIO
import SvodTestSupport
import SvodZip
import Testing

@Suite struct ZipWriterTests {
    /// Segments ending on sync flushes, written out of order, laid end to end: one valid entry.
    @Test func segmentsConcatenateIntoOneEntry() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spool = try DeflateSpool(level: 6)
        let body = String(repeating: "<row>строка с данными 12345</row>", count: 40_000)  // crosses many 256 KiB blocks
        try spool.write(body)
        let middle = try spool.finishSegment(final: false)
        try spool.write("<head>")
        let head = try spool.finishSegment(final: false)
        try spool.write("</tail>")
        let tail = try spool.finishSegment(final: true)
        try spool.write("small part")
        let small = try spool.finishSegment(final: true)
        let path = dir.appendingPathComponent("a.zip").path
        let zip = try ZipWriter(path: path)
        try zip.addStored("mimetype", Array("text/plain".utf8))
        try zip.add("joined.xml", segments: [head, middle, tail])
        try zip.add("small.txt", segments: [small])
        try zip.close()

        let archive = try ZipArchive(path: path)
        #expect(archive.entries.map(\.name) == ["mimetype", "joined.xml", "small.txt"])
        #expect(archive.entries[0].method == 0)
        #expect(try archive.read(archive.entries[1]) == Array(("<head>" + body + "</tail>").utf8))
        #expect(try archive.read(archive.entries[2]) == Array("small part".utf8))
        #expect(middle.uncompressedCount == body.utf8.count && middle.compressedCount < body.utf8.count / 20)
    }

    @Test func anEmptySegmentIsAnEmptyEntry() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spool = try DeflateSpool(level: 1)
        let empty = try spool.finishSegment(final: true)
        let path = dir.appendingPathComponent("e.zip").path
        let zip = try ZipWriter(path: path)
        try zip.add("empty", segments: [empty])
        try zip.close()
        let archive = try ZipArchive(path: path)
        #expect(try archive.read(archive.entries[0]).isEmpty)
    }

    @Test func atomicFileLeavesTheTargetAloneUntilCommitted() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out.bin").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        do {
            let file = try AtomicFile(target: target)
            try Array("new".utf8).withUnsafeBytes { try file.write($0) }
            // Dropped without commit: discarded.
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.bin"])
        let file = try AtomicFile(target: target)
        try Array("new".utf8).withUnsafeBytes { try file.write($0) }
        try file.commit()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.bin"])
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode != 0o600, "a finished file gets the umask's permissions, not mkstemp's")
    }
}
