import Foundation

/// Numbers as people type them in Russian spreadsheets: «1 234,5», «81.7», «81,7 %», «−3».
enum RussianNumberText {
    /// What a piece of text turned out to be.
    enum Reading: Equatable {
        /// A number; `percentSign` when it ended in «%».
        case number(Decimal, percentSign: Bool)
        /// Digits and separators that read as a number more than one way («1,234.5», «1.234.567»).
        case ambiguous
        /// Not a number («12 чел.», «12 34»).
        case notANumber
    }

    /// The spaces Excel and Word put between thousands.
    static let groupSeparators: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]

    /// Reads trimmed text.
    static func read(_ text: String) -> Reading {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "-" || first == "+" || first == "\u{2212}" {
            negative = first != "+"
            body.removeFirst()
        }
        var percentSign = false
        if body.last == "%" {
            percentSign = true
            body.removeLast()
            while let last = body.last, groupSeparators.contains(last) { body.removeLast() }
        }
        guard !body.isEmpty, body.allSatisfy({ isDigit($0) || $0 == "," || $0 == "." || groupSeparators.contains($0) })
        else { return .notANumber }

        // Russian writes the fraction after a comma and Excel's English input after a point; with
        // only one of them there is no doubt, but two marks mean one of them groups thousands,
        // and we cannot tell which without guessing the school's locale.
        let marks = body.filter { $0 == "," || $0 == "." }
        if marks.count > 1 { return .ambiguous }

        let parts = body.split(separator: marks.first ?? ",", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !fraction.contains(where: groupSeparators.contains), !(whole.isEmpty && fraction.isEmpty),
              let wholeDigits = groupedDigits(whole)
        else { return .notANumber }
        let value = DecimalReading.make(negative: negative, digits: wholeDigits + fraction, exponent: -fraction.count)
        return .number(value, percentSign: percentSign)
    }

    /// The digits of an integer part, checking that spaces, if any, group them by three:
    /// «12 34» is two numbers in one cell, not twelve hundred and thirty-four.
    private static func groupedDigits(_ whole: Substring) -> String? {
        let groups = whole.split(omittingEmptySubsequences: false, whereSeparator: groupSeparators.contains)
        guard groups.count > 1 else { return String(whole) }
        guard let head = groups.first, (1...3).contains(head.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        return groups.joined()
    }

    private static func isDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 48 && a <= 57
    }
}
