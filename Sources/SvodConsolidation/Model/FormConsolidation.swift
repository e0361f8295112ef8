import Foundation

/// One school's file used in a consolidation (or a lower consolidation used in a higher one).
public struct SourceFile: Equatable, Sendable {
    /// The registry code of the school; for a district's consolidation, each of its schools has its own entry.
    public var school: String
    public var fileName: String
    public var sha256: String {
        get { digest.text }
        set { digest = CompactText(newValue) }
    }
    /// ISO 8601, UTC; nil for a lower consolidation's school (the district's file says when).
    public var arrivedAt: String? {
        get { arrival?.text }
        set { arrival = newValue.map(CompactText.init) }
    }
    /// Warnings the school did not explain, and those it did.
    public var warnings: Int
    public var warningsExplained: Int
    /// The consolidation file it came through, for a consolidation of consolidations.
    public var via: String?
    /// The store's submission, when the file came from the store itself.
    public var submission: Int64?
    // A city of 10 000 schools has 150 000 sources: a digest and a timestamp kept as their bytes,
    // not as two more strings each, is a third of the consolidation's memory.
    private var digest: CompactText
    private var arrival: CompactText?

    /// A source.
    public init(school: String, fileName: String, sha256: String, arrivedAt: String?, warnings: Int, warningsExplained: Int,
                via: String? = nil, submission: Int64? = nil) {
        self.school = school
        self.fileName = fileName
        self.digest = CompactText(sha256)
        self.arrival = arrivedAt.map(CompactText.init)
        self.warnings = warnings
        self.warningsExplained = warningsExplained
        self.via = via
        self.submission = submission
    }
}

/// A text kept without a heap allocation when it has one of the two shapes sources are full of —
/// a SHA-256 in lower-case hex, a UTC timestamp `YYYY-MM-DDTHH:MM:SSZ` — and as itself otherwise;
/// the text read back is always exactly the text given.
enum CompactText: Equatable, Sendable {
    /// A SHA-256 as four words (a SIMD vector would align the whole source to 32 bytes).
    struct Words: Equatable, Sendable {
        var w: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        subscript(i: Int) -> UInt64 {
            get { i == 0 ? w.0 : i == 1 ? w.1 : i == 2 ? w.2 : w.3 }
            set {
                switch i {
                case 0: w.0 = newValue
                case 1: w.1 = newValue
                case 2: w.2 = newValue
                default: w.3 = newValue
                }
            }
        }
        static func == (a: Words, b: Words) -> Bool { a.w == b.w }
    }

    case digest(Words)
    case timestamp(Int64)
    case text(String)

    init(_ text: String) {
        if let d = Self.digest(text) { self = .digest(d) }
        else if let t = Self.seconds(text), Self.timestampText(t) == text { self = .timestamp(t) }
        else { self = .text(text) }
    }

    var text: String {
        switch self {
        case .digest(let d): return Self.hex(d)
        case .timestamp(let t): return Self.timestampText(t)
        case .text(let s): return s
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func digest(_ s: String) -> Words? {
        let u = Array(s.utf8)
        guard u.count == 64 else { return nil }
        var words = Words()
        for i in 0..<64 {
            let c = u[i]
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            default: return nil
            }
            words[i / 16] |= UInt64(v) << UInt64(60 - 4 * (i % 16))
        }
        return words
    }

    private static func hex(_ d: Words) -> String {
        var out = [UInt8](repeating: 0, count: 64)
        for i in 0..<64 { out[i] = hexDigits[Int((d[i / 16] >> UInt64(60 - 4 * (i % 16))) & 0xF)] }
        return String(decoding: out, as: UTF8.self)
    }

    /// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SSZ`, by the proleptic Gregorian calendar.
    private static func seconds(_ s: String) -> Int64? {
        let u = Array(s.utf8)
        guard u.count == 20, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"), u[10] == UInt8(ascii: "T"),
              u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"), u[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ from: Int, _ count: Int) -> Int64? {
            var n: Int64 = 0
            for c in u[from..<from + count] {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int64(c - UInt8(ascii: "0"))
            }
            return n
        }
        guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2), let h = number(11, 2), let mi = number(14, 2),
              let sec = number(17, 2), (1...12).contains(m), (1...31).contains(d) else { return nil }
        return days(y, m, d) * 86_400 + h * 3600 + mi * 60 + sec
    }

    /// Days from 1970-01-01 (Howard Hinnant's days_from_civil).
    private static func days(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func timestampText(_ t: Int64) -> String {
        let z0 = (t >= 0 ? t : t - 86_399) / 86_400
        let secs = t - z0 * 86_400
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = y < 0 || y > 9999 ? "\(y)" : String(repeating: "0", count: 4 - "\(y)".count) + "\(y)"
        return "\(year)-\(two(m))-\(two(d))T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))Z"
    }
}

/// A form consolidated over the schools: which sent it, which did not, and the city rows.
public struct FormConsolidation: Equatable, Sendable {
    public var id: String
    public var version: Int
    /// Schools whose files are in, by registry code (registry order once finished).
    public var submitted: [String] = []
    /// Schools that should have sent it and did not.
    public var missing: [String] = []
    /// The sheets, in the form's order (the title sheet is not consolidated).
    public var sheets: [CitySheet]
    /// The files used.
    public var sources: [SourceFile] = []
    /// Sheet id → how many rows the store's own submissions give it (a district's schools, merged
    /// in through its consolidation, have no rows here): where a workbook's city rows begin.
    public var schoolRows: [String: Int] = [:]

    /// An empty consolidation of a form with these sheets.
    public init(id: String, version: Int, sheets: [String]) {
        self.id = id
        self.version = version
        self.sheets = sheets.map(CitySheet.init)
    }

    /// The sheet with this id.
    public func sheet(_ id: String) -> CitySheet? { sheets.first { $0.id == id } }

    /// Adds a lower consolidation of the same form (a district's): its rows, totals, schools and files.
    public mutating func merge(_ o: FormConsolidation) {
        for other in o.sheets {
            guard let i = sheets.firstIndex(where: { $0.id == other.id }) else { continue }
            for (key, row) in other.rows { sheets[i].rows[key, default: CityRow(key: row.key)].merge(row) }
            sheets[i].total.merge(other.total)
        }
        submitted += o.submitted
        sources += o.sources
    }
}
