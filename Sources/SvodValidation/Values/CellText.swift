/// Trimming that knows the invisible characters copied in from Word and web pages.
enum CellText {
    /// Zero-width characters are not Unicode whitespace, but they are just as invisible in a cell.
    static func isBlank(_ c: Character) -> Bool {
        c.isWhitespace || c == "\u{200B}" || c == "\u{FEFF}" || c == "\u{2060}"
    }

    /// The text without leading and trailing spaces of any kind.
    /// The scalar-level test, for the fast path of `trimmed`.
    static func isBlankScalar(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        // Letters and digits of the alphabets forms use are never blank: no property lookup.
        if (v > 0x20 && v < 0x7F) || (v >= 0x400 && v < 0x530) { return false }
        return u.properties.isWhitespace || u == "\u{200B}" || u == "\u{FEFF}" || u == "\u{2060}"
    }

    static func trimmed(_ s: String) -> String {
        // Nearly every cell has nothing to trim; looking at its two ends is enough to know.
        guard let f = s.unicodeScalars.first, let l = s.unicodeScalars.last else { return "" }
        if !isBlankScalar(f) && !isBlankScalar(l) { return s }
        guard let first = s.firstIndex(where: { !isBlank($0) }),
              let last = s.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(s[first...last])
    }

    /// The text with every kind of space removed, inside too (for identifiers typed in groups).
    static func withoutSpaces(_ s: String) -> String {
        String(s.filter { !isBlank($0) })
    }
}
