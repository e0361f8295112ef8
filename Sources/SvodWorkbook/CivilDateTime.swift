#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A calendar date and wall-clock time with no time zone, as spreadsheets store them.
public struct CivilDateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 in the proleptic Gregorian calendar (negative before).
    public let days: Int
    /// Seconds since midnight, fractional, in [0, 86400).
    public let seconds: Double
    /// Whether the value carries a time of day, or is a date alone.
    public let hasTime: Bool

    /// A value from days since 1970-01-01 and seconds since midnight.
    public init(days: Int, seconds: Double = 0, hasTime: Bool = true) {
        self.days = days
        self.seconds = seconds
        self.hasTime = hasTime
    }

    /// A value from calendar fields; nil when the date does not exist.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0,
                 hasTime: Bool = true) {
        guard (1...12).contains(month), day >= 1, day <= CivilDateTime.daysIn(month: month, year: year),
              (0..<24).contains(hour), (0..<60).contains(minute), second >= 0, second < 61 else { return nil }
        self.init(days: CivilDateTime.daysFromCivil(year, month, day),
                  seconds: Double(hour * 3600 + minute * 60) + second, hasTime: hasTime)
    }

    /// Year, month and day.
    public var date: (year: Int, month: Int, day: Int) { CivilDateTime.civilFromDays(days) }

    /// ISO 8601: "2021-01-01" for a date, "2021-01-01T10:10:10" (with fraction if any) otherwise.
    public var iso8601: String {
        let (y, m, d) = date
        let day = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        return hasTime ? day + "T" + CivilDateTime.clock(seconds) : day
    }

    public var description: String { iso8601 }

    public static func < (a: CivilDateTime, b: CivilDateTime) -> Bool {
        (a.days, a.seconds) < (b.days, b.seconds)
    }

    /// "10:10:10" or "10:10:10.123456" for seconds since midnight, to the microsecond.
    public static func clock(_ seconds: Double) -> String {
        var micros = Int64((seconds * 1_000_000).rounded())
        micros = max(0, micros)
        let whole = micros / 1_000_000
        let frac = micros % 1_000_000
        let h = Int(whole / 3600), m = Int(whole / 60 % 60), s = Int(whole % 60)
        var out = "\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2))"
        if frac != 0 {
            var f = String(frac)
            f = String(repeating: "0", count: 6 - f.count) + f
            while f.hasSuffix("0") { f.removeLast() }
            out += "." + f
        }
        return out
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days_from_civil.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's civil_from_days.
    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension CivilDateTime {
    /// The current time, UTC, to the second.
    public static func now() -> CivilDateTime {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        let secs = Int(t.tv_sec)
        let days = secs >= 0 ? secs / 86_400 : -((-secs + 86_399) / 86_400)
        return CivilDateTime(days: days, seconds: Double(secs - days * 86_400))
    }
}
