import Foundation
import SvodTestSupport
import Testing

/// Ctrl-C (SIGINT) or a kill (SIGTERM) during a write: the command ends as a shell expects
/// (130 / 143) and leaves neither the output nor the hidden temporary it was writing.
@Suite struct InterruptionTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func aWriteInterruptedLeavesNothingBehind(_ signal: Int32) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A sheet big enough that converting it takes a few seconds.
        let csv = dir.appendingPathComponent("big.csv")
        var text = "Школа;Класс;Предмет;Участников;Качество\n"
        for i in 0..<150_000 { text += "co\(i % 62);\(4 + i % 3);Русский язык;\(20 + i % 40);\(i % 100),5\n" }
        try text.write(to: csv, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = TestPaths.svodBinary
        p.arguments = ["convert", csv.path, out + "/big.xlsx"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until the hidden temporary exists: the write is under way.
        let deadline = Date(timeIntervalSinceNow: 20)
        while Date() < deadline, (try FileManager.default.contentsOfDirectory(atPath: out)).isEmpty, p.isRunning { usleep(20_000) }
        let during = try FileManager.default.contentsOfDirectory(atPath: out)
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
        #expect(!during.isEmpty && during.allSatisfy { $0.hasPrefix(".big.xlsx.svod-") }, "\(during)")
        #expect(p.terminationStatus == 128 + signal, "exit \(p.terminationStatus)")
        let after = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(after.isEmpty, "\(after)")
    }
}
