import SvodLocale
import SvodSchema
import SvodWorkbook

/// ИНН, ОГРН, КПП and ОКТМО fields: kept as text, so leading zeros survive.
enum IdentifierCoercion {
    /// One of the four identifiers.
    enum Kind {
        case inn, ogrn, kpp, oktmo

        /// The identifier a field type holds, if it holds one.
        init?(_ type: FieldType) {
            switch type {
            case .inn: self = .inn
            case .ogrn: self = .ogrn
            case .kpp: self = .kpp
            case .oktmo: self = .oktmo
            default: return nil
            }
        }

        /// Lengths it comes in, shortest first.
        var lengths: [Int] {
            switch self {
            case .inn: return [10, 12]
            case .ogrn: return [13, 15]
            case .kpp: return [9]
            case .oktmo: return [8, 11]
            }
        }

        var expected: CoercionProblem.Expected {
            switch self {
            case .inn: return .inn
            case .ogrn: return .ogrn
            case .kpp: return .kpp
            case .oktmo: return .oktmo
            }
        }
    }

    /// How many leading zeros a number cell may have lost.
    static let maxLostZeros = 1

    /// Reads a cell that is not empty, not a placeholder and not an error.
    static func coerce(_ cell: CellValue, as kind: Kind) -> Coercion {
        switch cell {
        case .text(let raw):
            // Schools type ИНН in groups («77 07 083893») and CSV exports keep Excel's «'» text mark.
            var text = CellText.withoutSpaces(raw)
            if text.hasPrefix("'") { text.removeFirst() }
            return validated(text, as: kind, cell: cell, notes: [])
        case .number(let x):
            guard let d = DecimalReading.decimal(from: x), d >= 0, DecimalReading.isWhole(d) else {
                return .failed(.expected(kind.expected, found: cell, reason: .malformedIdentifier))
            }
            // Excel stored the code as a number, so its leading zeros are gone; the field's
            // lengths say how many there were (a 9-digit ИНН can only be a 10-digit one). All four
            // start with a region or tax-office code from 01, so at most one zero can have been lost.
            let digits = DecimalReading.text(d, separator: ".")
            guard let length = kind.lengths.first(where: { $0 >= digits.count }),
                  length - digits.count <= maxLostZeros else {
                return .failed(.expected(kind.expected, found: cell, reason: .malformedIdentifier))
            }
            let padded = String(repeating: "0", count: length - digits.count) + digits
            return validated(padded, as: kind, cell: cell, notes: [.identifierWasNumber(paddedTo: length)])
        default:
            return .failed(.expected(kind.expected, found: cell, reason: .malformedIdentifier))
        }
    }

    private static func validated(_ text: String, as kind: Kind, cell: CellValue, notes: [CoercionNote]) -> Coercion {
        let malformed = CoercionProblem.expected(kind.expected, found: cell, reason: .malformedIdentifier)
        switch kind {
        case .inn:
            guard let d = RussianIdentifiers.digits(text), kind.lengths.contains(d.count) else { return .failed(malformed) }
            guard RussianIdentifiers.isValidINN(text) else {
                return .failed(.checkDigit(.inn, kind: LocalizedText(ru: "ИНН", en: "INN"), value: text))
            }
        case .ogrn:
            guard let d = RussianIdentifiers.digits(text), kind.lengths.contains(d.count) else { return .failed(malformed) }
            guard RussianIdentifiers.isValidOGRN(text) else {
                let name = d.count == 13 ? LocalizedText(ru: "ОГРН", en: "OGRN") : LocalizedText(ru: "ОГРНИП", en: "OGRNIP")
                return .failed(.checkDigit(.ogrn, kind: name, value: text))
            }
        case .kpp:
            guard RussianIdentifiers.isValidKPP(text) else { return .failed(malformed) }
        case .oktmo:
            guard RussianIdentifiers.isValidOKTMO(text) else { return .failed(malformed) }
        }
        return .ok(.text(text), notes)
    }
}
