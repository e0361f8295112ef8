import SvodLocale
import SvodSchema
import SvodWorkbook

/// One of svod's own checks (as opposed to a form's rules): its id, how bad it usually is, what
/// it means for a school and how to fix it. README's table of findings is this catalogue.
public struct FindingKind: Sendable, Equatable {
    /// The id a finding carries in `rule`.
    public let id: String
    /// The usual severity (some kinds are errors for required fields, warnings otherwise).
    public let severity: Severity
    /// What it means, for the school.
    public let meaning: LocalizedText
    /// What to do about it.
    public let fix: LocalizedText
}

/// Every built-in finding kind, in the order a school meets them reading its file.
public enum FindingKinds {
    public static let formVersion = FindingKind(id: "form.version", severity: .warning,
        meaning: .init(ru: "файл заполнен по шаблону другой версии формы", en: "the file was filled in another version's template"),
        fix: .init(ru: "возьмите новый шаблон (svod template) и перенесите данные", en: "take a new template (svod template) and copy the data over"))
    public static let formEmpty = FindingKind(id: "form.empty", severity: .error,
        meaning: .init(ru: "в форме не заполнено ни одно обязательное значение", en: "not one required value of the form is filled"),
        fix: .init(ru: "заполните форму: пустой бланк не отчёт", en: "fill the form in: a blank template is no report"))
    public static let schoolSubmitter = FindingKind(id: "school.submitter", severity: .error,
        meaning: .init(ru: "организация на титуле не сдаёт эту форму", en: "the organisation on the title sheet does not submit this form"),
        fix: .init(ru: "проверьте код школы на листе «Титул» или возьмите нужную форму", en: "check the school's code on «Титул», or take the right form"))
    public static let sheetMissing = FindingKind(id: "sheet.missing", severity: .error,
        meaning: .init(ru: "в файле нет обязательного листа формы", en: "a required sheet of the form is missing"),
        fix: .init(ru: "верните лист из шаблона (svod template) и заполните его", en: "bring the sheet back from the template (svod template) and fill it"))
    public static let sheetRenamed = FindingKind(id: "sheet.renamed", severity: .warning,
        meaning: .init(ru: "лист назван иначе, чем в шаблоне, но узнан", en: "a sheet is named otherwise than in the template, but was recognised"),
        fix: .init(ru: "верните листу имя из шаблона", en: "give the sheet its template name back"))
    public static let sheetHeader = FindingKind(id: "sheet.header", severity: .error,
        meaning: .init(ru: "на листе не найдена шапка таблицы", en: "the table's header is not on the sheet"),
        fix: .init(ru: "верните строку заголовков из шаблона", en: "bring the header row back from the template"))
    public static let sheetEmpty = FindingKind(id: "sheet.empty", severity: .error,
        meaning: .init(ru: "в обязательной таблице нет ни одной строки данных", en: "a required table has no data rows"),
        fix: .init(ru: "заполните таблицу; если данных нет, напишите об этом в «Пояснениях» и уточните у куратора", en: "fill the table; if there is nothing to report, say so in «Пояснения» and ask the department"))
    public static let columnMissing = FindingKind(id: "column.missing", severity: .error,
        meaning: .init(ru: "в таблице нет столбца формы (ошибка — для обязательного)", en: "a column of the form is missing (an error for a required one)"),
        fix: .init(ru: "верните столбец из шаблона", en: "bring the column back from the template"))
    public static let columnMoved = FindingKind(id: "column.moved", severity: .warning,
        meaning: .init(ru: "столбцы переставлены; найдены по заголовкам и проверены", en: "columns were moved; found by their headers and checked"),
        fix: .init(ru: "верните порядок столбцов из шаблона", en: "restore the template's column order"))
    public static let gridCode = FindingKind(id: "grid.code", severity: .error,
        meaning: .init(ru: "на листе-бланке нет строки или графы с нужным кодом", en: "a grid sheet lacks a row or column code"),
        fix: .init(ru: "верните коды строк («№ строки») и граф из шаблона", en: "restore the row («№ строки») and column codes from the template"))
    public static let gridCodes = FindingKind(id: "grid.codes", severity: .warning,
        meaning: .init(ru: "коды строк и граф стёрты; значения взяты из ячеек шаблона", en: "the row and column codes were lost; values are read at the template's cells"),
        fix: .init(ru: "верните коды строк и граф из шаблона", en: "restore the row and column codes from the template"))
    public static let fieldRequired = FindingKind(id: "field.required", severity: .error,
        meaning: .init(ru: "обязательная ячейка пуста", en: "a required cell is empty"),
        fix: .init(ru: "заполните ячейку; ноль пишется как 0", en: "fill the cell; nothing is written as 0"))
    public static let fieldType = FindingKind(id: "field.type", severity: .error,
        meaning: .init(ru: "значение не читается как нужный тип (число, дата, да/нет, ИНН…)", en: "the value cannot be read as its type (number, date, yes/no, ИНН…)"),
        fix: .init(ru: "введите одно значение без единиц и пояснений («12», а не «12 чел.»)", en: "type the bare value («12», not «12 чел.»)"))
    public static let fieldFormat = FindingKind(id: "field.format", severity: .warning,
        meaning: .init(ru: "значение прочитано, но записано не так, как ждёт форма (число текстом и т. п.)", en: "the value was read, but is written otherwise than the form expects (a number stored as text…)"),
        fix: .init(ru: "введите значение заново в формате ячейки шаблона", en: "retype the value in the template cell's format"))
    public static let fieldRange = FindingKind(id: "field.range", severity: .error,
        meaning: .init(ru: "число вне допустимых границ", en: "a number outside its bounds"),
        fix: .init(ru: "проверьте значение; границы — в svod schemas show", en: "check the value; bounds are in svod schemas show"))
    public static let fieldList = FindingKind(id: "field.list", severity: .error,
        meaning: .init(ru: "значения нет в справочнике (предмет, класс, школа…)", en: "the value is not in its list (subject, class, school…)"),
        fix: .init(ru: "выберите значение из раскрывающегося списка шаблона", en: "pick the value from the template's drop-down list"))
    public static let fieldAllowed = FindingKind(id: "field.allowed", severity: .error,
        meaning: .init(ru: "значение не из допустимых для этого поля", en: "the value is not one of the field's allowed values"),
        fix: .init(ru: "введите одно из допустимых значений", en: "type one of the allowed values"))
    public static let fieldPattern = FindingKind(id: "field.pattern", severity: .error,
        meaning: .init(ru: "значение записано не по образцу (учебный год, код…)", en: "the value does not follow its pattern (academic year, code…)"),
        fix: .init(ru: "запишите значение так, как показано в сообщении", en: "write the value as the message shows"))
    public static let keyDuplicate = FindingKind(id: "key.duplicate", severity: .error,
        meaning: .init(ru: "строка таблицы повторяет другую (те же класс, предмет…)", en: "a table row repeats another (same class, subject…)"),
        fix: .init(ru: "сложите или удалите повторную строку", en: "merge or delete the repeated row"))
    public static let rowMissing = FindingKind(id: "row.missing", severity: .error,
        meaning: .init(ru: "нет строки из перечня формы", en: "a row of the form's fixed list is missing"),
        fix: .init(ru: "верните строку из шаблона; нули пишутся как 0", en: "bring the row back from the template; zeros are written as 0"))
    public static let rowUnexpected = FindingKind(id: "row.unexpected", severity: .warning,
        meaning: .init(ru: "строки нет в перечне формы", en: "a row that is not in the form's list"),
        fix: .init(ru: "удалите строку или исправьте её название", en: "delete the row or correct its name"))
    public static let totalsSum = FindingKind(id: "totals.sum", severity: .error,
        meaning: .init(ru: "строка «Всего»/«Итого» не равна сумме своих строк", en: "a «Всего»/«Итого» row does not equal the sum of its rows"),
        fix: .init(ru: "исправьте итог или строки, из которых он складывается", en: "correct the total or the rows it adds up"))
    public static let previousNotCompared = FindingKind(id: "previous.not-compared", severity: .info,
        meaning: .init(ru: "файл прошлого периода дан, но сравнить не с чем: на титуле не читается школа или период", en: "a previous period's file was given, but the title names no readable school or period to compare"),
        fix: .init(ru: "исправьте школу и период на листе «Титул» и проверьте снова", en: "correct the school and the period on «Титул» and check again"))
    public static let crossformNotCompared = FindingKind(id: "crossform.not-compared", severity: .info,
        meaning: .init(ru: "сверка с другой формой школы за тот же период не проведена: файла этой формы нет среди проверяемых или в хранилище", en: "the comparison with another form of the school for the period was not made: that form's file is not among the files checked, or not in the store"),
        fix: .init(ru: "проверьте оба файла вместе (svod validate) или примите файл другой формы (svod import)", en: "check both files together (svod validate), or import the other form's file (svod import)"))
    public static let explanationUnused = FindingKind(id: "explanation.unused", severity: .info,
        meaning: .init(ru: "пояснение не относится ни к одному предупреждению (другая ячейка или ошибка, а ошибки не поясняют)", en: "an explanation matches no warning (another cell, or an error, which cannot be explained)"),
        fix: .init(ru: "укажите правило и ячейку предупреждения; ошибку исправьте", en: "give the warning's rule and cell; correct an error instead"))

    /// The catalogue, in reading order.
    public static let all: [FindingKind] = [
        formVersion, formEmpty, schoolSubmitter, sheetMissing, sheetRenamed, sheetHeader, sheetEmpty, columnMissing, columnMoved,
        gridCode, gridCodes, fieldRequired, fieldType, fieldFormat, fieldRange, fieldList, fieldAllowed, fieldPattern,
        keyDuplicate, rowMissing, rowUnexpected, totalsSum, previousNotCompared, crossformNotCompared, explanationUnused,
    ]

    /// A kind by id.
    public static func kind(_ id: String) -> FindingKind? { all.first { $0.id == id } }
}

extension Finding {
    /// A finding of a built-in kind, with the kind's severity unless the caller decides.
    init(_ kind: FindingKind, _ severity: Severity? = nil, sheet: String? = nil, cell: CellReference? = nil, field: String? = nil,
         actual: String? = nil, expected: String? = nil, difference: String? = nil, message: LocalizedText) {
        self.init(severity ?? kind.severity, rule: kind.id, sheet: sheet, cell: cell, field: field, actual: actual,
                  expected: expected, difference: difference, message: message)
    }
}
