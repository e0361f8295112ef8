import SvodSchema
import SvodWorkbook

/// Reading cells into field values the way Russian schools fill them in.
public enum ValueCoercion {
    /// The cell read as a field of this type. `hint` is `.percent` when the cell is formatted as a
    /// percentage, which is the only way to tell Excel's stored 0.817 from a school's typed 0.817.
    public static func coerce(_ cell: CellValue, to type: FieldType, hint: NumberFormatHint = .none) -> Coercion {
        // A formula error is never a placeholder for "nothing": something upstream is broken.
        if case .error(let code) = cell {
            return .failed(.formulaError(code, expected: .of(type)))
        }
        if MissingPlaceholders.isMissing(cell, for: type) { return .missing }
        switch type {
        case .integer, .decimal, .percent:
            return NumberCoercion.coerce(cell, to: type, hint: hint)
        case .text, .code:
            return TextCoercion.coerce(cell)
        case .boolean:
            return BooleanCoercion.coerce(cell)
        case .date:
            return DateCoercion.coerce(cell)
        case .inn, .ogrn, .kpp, .oktmo:
            return IdentifierCoercion.coerce(cell, as: IdentifierCoercion.Kind(type)!)
        }
    }
}
