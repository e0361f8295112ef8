/// Which epoch a workbook's date serial numbers count from.
public enum DateSystem: String, Sendable {
    /// Serial 1 is 1900-01-01, with Lotus's fictitious 1900-02-29 as serial 60.
    case from1900
    /// Serial 0 is 1904-01-01 (old Mac Excel; `date1904="1"` in workbook.xml).
    case from1904

    private static let epoch1899Dec30 = CivilDateTime.daysFromCivil(1899, 12, 30)
    private static let epoch1899Dec31 = CivilDateTime.daysFromCivil(1899, 12, 31)
    private static let epoch1904 = CivilDateTime.daysFromCivil(1904, 1, 1)

    /// The date and time a serial number stands for; nil for negatives or past year 9999.
    public func dateTime(serial: Double, hasTime: Bool = true) -> CivilDateTime? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        // Round to the millisecond first so 0.999999999 of a day does not print as 23:59:59.999.
        let millis = (serial * 86_400_000).rounded()
        var day = Int(millis / 86_400_000)
        let secs = (millis - Double(day) * 86_400_000) / 1000
        switch self {
        case .from1904:
            day += DateSystem.epoch1904
        case .from1900:
            // Serials before 60 count from 1899-12-31; serial 60 is the day that never was,
            // which every reader we agree with shows as 1900-02-28.
            if day < 60 { day += DateSystem.epoch1899Dec31 }
            else if day == 60 { day = DateSystem.epoch1899Dec31 + 59 }
            else { day += DateSystem.epoch1899Dec30 }
        }
        return CivilDateTime(days: day, seconds: secs, hasTime: hasTime)
    }

    /// The serial number for a date and time (the inverse of `dateTime(serial:)`).
    public func serial(_ value: CivilDateTime) -> Double {
        let frac = value.seconds / 86_400
        switch self {
        case .from1904:
            return Double(value.days - DateSystem.epoch1904) + frac
        case .from1900:
            let d = value.days - DateSystem.epoch1899Dec31
            return Double(d < 60 ? d : value.days - DateSystem.epoch1899Dec30) + frac
        }
    }
}

/// ISO 8601 text as spreadsheets write it: `t="d"` cells, ODF date and time values.
public enum ISO8601 {
    /// Parses "2021-01-01", "2021-01-01T10:10:10.5", "2021-01-01 10:10", with an optional zone
    /// suffix ignored; nil when malformed.
    public static func dateTime(_ text: String) -> CivilDateTime? {
        let s = Array(text.utf8)
        guard s.count >= 10, s[4] == 0x2D, s[7] == 0x2D,
              let y = number(s, 0, 4), let m = number(s, 5, 2), let d = number(s, 8, 2) else { return nil }
        if s.count == 10 { return CivilDateTime(year: y, month: m, day: d, hasTime: false) }
        guard s[10] == 0x54 || s[10] == 0x20, let secs = time(Array(s[11...])) else { return nil }
        guard let day = CivilDateTime(year: y, month: m, day: d, hasTime: false) else { return nil }
        return CivilDateTime(days: day.days, seconds: secs, hasTime: true)
    }

    /// Seconds since midnight for "10:10:10", "10:10", "10:10:10.123456", zone ignored.
    public static func timeOfDay(_ text: String) -> Double? { time(Array(text.utf8)) }

    /// Seconds in an ISO 8601 duration such as "PT10H10M10.5S" or "-P1DT2H"; nil when malformed.
    public static func duration(_ text: String) -> Double? {
        var s = Substring(text)
        var sign = 1.0
        if s.hasPrefix("-") { sign = -1; s = s.dropFirst() }
        guard s.hasPrefix("P") else { return nil }
        s = s.dropFirst()
        var total = 0.0
        var inTime = false
        var num = ""
        var sawPart = false
        for ch in s {
            switch ch {
            case "T": inTime = true
            case "0"..."9", ".", ",": num.append(ch == "," ? "." : ch)
            default:
                guard let v = Double(num) else { return nil }
                num = ""
                sawPart = true
                switch (ch, inTime) {
                case ("Y", false): total += v * 365 * 86_400
                case ("M", false): total += v * 30 * 86_400
                case ("W", false): total += v * 7 * 86_400
                case ("D", false): total += v * 86_400
                case ("H", true): total += v * 3600
                case ("M", true): total += v * 60
                case ("S", true): total += v
                default: return nil
                }
            }
        }
        return num.isEmpty && sawPart ? sign * total : nil
    }

    private static func time(_ s: [UInt8]) -> Double? {
        guard s.count >= 5, s[2] == 0x3A, let h = number(s, 0, 2), let m = number(s, 3, 2) else { return nil }
        var i = 5
        var sec = 0.0
        if i < s.count, s[i] == 0x3A {
            guard let whole = number(s, i + 1, 2) else { return nil }
            sec = Double(whole)
            i += 3
            if i < s.count, s[i] == 0x2E || s[i] == 0x2C {
                var j = i + 1
                var scale = 0.1
                while j < s.count, (0x30...0x39).contains(s[j]) {
                    sec += Double(s[j] - 0x30) * scale
                    scale /= 10
                    j += 1
                }
                i = j
            }
        }
        // A zone suffix (Z, +03:00) is ignored: spreadsheet values are wall-clock times.
        if i < s.count, !(s[i] == 0x5A || s[i] == 0x2B || s[i] == 0x2D) { return nil }
        guard h < 24, m < 60, sec < 61 else { return nil }
        return Double(h * 3600 + m * 60) + sec
    }

    private static func number(_ s: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= s.count else { return nil }
        var n = 0
        for i in start..<(start + count) {
            guard (0x30...0x39).contains(s[i]) else { return nil }
            n = n * 10 + Int(s[i] - 0x30)
        }
        return n
    }
}
