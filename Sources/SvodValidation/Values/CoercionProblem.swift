import SvodLocale
import SvodSchema

/// Why a cell could not be read as its field's type.
public struct CoercionProblem: Equatable, Sendable {
    /// What the field wanted.
    public var expected: Expected
    /// What went wrong, for programs that group or count problems.
    public var reason: Reason
    /// One line for the school, naming what was expected and what the cell holds.
    public var message: LocalizedText

    /// A problem with its message already written.
    public init(expected: Expected, reason: Reason, message: LocalizedText) {
        self.expected = expected
        self.reason = reason
        self.message = message
    }

    /// Kinds of value a field can want.
    public enum Expected: String, Equatable, Sendable, CaseIterable {
        /// Any number.
        case number
        /// A whole number.
        case wholeNumber
        /// A percentage, as a number.
        case percentage
        /// Text.
        case text
        /// да or нет.
        case boolean
        /// A date.
        case date
        /// An item of a reference list.
        case code
        /// ИНН.
        case inn
        /// ОГРН or ОГРНИП.
        case ogrn
        /// КПП.
        case kpp
        /// ОКТМО.
        case oktmo

        /// What a field of this type wants, for problem messages.
        public static func of(_ type: FieldType) -> Expected {
            switch type {
            case .integer: return .wholeNumber
            case .decimal: return .number
            case .percent: return .percentage
            case .text: return .text
            case .boolean: return .boolean
            case .date: return .date
            case .code: return .code
            case .inn: return .inn
            case .ogrn: return .ogrn
            case .kpp: return .kpp
            case .oktmo: return .oktmo
            }
        }

        /// "ожидалось число" — with the verb, because Russian agrees it with the noun's gender.
        public var phrase: LocalizedText {
            switch self {
            case .number: return LocalizedText(ru: "ожидалось число", en: "expected a number")
            case .wholeNumber: return LocalizedText(ru: "ожидалось целое число", en: "expected a whole number")
            case .percentage: return LocalizedText(ru: "ожидалось число (процент)", en: "expected a number (a percentage)")
            case .text: return LocalizedText(ru: "ожидался текст", en: "expected text")
            case .boolean: return LocalizedText(ru: "ожидалось «да» или «нет»", en: "expected yes or no")
            case .date: return LocalizedText(ru: "ожидалась дата вида ДД.ММ.ГГГГ", en: "expected a date as DD.MM.YYYY")
            case .code: return LocalizedText(ru: "ожидалось значение из справочника", en: "expected a value from the list")
            case .inn: return LocalizedText(ru: "ожидался ИНН (10 или 12 цифр)", en: "expected an INN (10 or 12 digits)")
            case .ogrn:
                return LocalizedText(ru: "ожидался ОГРН (13 цифр) или ОГРНИП (15 цифр)",
                                     en: "expected an OGRN (13 digits) or OGRNIP (15 digits)")
            case .kpp:
                return LocalizedText(ru: "ожидался КПП (9 знаков: 4 цифры, 2 цифры или латинские буквы, 3 цифры)",
                                     en: "expected a KPP (9 characters: 4 digits, 2 digits or Latin capitals, 3 digits)")
            case .oktmo: return LocalizedText(ru: "ожидался код ОКТМО (8 или 11 цифр)", en: "expected an OKTMO code (8 or 11 digits)")
            }
        }
    }

    /// What went wrong.
    public enum Reason: String, Equatable, Sendable, CaseIterable {
        /// The content is not a value of the expected kind at all («12 чел.», a date in a number field).
        case unreadable
        /// Text that reads as a number more than one way («1,234.5»).
        case ambiguousNumber
        /// A number with a fraction where a whole number is wanted.
        case notWhole
        /// A date written with a two-digit year.
        case twoDigitYear
        /// A date that does not exist (31.02.2024).
        case impossibleDate
        /// An identifier of the wrong length or with characters it cannot have.
        case malformedIdentifier
        /// An identifier whose check digit does not match.
        case checkDigit
        /// The cell holds a formula error such as `#DIV/0!`.
        case formulaError
    }
}
