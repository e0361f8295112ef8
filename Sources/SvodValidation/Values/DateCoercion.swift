import SvodLocale
import SvodWorkbook

/// Date fields.
enum DateCoercion {
    /// Reads a cell that is not empty, not a placeholder and not an error. The time of day is
    /// dropped: forms ask for days, and a stray 00:00 must not make equal dates differ.
    static func coerce(_ cell: CellValue) -> Coercion {
        switch cell {
        case .date(let d):
            return .ok(.date(CivilDateTime(days: d.days, seconds: 0, hasTime: false)))
        case .text(let raw):
            switch RussianDateText.read(CellText.trimmed(raw)) {
            case .date(let d):
                return .ok(.date(d), [.dateAsText])
            case .twoDigitYear:
                return .failed(.expected(.date, found: cell, reason: .twoDigitYear, detail: LocalizedText(
                    ru: "год нужно писать четырьмя цифрами", en: "the year must have four digits")))
            case .impossible:
                return .failed(.expected(.date, found: cell, reason: .impossibleDate, detail: LocalizedText(
                    ru: "такой даты нет", en: "there is no such date")))
            case .notADate:
                return .failed(.expected(.date, found: cell))
            }
        default:
            return .failed(.expected(.date, found: cell))
        }
    }
}
