import SvodLocale

/// The rules Excel puts on sheet names (LibreOffice's are looser; a workbook meant for both keeps Excel's).
public enum SheetName {
    /// The longest name Excel accepts, in UTF-16 units.
    public static let maxLength = 31
    private static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// What is wrong with `name`, or nil if Excel accepts it.
    public static func problem(_ name: String) -> LocalizedText? {
        if name.isEmpty { return .init(ru: "имя пустое", en: "the name is empty") }
        if name.utf16.count > maxLength {
            return .init(ru: "длиннее \(maxLength) символов", en: "longer than \(maxLength) characters")
        }
        if let c = name.first(where: { forbidden.contains($0) }) {
            return .init(ru: "содержит запрещённый символ «\(c)» (запрещены [ ] : * ? / \\)",
                         en: "contains the forbidden character '\(c)' (forbidden: [ ] : * ? / \\)")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            return .init(ru: "начинается или кончается апострофом", en: "starts or ends with an apostrophe")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            return .init(ru: "содержит управляющий символ", en: "contains a control character")
        }
        if name.lowercased() == "history" {
            return .init(ru: "имя «History» зарезервировано Excel", en: "'History' is reserved by Excel")
        }
        return nil
    }

    /// A name Excel accepts, as close to `name` as possible and unlike any in `taken`
    /// (compared ignoring case): forbidden characters become "_", the name is cut to 31
    /// characters, and a clash gets " (2)", " (3)"….
    public static func legalized(_ name: String, taken: [String]) -> String {
        var base = String(name.map { forbidden.contains($0) || ($0.unicodeScalars.first?.value ?? 32) < 0x20 ? "_" : $0 })
        base = trimmed(base)
        if base.isEmpty { base = "Лист" }
        if base.lowercased() == "history" { base += "_" }
        let used = Set(taken.map { $0.lowercased() })
        var candidate = truncated(base, to: maxLength)
        if candidate.isEmpty || problem(candidate) != nil { candidate = "Лист" }
        var n = 2
        while used.contains(candidate.lowercased()) {
            let suffix = " (\(n))"
            var stem = truncated(base, to: maxLength - suffix.utf16.count)
            if stem.isEmpty || problem(stem + suffix) != nil { stem = "Лист" }
            candidate = stem + suffix
            n += 1
        }
        return candidate
    }

    private static func truncated(_ s: String, to units: Int) -> String {
        var out = ""
        var count = 0
        for ch in s {
            let w = ch.utf16.count
            if count + w > units { break }
            out.append(ch)
            count += w
        }
        return trimmed(out)
    }

    /// Without the apostrophes Excel forbids at the ends, or spaces a cut left there.
    private static func trimmed(_ s: String) -> String {
        var out = s
        while let c = out.first, c == "'" || c == " " { out.removeFirst() }
        while let c = out.last, c == "'" || c == " " { out.removeLast() }
        return out
    }
}
