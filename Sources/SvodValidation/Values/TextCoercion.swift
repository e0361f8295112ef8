import SvodWorkbook

/// Text and code fields: whatever the cell shows, as text.
enum TextCoercion {
    /// Reads a cell that is not empty, not a placeholder and not an error. Codes keep the text as
    /// written; matching against the list goes through `ValueCoercion.normalizedKey`.
    static func coerce(_ cell: CellValue) -> Coercion {
        .ok(.text(CellDisplay.text(cell)))
    }
}
