import Foundation
import SvodLocale
import SvodSchema
import SvodWorkbook

/// Integer, decimal and percent fields.
enum NumberCoercion {
    /// Reads a cell that is not empty, not a placeholder and not an error.
    static func coerce(_ cell: CellValue, to type: FieldType, hint: NumberFormatHint) -> Coercion {
        let isPercentField: Bool
        if case .percent = type { isPercentField = true } else { isPercentField = false }
        let expected = CoercionProblem.Expected.of(type)

        var value: Decimal
        var notes: [CoercionNote] = []
        switch cell {
        case .number(let x):
            guard let d = DecimalReading.decimal(from: x) else { return .failed(.expected(expected, found: cell)) }
            value = d
            if isPercentField && hint == .percent && value != 0 {
                // Typing 81,7 into a %-formatted cell stores 0.817; the form publishes 81,7. The
                // cell shows 100 times what it holds whatever the size: 150 % is 1.5, not 1.5 %.
                value *= 100
                notes.append(.percentAsFraction)
            } else if !isPercentField && hint == .percent {
                notes.append(.percentSignInNonPercentField)
            }
        case .text(let raw):
            switch RussianNumberText.read(CellText.trimmed(raw)) {
            case .number(let d, let percentSign):
                value = d
                notes.append(.numberStoredAsText)
                if percentSign && !isPercentField { notes.append(.percentSignInNonPercentField) }
            case .ambiguous:
                return .failed(.expected(expected, found: cell, reason: .ambiguousNumber, detail: ambiguity))
            case .notANumber:
                return .failed(.expected(expected, found: cell))
            }
        case .date:
            return .failed(.expected(expected, found: cell, detail: dateInstead))
        default:
            return .failed(.expected(expected, found: cell))
        }

        if type == .integer, !(isWholeCell(cell) || DecimalReading.isWhole(value)) {
            return .failed(.expected(expected, found: cell, reason: .notWhole))
        }
        return .ok(.number(value), notes)
    }

    /// A number cell with no fraction: known without rounding a Decimal.
    private static func isWholeCell(_ cell: CellValue) -> Bool {
        if case .number(let x) = cell { return x == x.rounded() }
        return false
    }

    private static let ambiguity = LocalizedText(
        ru: "непонятно, какой знак отделяет дробную часть; пишите дробь через запятую, без разделителей разрядов или с пробелами",
        en: "it is unclear which mark starts the fraction; write the fraction after a comma and group thousands with spaces, if at all")

    // Russian Excel turns «12.5» typed into a number cell into the 12th of May.
    private static let dateInstead = LocalizedText(
        ru: "возможно, Excel принял введённое число за дату",
        en: "Excel may have taken the number typed for a date")
}
