@testable import SvodTemplates
import Testing

/// Which positions of a schema's pattern a template checks as digits: `\d` always, a class only
/// when it is exactly `[0-9]` (`case .digit, .ranges where …` once guarded only the class).
@Suite struct TextPatternTests {
    @Test func digitsAreBackslashDOrExactlyZeroToNine() throws {
        let mixed = try #require(TextPattern(#"^\d[0-9]{2}-\d$"#))
        #expect(mixed.positions == [.digit, .digit, .digit, .literal("-"), .digit])
        #expect(mixed.sample == "###-#")
        #expect(mixed.excelCheck("B2") == #"AND(LEN(B2)=5,ISNUMBER(-MID(B2,1,3)),EXACT(MID(B2,4,1),"-"),ISNUMBER(-MID(B2,5,1)))"#)
        // A class that is not all ten digits, or more than them, cannot be an Excel digit check.
        for pattern in [#"^[0-5]\d$"#, #"^\d[0-9a]$"#, #"^[1-9]$"#, #"^[0-9-]$"#, #"^[0-8]{2}$"#] {
            #expect(TextPattern(pattern) == nil, "\(pattern)")
        }
        // `\d` on its own needs no class guard.
        #expect(TextPattern(#"^\d$"#)?.positions == [.digit])
        #expect(TextPattern(#"^[0-9]$"#)?.positions == [.digit])
    }
}
