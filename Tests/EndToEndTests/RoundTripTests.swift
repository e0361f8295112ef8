import Foundation
import SvodTestSupport
import Testing

/// Every readable corpus file converted to the other format and back (XLSX → ODS → XLSX,
/// ODS → XLSX → ODS) reads back cell for cell as the independent readers read the original:
/// with svod's reader and with python-calamine.
///
/// What a round trip cannot carry is taken out of the expectation, not hidden: chart sheets
/// (no cells to convert; `convert` says it skips them) and `veryHidden` (ODS knows only hidden).
@Suite struct RoundTripTests {
    struct Case: CustomStringConvertible {
        let source: String
        var description: String { URL(fileURLWithPath: source).lastPathComponent }
    }

    static let cases: [Case] = CorpusConformanceTests.corpusFiles.compactMap { path in
        guard let data = FileManager.default.contents(atPath: path + ".expected.json"),
              let doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              doc["error"] is NSNull, doc["sheets"] is [Any] else { return nil }
        return Case(source: path)
    }

    /// The expectation after a trip through the other format.
    static func expectation(_ path: String, forCalamine: Bool) throws -> [String: Any] {
        var doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path + ".expected.json"))) as! [String: Any]
        var sheets = (doc["sheets"] as! [[String: Any]]).filter { ($0["kind"] as? String) != "chart" }
        for i in sheets.indices {
            if sheets[i]["visible"] as? String == "veryhidden" { sheets[i]["visible"] = "hidden" }
            if forCalamine {
                // python-calamine's to_python() turns error cells into empty strings.
                sheets[i]["cells"] = (sheets[i]["cells"] as? [[Any]] ?? []).filter { ($0[1] as? String) != "error" }
            }
        }
        doc["sheets"] = sheets
        return doc
    }

    /// Converts `source` to the other format and back into `dir`; the path of the result.
    static func roundTrip(_ source: String, in dir: URL) throws -> String {
        let ext = URL(fileURLWithPath: source).pathExtension.lowercased()
        let (middle, back) = ext == "ods" ? ("xlsx", "ods") : ("ods", "xlsx")
        let name = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        let mid = dir.appendingPathComponent("\(name).mid.\(middle)").path
        let out = dir.appendingPathComponent("\(name).back.\(back)").path
        let first = try runProcess(TestPaths.svodBinary, ["convert", source, mid])
        #expect(first.status == 0, "\(source) → \(middle): \(first.stderr)")
        let second = try runProcess(TestPaths.svodBinary, ["convert", mid, out])
        #expect(second.status == 0, "\(middle) → \(back): \(second.stderr)")
        return out
    }

    @Test(arguments: cases)
    func svodReadsTheRoundTripAsTheOriginal(_ c: Case) throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try Self.roundTrip(c.source, in: dir)
        let read = try runProcess(TestPaths.svodBinary, ["inspect", "--format", "json", out])
        #expect(read.status == 0, "\(read.stderr)")
        let actual = (try? JSONSerialization.jsonObject(with: read.stdout) as? [String: Any]) ?? [:]
        let bad = CorpusComparison.mismatches(expected: try Self.expectation(c.source, forCalamine: false), actual: actual)
        #expect(bad.isEmpty, "\(c.description):\n\(bad.prefix(10).joined(separator: "\n"))")
    }

    /// One python process for all files: starting the interpreter per file would cost more than the test.
    @Test func calamineReadsTheRoundTripsAsTheOriginals() throws {
        guard IndependentReader.python != nil, !Self.cases.isEmpty else {
            print("notice: no .venv or no corpus; the calamine round-trip check is skipped")
            return
        }
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outputs = try Self.cases.map { try Self.roundTrip($0.source, in: dir) }
        let docs = try #require(try IndependentReader.calamine.read(outputs))
        #expect(docs.count == outputs.count)
        for (c, doc) in zip(Self.cases, docs) {
            #expect(doc["error"] is NSNull, "\(c.description): calamine failed: \(String(describing: doc["error"]))")
            let bad = CorpusComparison.mismatches(expected: try Self.expectation(c.source, forCalamine: true), actual: doc)
            #expect(bad.isEmpty, "\(c.description) read by calamine:\n\(bad.prefix(10).joined(separator: "\n"))")
        }
    }
}
