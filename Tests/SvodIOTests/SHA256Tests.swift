import Foundation
import SvodIO
import Testing

@Suite struct SHA256Tests {
    static func digest(_ bytes: [UInt8], pieces: Int = .max) -> String {
        let d = SHA256()
        var i = 0
        repeat {
            let end = min(bytes.count, i + pieces)
            bytes[i..<end].withUnsafeBytes { d.update($0) }
            i = end
        } while i < bytes.count
        return d.hex()
    }

    /// FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and the one-million-"a" vector.
    @Test func fipsVectors() {
        #expect(Self.digest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.digest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Self.digest(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func piecesOfAnySizeGiveTheSameDigest() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = Self.digest(bytes)
        for pieces in [1, 3, 63, 64, 65, 127, 1000] { #expect(Self.digest(bytes, pieces: pieces) == whole) }
    }

    @Test func aFileIsHashedWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("svod-sha-\(UUID()).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = (0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 131) }  // over several 1 MiB reads
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        #expect(try SHA256.file(path) == Self.digest(bytes))
    }
}
