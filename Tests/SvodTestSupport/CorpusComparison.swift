import Foundation

/// The comparison rules of `shared/corpus/README.md` (the same as `shared/tools/compare.py`):
/// numbers equal within 1e-9 relative, date and datetime interchangeable at midnight, times
/// and durations within a millisecond, everything else exactly.
public enum CorpusComparison {
    /// Every disagreement between an expected and an actual corpus-shaped document.
    public static func mismatches(expected: [String: Any], actual: [String: Any]) -> [String] {
        guard let sheets = expected["sheets"] as? [[String: Any]] else { return [] }
        var bad: [String] = []
        let actualSheets = (actual["sheets"] as? [[String: Any]]) ?? []
        let expectedNames = sheets.map { $0["name"] as? String ?? "" }
        let actualNames = actualSheets.map { $0["name"] as? String ?? "" }
        if expectedNames != actualNames { bad.append("sheet names/order differ: \(expectedNames) vs \(actualNames)") }
        let byName = Dictionary(actualSheets.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        for sheet in sheets {
            let name = sheet["name"] as? String ?? ""
            let act = byName[name]
            if let v = sheet["visible"] as? String, let av = act?["visible"] as? String, v != av {
                bad.append("\(name): visibility \(v) vs \(av)")
            }
            if let k = sheet["kind"] as? String, let ak = act?["kind"] as? String, k != ak {
                bad.append("\(name): kind \(k) vs \(ak)")
            }
            var cells: [String: (String, Any)] = [:]
            for c in (act?["cells"] as? [[Any]]) ?? [] where c.count >= 3 {
                cells[c[0] as? String ?? ""] = (c[1] as? String ?? "", c[2])
            }
            for c in (sheet["cells"] as? [[Any]]) ?? [] where c.count >= 3 {
                let ref = c[0] as? String ?? ""
                let type = c[1] as? String ?? ""
                guard let got = cells[ref], same(type, c[2], got.0, got.1) else {
                    bad.append("\(name)!\(ref): expected \(type) \(c[2]), got \(cells[ref].map { "\($0.0) \($0.1)" } ?? "nothing")")
                    continue
                }
            }
        }
        return bad
    }

    static func same(_ ta: String, _ va: Any, _ tb: String, _ vb: Any) -> Bool {
        if ta == "number" && tb == "number" {
            guard let a = double(va), let b = double(vb) else { return false }
            return abs(a - b) <= 1e-9 * max(1, abs(a))
        }
        let dates: Set<String> = ["date", "datetime"]
        if (dates.contains(ta) && dates.contains(tb)) || (ta == "time" && tb == "time") {
            guard let a = seconds(ta, va), let b = seconds(tb, vb) else { return false }
            return abs(a - b) < 1e-3
        }
        if ta == "duration" && tb == "duration" {
            guard let a = double(va), let b = double(vb) else { return false }
            return abs(a - b) < 1e-3
        }
        guard ta == tb else { return false }
        switch (va, vb) {
        case let (a as String, b as String): return a == b
        case let (a as NSNumber, b as NSNumber): return a == b
        default: return false
        }
    }

    static func double(_ v: Any) -> Double? {
        if let n = v as? NSNumber { return n.doubleValue }
        if let s = v as? String { return Double(s) }
        return nil
    }

    /// Seconds since 0001-01-01 for dates, since midnight for times.
    static func seconds(_ type: String, _ v: Any) -> Double? {
        guard let s = v as? String else { return nil }
        func clock(_ t: Substring) -> Double? {
            let parts = t.split(separator: ":")
            guard parts.count >= 2, let h = Double(parts[0]), let m = Double(parts[1]) else { return nil }
            let sec = parts.count > 2 ? Double(parts[2]) ?? 0 : 0
            return h * 3600 + m * 60 + sec
        }
        if type == "time" { return clock(Substring(s)) }
        let norm = s.replacingOccurrences(of: " ", with: "T")
        let pieces = norm.split(separator: "T", maxSplits: 1)
        let ymd = pieces[0].split(separator: "-")
        guard ymd.count == 3, let y = Int(ymd[0]), let m = Int(ymd[1]), let d = Int(ymd[2]) else { return nil }
        var comps = DateComponents()
        comps.year = y; comps.month = m; comps.day = d
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        guard let date = cal.date(from: comps) else { return nil }
        let time = pieces.count > 1 ? clock(pieces[1]) ?? 0 : 0
        return date.timeIntervalSinceReferenceDate + time
    }
}
