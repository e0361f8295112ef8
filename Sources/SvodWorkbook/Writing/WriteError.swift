import SvodLocale

/// Why a workbook could not be written as asked.
public enum WriteError: LocalizedFailure, Equatable {
    /// Text holds a character the format cannot store (a control character).
    case illegalCharacter(sheet: String, cell: CellReference, scalar: UInt32)
    /// Text is longer than a cell may hold (32,767 characters).
    case textTooLong(sheet: String, cell: CellReference, length: Int)
    /// A number is infinite or not a number.
    case notFinite(sheet: String, cell: CellReference)
    /// A sheet name breaks the programs' rules.
    case badSheetName(String, LocalizedText)
    /// Two sheets share a name (compared ignoring case, as the programs do).
    case duplicateSheetName(String)
    /// Rows or cells came out of order, or outside the grid.
    case outOfOrder(sheet: String, cell: CellReference)
    /// A merged range overlaps another, or came after its first row was written.
    case badMerge(sheet: String, range: CellRange)
    /// A call came at the wrong time (a row with no sheet begun, a sheet not ended).
    case misuse(String)
    /// A defined name is not a valid name or its reference cannot be translated.
    case badDefinedName(String)

    public var kind: FailureKind { .unreadable }

    public var message: LocalizedText {
        switch self {
        case .illegalCharacter(let sheet, let cell, let scalar):
            let hex = String(scalar, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            return .init(ru: "\(sheet)!\(cell.a1): текст содержит управляющий символ \(code), который нельзя записать в файл",
                         en: "\(sheet)!\(cell.a1): the text holds control character \(code), which the file cannot store")
        case .textTooLong(let sheet, let cell, let length):
            return .init(ru: "\(sheet)!\(cell.a1): текст длиной \(length) символов, а в ячейке допускается не более 32767",
                         en: "\(sheet)!\(cell.a1): the text is \(length) characters long; a cell holds at most 32767")
        case .notFinite(let sheet, let cell):
            return .init(ru: "\(sheet)!\(cell.a1): число бесконечно или не определено", en: "\(sheet)!\(cell.a1): the number is infinite or NaN")
        case .badSheetName(let name, let why):
            return .init(ru: "недопустимое имя листа «\(name)»: \(why.ru)", en: "invalid sheet name '\(name)': \(why.en)")
        case .duplicateSheetName(let name):
            return .init(ru: "лист «\(name)» уже есть в книге", en: "the workbook already has a sheet '\(name)'")
        case .outOfOrder(let sheet, let cell):
            return .init(ru: "\(sheet)!\(cell.a1): строки и ячейки записываются по порядку и в пределах XFD1048576",
                         en: "\(sheet)!\(cell.a1): rows and cells must be written in order and within XFD1048576")
        case .badMerge(let sheet, let range):
            return .init(ru: "\(sheet)!\(range.a1): объединение пересекается с другим или задано после своей первой строки",
                         en: "\(sheet)!\(range.a1): the merge overlaps another or comes after its first row")
        case .misuse(let what):
            return .init(ru: "неверный порядок записи: \(what)", en: "writer used out of order: \(what)")
        case .badDefinedName(let name):
            return .init(ru: "недопустимое имя диапазона «\(name)»", en: "invalid defined name '\(name)'")
        }
    }
}
