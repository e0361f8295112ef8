import Foundation
@testable import SvodConsolidation
import Testing

@Suite struct JSONValueTests {
    @Test func numbersStayExactDecimals() throws {
        let v = try JSONValue.parse(#"{"a": 0.1, "b": [1e2, -3.25], "c": "т\u0435кст\n", "d": null, "e": true}"#)
        #expect(v["a"]?.number == Decimal(string: "0.1"))
        #expect(v["b"]?.array?.compactMap(\.number) == [100, Decimal(string: "-3.25")!])
        #expect(v["c"]?.string == "текст\n")
        #expect(v["d"] == .null)
        #expect(v["e"] == .bool(true))
    }

    @Test func refusesWhatIsNotJSON() {
        for bad in ["{", "[1,]", "{\"a\" 1}", "01x", "\"\u{01}\"", "[1] 2", "+1"] {
            #expect(throws: JSONParseError.self) { try JSONValue.parse(bad) }
        }
    }

    @Test func deepNestingIsRefusedNotAStackOverflow() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
    }
}
