import SvodLocale
import SvodWorkbook

// Every problem message follows one pattern, «ожидалось X, а в ячейке Y[: detail]», so a
// school learns to read them; the constructors here are the only place that pattern is spelled.
extension CoercionProblem {
    /// «ожидалось X, а в ячейке Y», with an optional explanation after a colon.
    static func expected(_ expected: Expected, found cell: CellValue, reason: Reason = .unreadable,
                         detail: LocalizedText? = nil) -> CoercionProblem {
        let found = CellDisplay.found(cell)
        var ru = "\(expected.phrase.ru), а в ячейке \(found.ru)"
        var en = "\(expected.phrase.en), but the cell holds \(found.en)"
        if let detail {
            ru += ": \(detail.ru)"
            en += ": \(detail.en)"
        }
        return CoercionProblem(expected: expected, reason: reason, message: LocalizedText(ru: ru, en: en))
    }

    /// «в ячейке ошибка формулы #DIV/0!».
    static func formulaError(_ code: String, expected: Expected) -> CoercionProblem {
        CoercionProblem(expected: expected, reason: .formulaError,
                        message: LocalizedText(ru: "в ячейке ошибка формулы \(code)",
                                               en: "the cell holds the formula error \(code)"))
    }

    /// «контрольная цифра ИНН 7707083894 не сходится».
    static func checkDigit(_ expected: Expected, kind: LocalizedText, value: String) -> CoercionProblem {
        CoercionProblem(expected: expected, reason: .checkDigit,
                        message: LocalizedText(ru: "контрольная цифра \(kind.ru) \(value) не сходится",
                                               en: "the check digit of \(kind.en) \(value) does not match"))
    }
}
