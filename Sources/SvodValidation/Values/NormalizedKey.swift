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
        scalarNormalizedKey(s) ?? characterNormalizedKey(s)
    }

    /// The same, character by character: any script, combining marks, case rules beyond Cyrillic.
    static func characterNormalizedKey(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        // Composed first: «й» typed as «и» + U+0306 is the same label (keys are compared as bytes).
        for c in s.precomposedStringWithCanonicalMapping.lowercased() {
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

    /// The same for texts of Latin and Cyrillic letters, digits and the punctuation forms use,
    /// scalar by scalar (no grapheme breaking, no case tables: this runs for every header cell
    /// and sheet name a form is matched against); nil for anything else.
    static func scalarNormalizedKey(_ s: String) -> String? {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in s.unicodeScalars {
            let v = u.value
            var mapped = u
            switch v {
            case 0x22, 0x27, 0x60, 0xAB, 0xBB, 0xB4, 0x2018...0x201F, 0xAD:
                continue  // quotes and the soft hyphen
            case 0x20, 0x09...0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF:
                pendingSpace = true
                continue
            case 0x41...0x5A, 0x410...0x42F: mapped = Unicode.Scalar(v + 0x20)!
            case 0x400...0x40F: mapped = Unicode.Scalar(v + 0x50)!
            case 0x21...0x7E, 0x430...0x45F, 0x2116: break
            case 0x2010...0x2015, 0x2212, 0xFE63, 0xFF0D: mapped = "-"
            default: return nil
            }
            if mapped == "ё" { mapped = "е" }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(mapped)
        }
        return String(out)
    }
}
