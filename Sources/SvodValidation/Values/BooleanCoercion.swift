import SvodWorkbook

/// да/нет fields.
enum BooleanCoercion {
    /// Answers compared after `ValueCoercion.normalizedKey`, so «Да», «ДА» and «да » are one.
    static let yes: Set<String> = ["да", "д", "yes", "true", "1", "истина"]
    /// The negative answers.
    static let no: Set<String> = ["нет", "н", "no", "false", "0", "ложь"]

    /// Reads a cell that is not empty, not a placeholder and not an error.
    static func coerce(_ cell: CellValue) -> Coercion {
        switch cell {
        case .bool(let b):
            return .ok(.bool(b))
        case .number(let x) where x == 1 || x == 0:
            return .ok(.bool(x == 1))
        case .text(let raw):
            let key = ValueCoercion.normalizedKey(raw)
            if yes.contains(key) { return .ok(.bool(true)) }
            if no.contains(key) { return .ok(.bool(false)) }
            return .failed(.expected(.boolean, found: cell))
        default:
            return .failed(.expected(.boolean, found: cell))
        }
    }
}
