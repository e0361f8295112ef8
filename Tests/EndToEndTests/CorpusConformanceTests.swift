import Foundation
import SvodTestSupport
import Testing

/// svod against the files other programs wrote (`../shared/corpus/peer`): it must agree with
/// every cell the independent readers agree on, and refuse exactly the files they refuse.
@Suite struct CorpusConformanceTests {
    static let corpusFiles: [String] = {
        guard let shared = TestPaths.shared else { return [] }
        let peer = shared.appendingPathComponent("corpus/peer")
        let dirs = (try? FileManager.default.contentsOfDirectory(atPath: peer.path)) ?? []
        return dirs.sorted().flatMap { dir -> [String] in
            let files = (try? FileManager.default.contentsOfDirectory(atPath: peer.appendingPathComponent(dir).path)) ?? []
            return files.filter { $0.hasSuffix(".expected.json") }.sorted().map {
                peer.appendingPathComponent(dir).appendingPathComponent(String($0.dropLast(".expected.json".count))).path
            }
        }
    }()

    @Test func corpusIsPresentOrSkipped() {
        if TestPaths.shared == nil {
            print("notice: ../shared/corpus is absent; corpus conformance tests are skipped")
        } else {
            #expect(Self.corpusFiles.count > 50)
        }
    }

    @Test(arguments: corpusFiles)
    func agreesWithIndependentReaders(_ path: String) throws {
        let expectedURL = URL(fileURLWithPath: path + ".expected.json")
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as! [String: Any]
        let result = try runProcess(TestPaths.svodBinary, ["inspect", "--format", "json", path])
        #expect(result.seconds < 5, "took \(result.seconds) s")
        let actual = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        if let kind = expected["error"] as? String {
            #expect(result.status == 2, "\(path) must be refused")
            #expect(actual?["error"] as? String == kind, "refusal kind for \(path)")
            #expect(!result.stderr.isEmpty && result.stderr.split(separator: "\n").count == 1,
                    "one-line message: \(result.stderr)")
            return
        }
        #expect(result.status == 0, "\(path): \(result.stderr)")
        let mismatches = CorpusComparison.mismatches(expected: expected, actual: actual ?? [:])
        #expect(mismatches.isEmpty, "\(path):\n\(mismatches.prefix(10).joined(separator: "\n"))")
    }
}
