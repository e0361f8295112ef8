import SvodWorkbook

/// Dates as people type them: «15.04.2024», «15.04.2024 г.», «2024-04-15».
enum RussianDateText {
    /// What a piece of text turned out to be.
    enum Reading: Equatable {
        /// A date (without time of day).
        case date(CivilDateTime)
        /// Shaped like a date, but with a two-digit year: «15.04.24» could be 1924 or 2024.
        case twoDigitYear
        /// Shaped like a date, but no such day exists (31.02.2024).
        case impossible
        /// Not a date.
        case notADate
    }

    /// Reads trimmed text.
    static func read(_ text: String) -> Reading {
        let body = withoutYearMark(text)
        let dotted = body.split(separator: ".", omittingEmptySubsequences: false)
        if dotted.count == 3 {
            return fields(year: dotted[2], month: dotted[1], day: dotted[0])
        }
        let dashed = body.split(separator: "-", omittingEmptySubsequences: false)
        if dashed.count == 3, dashed[0].count == 4 {
            return fields(year: dashed[0], month: dashed[1], day: dashed[2])
        }
        return .notADate
    }

    private static func fields(year: Substring, month: Substring, day: Substring) -> Reading {
        guard allDigits(year), allDigits(month), allDigits(day),
              (1...2).contains(month.count), (1...2).contains(day.count),
              let y = Int(year), let m = Int(month), let d = Int(day) else { return .notADate }
        if year.count == 2 { return .twoDigitYear }
        guard year.count == 4 else { return .notADate }
        guard let date = CivilDateTime(year: y, month: m, day: d, hasTime: false) else { return .impossible }
        return .date(date)
    }

    // Official letters write «15.04.2024 г.»; the mark says nothing the digits do not.
    private static func withoutYearMark(_ text: String) -> Substring {
        var s = Substring(text)
        if s.hasSuffix("года") { s = s.dropLast(4) }
        else if s.hasSuffix("г.") { s = s.dropLast(2) }
        else if s.hasSuffix("г") { s = s.dropLast(1) }
        while let last = s.last, CellText.isBlank(last) { s.removeLast() }
        return s
    }

    private static func allDigits(_ s: Substring) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.asciiValue.map { $0 >= 48 && $0 <= 57 } ?? false }
    }
}
