import Foundation
@testable import SvodConsolidation
import Testing

/// The store's numbers read back exactly, by the fast path and by Foundation's parser alike.
@Suite struct StoredNumberTests {
    @Test(arguments: ["0", "7", "-7", "97.0", "61.3", "-0.05", "0.000", "-0", "123456789012345678", "4.25", "1000000.5"])
    func plainTextIsReadAsFoundationReadsIt(_ text: String) throws {
        let fast = try #require(StoredNumber.plainDecimal(text))
        let slow = try #require(Decimal(string: text, locale: StoredNumber.posix))
        #expect(fast == slow, "\(text): \(fast) vs \(slow)")
        #expect(!fast.isNaN)
    }

    @Test(arguments: ["", "-", ".5", "5.", "1.2.3", "1e5", "1E-7", " 5", "5 ", "+5", "12345678901234567890", "1,5", "--1"])
    func anythingElseIsLeftToFoundation(_ text: String) {
        #expect(StoredNumber.plainDecimal(text) == nil, "\(text)")
    }
}
