import Foundation
import SvodWorkbook

/// A cell's value read as the type its field declares.
public enum FieldValue: Equatable, Sendable {
    /// A number, exact in decimal (float noise from the file already rounded away).
    case number(Decimal)
    /// Text, trimmed; identifiers and codes keep their leading zeros here.
    case text(String)
    /// да/нет.
    case bool(Bool)
    /// A calendar date.
    case date(CivilDateTime)
    /// Nothing there: an empty cell or a placeholder such as «-» or «н/д».
    case missing
}
