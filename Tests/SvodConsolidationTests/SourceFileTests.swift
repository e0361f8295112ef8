import SvodConsolidation
import Testing

/// A source keeps its digest and timestamp compactly, and gives back exactly the text it was given.
@Suite struct SourceFileTests {
    private func source(sha: String, arrived: String?) -> SourceFile {
        SourceFile(school: "co9", fileName: "vpr.xlsx", sha256: sha, arrivedAt: arrived, warnings: 0, warningsExplained: 0)
    }

    @Test func digestsAndTimestampsComeBackAsGiven() {
        let texts = ["2026-12-07T02:03:04Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "1969-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
                     "9999-12-31T23:59:59Z", "2026-02-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-07T25:00:00Z", "2026-12-07 02:03:04Z",
                     "2026-12-07T02:03:04+03:00", "", "вчера"]
        let shas = [String(repeating: "0", count: 64), String(repeating: "f", count: 64),
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", String(repeating: "F", count: 64),
                    String(repeating: "a", count: 63), String(repeating: "a", count: 65), "g" + String(repeating: "a", count: 63), ""]
        for t in texts { #expect(source(sha: "", arrived: t).arrivedAt == t) }
        for s in shas { #expect(source(sha: s, arrived: nil).sha256 == s) }
        #expect(source(sha: "", arrived: nil).arrivedAt == nil)
    }

    @Test func equalityFollowsTheText() {
        let a = source(sha: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", arrived: "2026-12-07T02:03:04Z")
        var b = a
        #expect(a == b)
        b.arrivedAt = "2026-12-07T02:03:05Z"
        #expect(a != b)
        b.arrivedAt = a.arrivedAt
        b.sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a09"
        #expect(a != b && b.sha256.hasSuffix("a09"))
    }
}
