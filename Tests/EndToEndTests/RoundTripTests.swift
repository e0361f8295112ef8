import Foundation
import SvodTestSupport
import Testing

/// Every readable corpus file converted to the other format and back (XLSX → ODS → XLSX,
/// ODS → XLSX → ODS) reads back cell for cell as the independent readers read the original:
/// with svod's reader and with python-calamine; and every file `convert` wrote on the way
/// validates against the standards' schemas.
///
/// What a round trip cannot carry is taken out of the expectation, not hidden: chart sheets
/// (no cells to convert; `convert` says it skips them) and `veryHidden` (ODS knows only hidden).
@Suite struct RoundTripTests {
    struct Case: CustomStringConvertible, Sendable {
        let source: String
        var description: String { URL(fileURLWithPath: source).lastPathComponent }
    }

    static let cases: [Case] = CorpusConformanceTests.corpusFiles.compactMap { path in
        guard let data = FileManager.default.contents(atPath: path + ".expected.json"),
              let doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              doc["error"] is NSNull, doc["sheets"] is [Any] else { return nil }
        return Case(source: path)
    }

    /// One case converted there and back: both files `convert` wrote, and what went wrong.
    struct Trip: Sendable {
        let mid: String
        let back: String
        let problems: [String]
    }

    /// Every case converted once, concurrently, for all the tests below (converting is most of
    /// their cost); the folder goes when the test process exits. A task, not a lazy value: the
    /// tests await it without holding the threads other suites run on.
    static let trips = Task.detached { () -> [String: Trip] in
        guard !cases.isEmpty, let dir = try? TestPaths.temporaryDirectory() else { return [:] }
        tripsFolder.set(dir)
        atexit { if let dir = RoundTripTests.tripsFolder.get() { try? FileManager.default.removeItem(at: dir) } }
        let results = Locked([String: Trip]())
        DispatchQueue.concurrentPerform(iterations: cases.count) { i in
            let trip = roundTrip(cases[i].source, in: dir)
            results.update { $0[cases[i].source] = trip }
        }
        return results.get()!
    }
    static let tripsFolder = Locked<URL>(nil)

    /// A value behind a lock, for what concurrent work fills in.
    final class Locked<Value>: @unchecked Sendable {
        private var value: Value?
        private let lock = NSLock()
        init(_ value: Value?) { self.value = value }
        func get() -> Value? { lock.withLock { value } }
        func set(_ v: Value) { lock.withLock { value = v } }
        func update(_ body: (inout Value) -> Void) { lock.withLock { body(&value!) } }
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

    /// Converts `source` to the other format and back into `dir`.
    static func roundTrip(_ source: String, in dir: URL) -> Trip {
        let ext = URL(fileURLWithPath: source).pathExtension.lowercased()
        let (middle, back) = ext == "ods" ? ("xlsx", "ods") : ("ods", "xlsx")
        let name = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        let mid = dir.appendingPathComponent("\(name).mid.\(middle)").path
        let out = dir.appendingPathComponent("\(name).back.\(back)").path
        var problems: [String] = []
        for (from, to) in [(source, mid), (mid, out)] {
            do {
                let r = try runProcess(TestPaths.svodBinary, ["convert", from, to])
                if r.status != 0 { problems.append("\(URL(fileURLWithPath: from).lastPathComponent) → \(to.suffix(4)): \(r.stderr)") }
            } catch {
                problems.append("svod convert could not run: \(error)")
            }
        }
        return Trip(mid: mid, back: out, problems: problems)
    }

    @Test(arguments: cases)
    func svodReadsTheRoundTripAsTheOriginal(_ c: Case) async throws {
        let trip = try #require(await Self.trips.value[c.source])
        try #require(trip.problems.isEmpty, "\(trip.problems.joined(separator: "\n"))")
        let read = try runProcess(TestPaths.svodBinary, ["inspect", "--format", "json", trip.back])
        #expect(read.status == 0, "\(read.stderr)")
        let actual = (try? JSONSerialization.jsonObject(with: read.stdout) as? [String: Any]) ?? [:]
        let bad = CorpusComparison.mismatches(expected: try Self.expectation(c.source, forCalamine: false), actual: actual)
        #expect(bad.isEmpty, "\(c.description):\n\(bad.prefix(10).joined(separator: "\n"))")
    }

    /// One python process for all files: starting the interpreter per file would cost more than the test.
    @Test func calamineReadsTheRoundTripsAsTheOriginals() async throws {
        guard IndependentReader.python != nil, !Self.cases.isEmpty else {
            print("notice: no .venv or no corpus; the calamine round-trip check is skipped")
            return
        }
        let trips = await Self.trips.value
        let done = Self.cases.filter { trips[$0.source]?.problems.isEmpty == true }
        let outputs = done.map { trips[$0.source]!.back }
        let docs = try #require(try IndependentReader.calamine.read(outputs))
        #expect(docs.count == outputs.count)
        for (c, doc) in zip(done, docs) {
            #expect(doc["error"] is NSNull, "\(c.description): calamine failed: \(String(describing: doc["error"]))")
            let bad = CorpusComparison.mismatches(expected: try Self.expectation(c.source, forCalamine: true), actual: doc)
            #expect(bad.isEmpty, "\(c.description) read by calamine:\n\(bad.prefix(10).joined(separator: "\n"))")
        }
    }

    /// Every file `convert` wrote from the corpus — each readable file in the other format, and
    /// back in its own — against the ODF 1.3 RelaxNG schema (ODS) or the ECMA-376 schemas (XLSX).
    @Test func everyFileConvertWritesValidatesAgainstTheStandardsSchemas() async throws {
        guard let schemas = StandardSchemas.folder, !Self.cases.isEmpty else {
            print("notice: no corpus, ../shared/schemas or xmllint; schema validation of converted files skipped")
            return
        }
        let trips = await Self.trips.value
        let done = Self.cases.compactMap { trips[$0.source] }.filter(\.problems.isEmpty)
        #expect(done.count == Self.cases.count, "some conversions failed (reported by svodReadsTheRoundTripAsTheOriginal)")
        let files = done.flatMap { [$0.mid, $0.back] }
        #expect(files.filter { $0.hasSuffix(".ods") }.count == Self.cases.count, "every readable corpus file written as ODS once")
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let problems = try StandardSchemas.problems(files: files, scratch: dir, schemas: schemas)
        if !problems.isEmpty { Issue.record("\(problems.count) problems:\n\(problems.prefix(20).joined(separator: "\n"))") }
    }
}
