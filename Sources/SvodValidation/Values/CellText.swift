/// Trimming that knows the invisible characters copied in from Word and web pages.
enum CellText {
    /// Zero-width characters are not Unicode whitespace, but they are just as invisible in a cell.
    static func isBlank(_ c: Character) -> Bool {
        c.isWhitespace || c == "\u{200B}" || c == "\u{FEFF}" || c == "\u{2060}"
    }

    /// The text without leading and trailing spaces of any kind.
    static func trimmed(_ s: String) -> String {
        guard let first = s.firstIndex(where: { !isBlank($0) }),
              let last = s.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(s[first...last])
    }

    /// The text with every kind of space removed, inside too (for identifiers typed in groups).
    static func withoutSpaces(_ s: String) -> String {
        String(s.filter { !isBlank($0) })
    }
}
