import Foundation
@testable import SvodXLSX
import SvodIO
import Testing

@Suite struct StringPoolTests {
    /// With no memory budget every full block spills to the temporary file; every string
    /// still reads back exactly, in any order, including one larger than a block.
    @Test func spilledStringsReadBackExactly() throws {
        var pool = StringPool(memoryBudget: 0)
        defer { pool.deallocate() }
        var expected: [String] = []
        for i in 0..<6000 {
            let s = i == 3000 ? String(repeating: "ж", count: 700_000) : "строка \(i) " + String(repeating: "ы", count: i % 700)
            expected.append(s)
            var copy = s
            try copy.withUTF8 { try pool.append($0) }
        }
        #expect(pool.count == 6000)
        var rng = SystemRandomNumberGenerator()
        for i in (0..<6000).shuffled(using: &rng) + [0, 5999, 3000] {
            #expect(try pool.string(at: i) == expected[i])
        }
    }

    @Test func emptyStringsAndTheDefaultBudget() throws {
        var pool = StringPool()
        defer { pool.deallocate() }
        for s in ["", "a", "", "Школа № 1"] {
            var copy = s
            try copy.withUTF8 { try pool.append($0) }
        }
        #expect(try (0..<4).map { try pool.string(at: $0) } == ["", "a", "", "Школа № 1"])
    }

    @Test func theTemporaryFileHasNoName() throws {
        let dir = FileManager.default.temporaryDirectory.path
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
        let file = try TemporaryFile()
        var bytes: [UInt8] = Array("проверка".utf8)
        try bytes.withUnsafeBufferPointer { try file.write($0, at: 10) }
        var back = [UInt8](repeating: 0, count: bytes.count)
        try back.withUnsafeMutableBufferPointer { try file.read(into: $0, at: 10) }
        #expect(back == bytes)
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
        #expect(after.subtracting(before).filter { $0.hasPrefix("svod-") }.isEmpty)
        bytes.removeAll()
    }
}
