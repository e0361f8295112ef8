import SvodSchema
import SvodWorkbook

/// The ways schools write "nothing to report" instead of leaving a cell empty.
enum MissingPlaceholders {
    /// Dashes of every width, typed or autocorrected by Word.
    static let dashes: Set<Character> = ["-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}"]

    /// Words and marks that stand for an empty cell (compared after `ValueCoercion.normalizedKey`).
    /// «х» is the crossed-out cell of statistical forms; schools type the Cyrillic and the Latin letter alike.
    static let words: Set<String> = ["х", "x", "н/д", "н / д", "н.д.", "н. д.", "нет данных"]

    /// What a placeholder can start with, in any case.
    private static let firstScalars: Set<Unicode.Scalar> = ["-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}",
                                                            "х", "Х", "x", "X", "н", "Н", "«", "\"", "'"]

    /// Whether a text starting with this scalar could be a placeholder.
    static func mayStart(_ f: Unicode.Scalar) -> Bool { firstScalars.contains(f) }

    /// Whether the cell says nothing; «нет» counts only where it cannot be the answer «no».
    static func isMissing(_ cell: CellValue, for type: FieldType) -> Bool {
        switch cell {
        case .empty:
            return true
        case .text(let raw):
            // Every placeholder starts with a dash, х/x, н or a space; anything else is a value,
            // known without normalising it (this runs for every text cell).
            if let f = raw.unicodeScalars.first, !CellText.isBlankScalar(f), !firstScalars.contains(f) { return false }
            let text = CellText.trimmed(raw)
            if text.isEmpty || text.allSatisfy(dashes.contains) { return true }
            let key = ValueCoercion.normalizedKey(text)
            if words.contains(key) { return true }
            return key == "нет" && type != .boolean
        default:
            return false
        }
    }
}
