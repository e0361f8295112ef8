extension ValueCoercion {
    /// Spaces of every kind: the no-break ones come from Word, the line breaks from wrapped headers.
    private static func isSpace(_ c: Character) -> Bool { CellText.isBlank(c) }

    /// Quotes are dropped: «ООО "Ромашка"» and ООО «Ромашка» must match the same list item.
    private static let quotes: Set<Character> = ["«", "»", "“", "”", "„", "‟", "\"", "'", "‘", "’", "‚", "‛", "`", "´"]

    /// Hyphens and dashes that Word substitutes for the one on the keyboard.
    private static let dashes: Set<Character> = ["\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "\u{FE63}", "\u{FF0D}"]

    /// Invisible marks that break equality without showing: soft hyphen, zero-width joiners.
    private static let invisible: Set<Character> = ["\u{00AD}", "\u{200C}", "\u{200D}"]

    /// The form used to match list items and header labels: lowercased, ё as е, quotes dropped,
    /// dashes as «-», and runs of any spaces as one space, trimmed.
    public static func normalizedKey(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for c in s.lowercased() {
            if isSpace(c) {
                pendingSpace = true
                continue
            }
            if quotes.contains(c) || invisible.contains(c) { continue }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            if c == "ё" { out.append("е") }
            else if dashes.contains(c) { out.append("-") }
            else { out.append(c) }
        }
        return out
    }
}
