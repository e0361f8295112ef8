import SvodPackage
import SvodWorkbook
import SvodXML

/// Turns a worksheet part's SAX events into rows, one `<row>` at a time.
///
/// It keeps only the current row and the rows finished in the current chunk, so memory
/// stays flat however long the sheet is.
final class WorksheetParser: XMLHandler, RowProducer {
    private let sheetName: String
    private let sharedStrings: SharedStringsHandle
    private var stringCache = SharedStringCache()
    private let styleKinds: [NumberFormatKind]
    private let dateSystem: DateSystem
    private let limits: CellLimits
    /// Text and formula bytes of the cells built since the reader last took the rows.
    private var inFlight = 0

    /// Rows finished and not yet taken by the reader.
    var pending: [Row] = []
    private(set) var merges: [CellRange] = []

    private var alternate = AlternateContentFilter()
    private var inSheetData = false
    private var rowIndex = -1
    private var rowCells: [Cell] = []
    private var cellCount = 0

    // The cell being read.
    private var inCell = false
    private var column = -1
    private var cellRow = 0
    private var type: CellType = .number
    private var style = 0
    private var value: [UInt8] = []
    private var hasValue = false
    private var formula: [UInt8] = []
    private var hasFormula = false
    private var sharedIndex: Int?
    private var sharedRef: Bool = false
    private var inlineText: [UInt8] = []
    private var hasInline = false
    private var capture: Capture = .none
    private var phoneticDepth = 0
    private var runStart = 0
    private var preserve = false

    /// Shared formula masters by `si`: text and anchor cell.
    private var sharedMasters: [Int: (String, CellReference)] = [:]

    private enum CellType { case number, shared, string, inline, bool, error, date }
    private enum Capture { case none, value, formula, inline }

    private var tRow = XMLToken.unset, tC = XMLToken.unset, tV = XMLToken.unset, tF = XMLToken.unset
    private var tIs = XMLToken.unset, tT = XMLToken.unset, tRPh = XMLToken.unset, tR = XMLToken.unset
    private var tS = XMLToken.unset, tType = XMLToken.unset, tSi = XMLToken.unset, tRef = XMLToken.unset
    private var tSheetData = XMLToken.unset, tMergeCell = XMLToken.unset, tSpace = XMLToken.unset
    private var xmlNS: XMLNamespaceToken?

    /// Cells with a style and no value are kept (for copies of the workbook's look).
    private let keepsStyledBlanks: Bool

    init(sheetName: String, sharedStrings: SharedStringsHandle, styleKinds: [NumberFormatKind], dateSystem: DateSystem,
         limits: CellLimits, keepsStyledBlanks: Bool = false) {
        self.keepsStyledBlanks = keepsStyledBlanks
        self.sheetName = sheetName
        self.sharedStrings = sharedStrings
        self.styleKinds = styleKinds
        self.dateSystem = dateSystem
        self.limits = limits
    }

    override func prepare(_ names: XMLNameTable) {
        alternate.prepare(names)
        tRow = names.token("row"); tC = names.token("c"); tV = names.token("v"); tF = names.token("f")
        tIs = names.token("is"); tT = names.token("t"); tRPh = names.token("rPh"); tR = names.token("r")
        tS = names.token("s"); tType = names.token("t"); tSi = names.token("si"); tRef = names.token("ref")
        tSheetData = names.token("sheetData"); tMergeCell = names.token("mergeCell"); tSpace = names.token("space"); xmlNS = names.namespace(OOXMLText.xmlNamespace)
    }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if alternate.skipStart(name) { return }
        let n = name.local
        if inCell {
            if n == tV { capture = .value; hasValue = true; value.removeAll(keepingCapacity: true) }
            else if n == tF { startFormula(attributes) }
            else if n == tIs { hasInline = true; inlineText.removeAll(keepingCapacity: true) }
            else if n == tT && hasInline && phoneticDepth == 0 {
                capture = .inline
                runStart = inlineText.count
                preserve = OOXMLText.preservesSpace(attributes, tSpace, xmlNS!)
            }
            else if n == tRPh { phoneticDepth += 1 }
            return
        }
        if n == tC && inSheetData { startCell(attributes) }
        else if n == tRow && inSheetData { startRow(attributes) }
        else if n == tSheetData { inSheetData = true }
        else if n == tMergeCell, let ref = attributes.string(tRef), let range = CellRange(ref) {
            merges.append(range)
            if merges.count > limits.maxMerges {
                failure = ReadError.tooManyMerges(sheet: sheetName, limit: limits.maxMerges)
            }
        }
    }

    override func endElement(_ name: XMLName) {
        if alternate.skipEnd() { return }
        let n = name.local
        if inCell {
            if n == tC { endCell() }
            else if n == tRPh { phoneticDepth -= 1 }
            else if capture == .inline && n == tT {
                capture = .none
                if !preserve { OOXMLText.trimTail(&inlineText, from: runStart) }
            } else if capture != .none && (n == tV || n == tF) { capture = .none }
            return
        }
        if n == tRow && inSheetData { endRow() }
        else if n == tSheetData {
            inSheetData = false
            endRow()
            if let error = sharedStrings.table.completionError() { failure = error }
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        let size: Int
        switch capture {
        case .none: return
        case .value: value.append(contentsOf: bytes); size = value.count
        case .formula: formula.append(contentsOf: bytes); size = formula.count
        case .inline: inlineText.append(contentsOf: bytes); size = inlineText.count
        }
        if size > limits.maxTextBytes {
            failure = ReadError.textTooLong(sheet: sheetName, row: rowIndex, column: column, limit: limits.maxTextBytes)
        }
    }

    func didHandOver() { inFlight = 0 }

    private func startRow(_ attributes: XMLAttributes) {
        endRow()
        if let r = attributes.bytes(tR).flatMap({ XMLNumber.int($0) }) {
            guard r >= 1, r <= CellReference.maxRows else {
                failure = ReadError.outsideGrid(sheet: sheetName, row: r - 1, column: 0)
                return
            }
            rowIndex = r - 1
        } else {
            rowIndex += 1
            guard rowIndex < CellReference.maxRows else {
                failure = ReadError.outsideGrid(sheet: sheetName, row: rowIndex, column: 0)
                return
            }
        }
        column = -1
    }

    private func endRow() {
        guard !rowCells.isEmpty else { return }
        // Writers put cells in column order; where one did not, the row is put in order (the
        // last of two cells at one column wins, as it would overwrite the first in Excel).
        if !zip(rowCells, rowCells.dropFirst()).allSatisfy({ $0.column < $1.column }) {
            var byColumn: [Int: Cell] = [:]
            for cell in rowCells { byColumn[cell.column] = cell }
            rowCells = byColumn.keys.sorted().map { byColumn[$0]! }
        }
        pending.append(Row(index: cellRow, cells: rowCells))
        rowCells.removeAll(keepingCapacity: true)
    }

    private func startCell(_ attributes: XMLAttributes) {
        inCell = true
        if rowIndex < 0 { rowIndex = 0 }
        // One pass over the attributes instead of a lookup per attribute: this runs per cell.
        var ref: UnsafeBufferPointer<UInt8>?
        type = .number
        style = 0
        attributes.forEach { name, value in
            if name.local == tR { ref = value }
            else if name.local == tS { style = XMLNumber.int(value) ?? 0 }
            else if name.local == tType { type = Self.cellType(value) }
        }
        if let ref {
            guard let parsed = CellReference.parse(ref) else {
                let text = String(decoding: ref, as: UTF8.self)
                // Letters then digits is a reference, just outside the grid; anything else is garbage.
                let shape = text.drop { $0.isLetter || $0 == "$" }
                if !shape.isEmpty, shape.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "$") }), shape.count < text.count {
                    failure = ReadError(.limit, .init(
                        ru: "лист «\(sheetName)»: ячейка «\(text)» за пределами XFD1048576",
                        en: "sheet '\(sheetName)': cell '\(text)' lies beyond XFD1048576"))
                    return
                }
                failure = ReadError(.malformed, .init(
                    ru: "лист «\(sheetName)»: недопустимый адрес ячейки «\(text)»",
                    en: "sheet '\(sheetName)': invalid cell reference '\(text)'"))
                return
            }
            column = parsed.column
            rowIndex = parsed.row
        } else {
            column += 1
            if column >= CellReference.maxColumns {
                failure = ReadError.outsideGrid(sheet: sheetName, row: rowIndex, column: column)
                return
            }
        }
        // A cell whose reference names another row than the cells before it starts that row.
        if rowIndex != cellRow { endRow() }
        cellRow = rowIndex
        hasValue = false
        hasFormula = false
        hasInline = false
        sharedIndex = nil
        capture = .none
    }

    private func startFormula(_ attributes: XMLAttributes) {
        hasFormula = true
        capture = .formula
        formula.removeAll(keepingCapacity: true)
        if let t = attributes.bytes(tType), t.count == 6, t[0] == 0x73, t[1] == 0x68 {  // "shared"
            sharedIndex = attributes.bytes(tSi).flatMap { XMLNumber.int($0) }
            sharedRef = attributes.bytes(tRef) != nil
        }
    }

    private func endCell() {
        inCell = false
        capture = .none
        let v = cellValue()
        let f = formulaText()
        guard !v.isEmpty || f != nil || (keepsStyledBlanks && style > 0) else { return }
        cellCount += 1
        if cellCount > limits.maxCells { failure = ReadError.tooManyCells(sheet: sheetName, limit: limits.maxCells); return }
        if case .text(let s) = v { inFlight += s.utf8.count }
        inFlight += f?.utf8.count ?? 0
        if inFlight > limits.maxTextBytesInFlight {
            failure = ReadError.tooMuchTextInFlight(sheet: sheetName, limit: limits.maxTextBytesInFlight)
            return
        }
        var percent = false
        if case .number = v, style >= 0, style < styleKinds.count, styleKinds[style] == .percent { percent = true }
        rowCells.append(Cell(column: column, value: v, formula: f, isPercent: percent, style: style))
    }

    private func formulaText() -> String? {
        guard hasFormula else { return nil }
        let here = CellReference(row: cellRow, column: column)
        if let si = sharedIndex {
            if !formula.isEmpty {
                let text = String(decoding: formula, as: UTF8.self)
                if sharedRef || sharedMasters[si] == nil { sharedMasters[si] = (text, here) }
                return text
            }
            guard let (text, anchor) = sharedMasters[si] else { return nil }
            return SharedFormula.shift(text, rows: here.row - anchor.row, columns: here.column - anchor.column)
        }
        return formula.isEmpty ? nil : String(decoding: formula, as: UTF8.self)
    }

    private func cellValue() -> CellValue {
        switch type {
        case .shared:
            guard hasValue, let i = XMLNumber.int(value), i >= 0 else { return .empty }
            do {
                return try stringCache.string(at: i, in: sharedStrings.table).map { .text($0) } ?? .empty
            } catch {
                failure = error
                return .empty
            }
        case .string:
            return hasValue ? .text(OOXMLText.decode(value)) : .empty
        case .inline:
            if hasInline { return .text(OOXMLText.decode(inlineText)) }
            return hasValue ? .text(OOXMLText.decode(value)) : .empty
        case .bool:
            guard hasValue else { return .empty }
            let t = trimmed(value)
            return .bool(t == [0x31] || t.elementsEqual("true".utf8))
        case .error:
            return hasValue ? .error(String(decoding: trimmed(value), as: UTF8.self)) : .empty
        case .date:
            guard hasValue else { return .empty }
            let text = String(decoding: trimmed(value), as: UTF8.self)
            if let d = ISO8601.dateTime(text) { return .date(d) }
            if let t = ISO8601.timeOfDay(text) { return .time(t) }
            return .text(text)
        case .number:
            guard hasValue, let d = XMLNumber.double(value) else {
                // A number cell whose <v> is not a number still carries what was written.
                return hasValue && !trimmed(value).isEmpty ? .text(String(decoding: value, as: UTF8.self)) : .empty
            }
            guard style >= 0, style < styleKinds.count else { return .number(d) }
            return Self.typed(d, styleKinds[style], dateSystem)
        }
    }

    /// A number under a date or duration format becomes a date, a time or a duration.
    static func typed(_ d: Double, _ kind: NumberFormatKind, _ system: DateSystem) -> CellValue {
        switch kind {
        case .number, .percent:
            return .number(d)
        case .duration:
            return .duration((d * 86_400 * 1000).rounded() / 1000)
        case .dateTime(let hasDate, let hasTime):
            if !hasDate && d >= 0 && d < 1 { return .time((d * 86_400 * 1_000_000).rounded() / 1_000_000) }
            let isWholeDay = d == d.rounded(.down)
            guard let dt = system.dateTime(serial: d, hasTime: hasTime || !isWholeDay) else { return .number(d) }
            return .date(dt)
        }
    }

    private func trimmed(_ b: [UInt8]) -> ArraySlice<UInt8> {
        var s = b[...]
        while let f = s.first, f == 0x20 || f == 0x0A || f == 0x0D || f == 0x09 { s.removeFirst() }
        while let l = s.last, l == 0x20 || l == 0x0A || l == 0x0D || l == 0x09 { s.removeLast() }
        return s
    }

    private static func cellType(_ t: UnsafeBufferPointer<UInt8>) -> CellType {
        switch t.count {
        case 1:
            switch t[0] {
            case 0x73: return .shared    // s
            case 0x62: return .bool      // b
            case 0x65: return .error     // e
            case 0x64: return .date      // d
            default: return .number      // n
            }
        case 3 where t[0] == 0x73 && t[1] == 0x74 && t[2] == 0x72:  // str
            return .string
        case 9 where t[0] == 0x69 && t[6] == 0x53:  // inlineStr
            return .inline
        default:
            return .number
        }
    }
}
