import Foundation
import SvodTestSupport
import Testing

/// Every input the fuzzer ever crashed svod with (`Tests/Fixtures/fuzz`, see `Fuzz/README.md`)
/// is now read or refused: exit status 0 or 2, one line on standard error when refused.
@Suite struct FuzzRegressionTests {
    static let inputs: [String] = {
        let dir = TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/fuzz")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
            .map { dir.appendingPathComponent($0).path }
    }()

    @Test func thereAreInputs() { #expect(Self.inputs.count >= 6) }

    @Test(arguments: inputs)
    func readOrRefusedWithoutACrash(_ path: String) throws {
        let r = try runProcess(TestPaths.svodBinary, ["inspect", "--format", "summary", path])
        #expect(r.status == 0 || r.status == 2, "\(path): exit \(r.status)\n\(r.stderr)")
        #expect(r.seconds < 5)
        if r.status == 2 { #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)") }
    }
}
