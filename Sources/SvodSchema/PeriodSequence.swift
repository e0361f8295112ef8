import Foundation

/// Periods as a sequence: which one comes before another, so that a file offered as «last
/// period's» can be told to be just that.
extension ReportingPeriod {
    /// A period as written on a title sheet, read as an ordinal of its kind (years × 4 + quarter…), or nil.
    public func ordinal(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        switch self {
        case .academicYear:
            let years = t.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }.compactMap { Int($0) }
            guard years.count == 2, years[1] == years[0] + 1 else { return nil }
            return years[0]
        case .year:
            return Int(t)
        case .quarter:
            // «1 квартал 2025», «I квартал 2025», «1 кв. 2025».
            let parts = t.split(separator: " ")
            guard parts.count >= 2, let year = Int(parts.last!) else { return nil }
            let roman = ["i": 1, "ii": 2, "iii": 3, "iv": 4]
            guard let q = Int(parts[0]) ?? roman[String(parts[0])], (1...4).contains(q) else { return nil }
            return year * 4 + q - 1
        case .month:
            let parts = t.split(separator: ".")
            guard parts.count == 2, let m = Int(parts[0]), (1...12).contains(m), let y = Int(parts[1]) else { return nil }
            return y * 12 + m - 1
        }
    }

    /// The period just before `text`, as a person writes it («2018/2019» before «2019/2020»).
    public func previous(of text: String) -> String? {
        guard let n = ordinal(text) else { return nil }
        return name(n - 1)
    }

    /// The period with this ordinal, written the way the templates write it.
    public func name(_ ordinal: Int) -> String {
        switch self {
        case .academicYear: return "\(ordinal)/\(ordinal + 1)"
        case .year: return "\(ordinal)"
        case .quarter: return "\(ordinal % 4 + 1) квартал \(ordinal / 4)"
        case .month: return String(format: "%02d.%d", ordinal % 12 + 1, ordinal / 12)
        }
    }
}
