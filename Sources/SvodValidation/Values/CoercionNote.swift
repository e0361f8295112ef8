import SvodLocale

/// Something a cell did that was accepted, but that the validator reports as a warning.
public enum CoercionNote: Equatable, Sendable {
    /// A number was typed as text (Excel shows the green triangle); formulas over it break.
    case numberStoredAsText
    /// A number carried a percent sign in a field that is not a percentage; the number was kept.
    case percentSignInNonPercentField
    /// A percentage was stored as a fraction of one (0.817 for 81,7 %) and multiplied by 100.
    case percentAsFraction
    /// A date was typed as text rather than as a date.
    case dateAsText
    /// An identifier was stored as a number, so it was left-padded with zeros to this many digits.
    case identifierWasNumber(paddedTo: Int)

    /// The warning text.
    public var message: LocalizedText {
        switch self {
        case .numberStoredAsText:
            return LocalizedText(ru: "число записано как текст",
                                 en: "the number is stored as text")
        case .percentSignInNonPercentField:
            return LocalizedText(
                ru: "у числа стоит знак процента, хотя поле не процентное; взято число без знака",
                en: "the number has a percent sign although the field is not a percentage; the number was taken without it")
        case .percentAsFraction:
            return LocalizedText(
                ru: "процент записан долей единицы (0,817 вместо 81,7) и умножен на 100",
                en: "the percentage is stored as a fraction of one (0.817 for 81.7) and was multiplied by 100")
        case .dateAsText:
            return LocalizedText(ru: "дата записана как текст",
                                 en: "the date is stored as text")
        case .identifierWasNumber(let n):
            return LocalizedText(
                ru: "код записан числом, а не текстом, поэтому Excel мог отбросить ведущие нули; прочитан как \(n)-значный",
                en: "the code is stored as a number, so Excel may have dropped leading zeros; read as \(n) digits")
        }
    }
}
