import SvodWorkbook
import SvodXML

/// Turns an ODF spreadsheet body (content.xml, or a flat .fods) into sheets and rows.
///
/// Repeated rows stay one `Row` with a repeat count; repeated empty cells only move the
/// column, so LibreOffice's 16,384-column and million-row runs cost nothing.
final class ContentParser: XMLHandler {
    /// Rows completed, each tagged with its sheet index, not yet taken.
    var pending: [(sheet: Int, row: Row)] = []
    /// Sheets started so far, in order.
    private(set) var sheets: [SheetInfo] = []
    /// Merged ranges per sheet index.
    private(set) var merges: [Int: [CellRange]] = [:]
    private(set) var definedNames: [DefinedName] = []
    /// Database ranges showing filter buttons, as their target addresses (`ВПР.A1:ВПР.H5`).
    private(set) var filters: [String] = []
    /// When set, cells of other sheets are not decoded (random access to one sheet).
    var onlySheet: Int?
    /// When set, each cell's style is looked up in it (`Cell.style`), and with `keepsStyledBlanks`
    /// cells with a style and no value are kept: for copies that keep the look.
    var styles: ODSStyleCatalog?
    var keepsStyledBlanks = false
    /// The table's columns' default cell styles, as (first column, last column, style index).
    private var columnStyles: [(first: Int, last: Int, style: Int)] = []
    private var columnCursor = 0
    private var cellStyle = 0

    private let limits: CellLimits
    private var hiddenTableStyles = Set<String>()

    // Position.
    private var sheet = -1
    private var inTable = false
    private var tableDepth = 0
    private var rowIndex = 0
    private var rowRepeat = 1
    private var column = 0
    private var rowCells: [Cell] = []
    private var cellCount = 0

    // Current table-style being read in automatic styles.
    private var styleName: String?

    // Current cell.
    private var inCell = false
    private var cellDepth = 0
    private var colRepeat = 1
    private var isErrorCell = false
    /// The value read from the cell's typed attributes, or nil to fall back to its text.
    private var typedValue: CellValue?
    /// `office:value-type="percentage"`: the value is the fraction (0.817 for 81,7 %).
    private var isPercentCell = false
    /// Text and formula bytes of the cells built since the reader last took the rows.
    private var inFlight = 0
    /// Whether the cell's text is its value: only when no typed value says otherwise (and
    /// for error cells, whose text is the error). LibreOffice repeats every number as text.
    private var collectText = false
    private var formula: String?
    private var text: [UInt8] = []
    private var paragraphs = 0
    private var paragraphDepth = 0
    private var skipDepth = 0

    private var tTable = XMLToken.unset, tRow = XMLToken.unset, tCell = XMLToken.unset, tCovered = XMLToken.unset
    private var tP = XMLToken.unset, tH = XMLToken.unset, tS = XMLToken.unset, tTab = XMLToken.unset
    private var tLineBreak = XMLToken.unset, tAnnotation = XMLToken.unset, tC = XMLToken.unset, tName = XMLToken.unset
    private var tStyleName = XMLToken.unset, tRowsRepeated = XMLToken.unset, tColsRepeated = XMLToken.unset, tColsSpanned = XMLToken.unset
    private var tRowsSpanned = XMLToken.unset, tValueType = XMLToken.unset, tValue = XMLToken.unset, tDateValue = XMLToken.unset
    private var tTimeValue = XMLToken.unset, tBooleanValue = XMLToken.unset, tStringValue = XMLToken.unset, tFormula = XMLToken.unset
    private var tStyle = XMLToken.unset, tFamily = XMLToken.unset, tTableProperties = XMLToken.unset, tDisplay = XMLToken.unset
    private var tNamedRange = XMLToken.unset, tNamedExpression = XMLToken.unset, tCellRangeAddress = XMLToken.unset, tExpression = XMLToken.unset
    private var tColumn = XMLToken.unset, tDefaultCellStyle = XMLToken.unset
    private var tDatabaseRange = XMLToken.unset, tTargetRange = XMLToken.unset, tFilterButtons = XMLToken.unset
    private var nsOffice = XMLNamespaceToken.none, nsTable = XMLNamespaceToken.none, nsStyle = XMLNamespaceToken.none, nsCalcext = XMLNamespaceToken.none
    private var nsDraw = XMLNamespaceToken.none

    init(limits: CellLimits) { self.limits = limits }

    override func prepare(_ n: XMLNameTable) {
        tTable = n.token("table"); tRow = n.token("table-row"); tCell = n.token("table-cell")
        tCovered = n.token("covered-table-cell"); tP = n.token("p"); tH = n.token("h"); tS = n.token("s")
        tTab = n.token("tab"); tLineBreak = n.token("line-break"); tAnnotation = n.token("annotation")
        tC = n.token("c"); tName = n.token("name"); tStyleName = n.token("style-name")
        tRowsRepeated = n.token("number-rows-repeated"); tColsRepeated = n.token("number-columns-repeated")
        tColsSpanned = n.token("number-columns-spanned"); tRowsSpanned = n.token("number-rows-spanned")
        tValueType = n.token("value-type"); tValue = n.token("value"); tDateValue = n.token("date-value")
        tTimeValue = n.token("time-value"); tBooleanValue = n.token("boolean-value")
        tStringValue = n.token("string-value"); tFormula = n.token("formula"); tStyle = n.token("style")
        tFamily = n.token("family"); tTableProperties = n.token("table-properties"); tDisplay = n.token("display")
        tNamedRange = n.token("named-range"); tNamedExpression = n.token("named-expression")
        tCellRangeAddress = n.token("cell-range-address"); tExpression = n.token("expression")
        tColumn = n.token("table-column"); tDefaultCellStyle = n.token("default-cell-style-name")
        tDatabaseRange = n.token("database-range"); tTargetRange = n.token("target-range-address"); tFilterButtons = n.token("display-filter-buttons")
        nsOffice = n.namespace(ODF.office); nsTable = n.namespace(ODF.table); nsStyle = n.namespace(ODF.style)
        nsCalcext = n.namespace(ODF.calcext); nsDraw = n.namespace(ODF.drawing)
    }

    private var decoding: Bool { onlySheet == nil || onlySheet == sheet }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        let n = name.local
        if inCell {
            cellDepth += 1
            if skipDepth > 0 { skipDepth += 1; return }
            guard collectText else { return }
            if n == tAnnotation || n == tTable || name.isIn(nsDraw) {
                skipDepth = 1  // comments, sub-tables and shapes anchored in the cell are not its text
            } else if n == tP || n == tH {
                if paragraphDepth == 0 {
                    if paragraphs > 0 { text.append(0x0A) }
                    paragraphs += 1
                }
                paragraphDepth += 1
            } else if paragraphDepth > 0 {
                if n == tS {
                    let count = attributes.bytes(tC).flatMap { XMLNumber.int($0) } ?? 1
                    text.append(contentsOf: repeatElement(0x20, count: min(max(count, 1), 32_767)))
                    if text.count > limits.maxTextBytes { textTooLong() }
                } else if n == tTab {
                    text.append(0x09)
                    if text.count > limits.maxTextBytes { textTooLong() }
                } else if n == tLineBreak {
                    text.append(0x0A)
                    if text.count > limits.maxTextBytes { textTooLong() }
                }
            }
            return
        }
        if n == tCell || n == tCovered {
            if inTable { startCell(attributes) }
        } else if n == tRow {
            if inTable { startRow(attributes) }
        } else if n == tColumn {
            if inTable && tableDepth == 1, let styles { startColumn(attributes, styles) }
        } else if n == tTable && name.isIn(nsTable) {
            startTable(attributes)
        } else if n == tStyle && name.isIn(nsStyle) {
            styleName = attributes.string(tFamily) == "table" ? attributes.string(tName) : nil
        } else if n == tTableProperties, let s = styleName, attributes.string(tDisplay) == "false" {
            hiddenTableStyles.insert(s)
        } else if n == tDatabaseRange, attributes.string(tFilterButtons) == "true", let target = attributes.string(tTargetRange), filters.count < 1_000 {
            filters.append(target)
        } else if n == tNamedRange, let nm = attributes.string(tName), let ref = attributes.string(tCellRangeAddress) {
            definedNames.append(DefinedName(name: nm, refersTo: ref))
        } else if n == tNamedExpression, let nm = attributes.string(tName), let ex = attributes.string(tExpression) {
            definedNames.append(DefinedName(name: nm, refersTo: ex))
        }
    }

    override func endElement(_ name: XMLName) {
        let n = name.local
        if inCell {
            if cellDepth == 0 {
                endCell()
                return
            }
            cellDepth -= 1
            if skipDepth > 0 { skipDepth -= 1; return }
            if paragraphDepth > 0 && (n == tP || n == tH) { paragraphDepth -= 1 }
            return
        }
        if n == tRow && inTable {
            endRow()
        } else if n == tTable && inTable && name.isIn(nsTable) {
            tableDepth -= 1
            if tableDepth == 0 { inTable = false }
        } else if n == tStyle {
            styleName = nil
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if collectText && paragraphDepth > 0 && skipDepth == 0 {
            text.append(contentsOf: bytes)
            if text.count > limits.maxTextBytes { textTooLong() }
        }
    }

    private func textTooLong() {
        failure = ReadError.textTooLong(sheet: sheets[sheet].name, row: rowIndex, column: column,
                                        limit: limits.maxTextBytes)
    }

    func didHandOver() { inFlight = 0 }

    private func startTable(_ attributes: XMLAttributes) {
        if inTable { tableDepth += 1; return }  // a table nested outside cells: part of this sheet
        inTable = true
        tableDepth = 1
        sheet += 1
        rowIndex = 0
        cellCount = 0
        columnStyles.removeAll()
        columnCursor = 0
        let style = attributes.string(tStyleName)
        let hidden = style.map { hiddenTableStyles.contains($0) } ?? false
        sheets.append(SheetInfo(name: attributes.string(tName) ?? "Sheet\(sheet + 1)",
                                visibility: hidden ? .hidden : .visible))
    }

    private func startColumn(_ attributes: XMLAttributes, _ styles: ODSStyleCatalog) {
        let k = Self.clamp(attributes.bytes(tColsRepeated), CellReference.maxColumns)
        if let name = attributes.string(tDefaultCellStyle) {
            let style = styles.index(of: name)
            if style > 0 { columnStyles.append((columnCursor, columnCursor + k - 1, style)) }
        }
        columnCursor += k
    }

    private func startRow(_ attributes: XMLAttributes) {
        // Counts are clamped just past the grid: enough to refuse a non-empty run that leaves
        // it, never enough to overflow the arithmetic that follows.
        rowRepeat = Self.clamp(attributes.bytes(tRowsRepeated), CellReference.maxRows + 1)
        column = 0
        rowCells.removeAll(keepingCapacity: true)
    }

    private func endRow() {
        if !rowCells.isEmpty {
            if rowIndex + rowRepeat > CellReference.maxRows {
                failure = ReadError.outsideGrid(sheet: sheets[sheet].name, row: rowIndex + rowRepeat - 1, column: 0)
                return
            }
            let (total, overflow) = rowCells.count.multipliedReportingOverflow(by: rowRepeat)
            cellCount += overflow ? Int.max / 2 : total
            if overflow || cellCount > limits.maxCells {
                failure = ReadError.tooManyCells(sheet: sheets[sheet].name, limit: limits.maxCells)
                return
            }
            pending.append((sheet, Row(index: rowIndex, repeatCount: rowRepeat, cells: rowCells)))
            rowCells.removeAll(keepingCapacity: true)
        }
        // Rows past the grid are LibreOffice's trailing empty runs: they only move the index.
        rowIndex = min(rowIndex + rowRepeat, 2 * CellReference.maxRows)
    }

    private func startCell(_ attributes: XMLAttributes) {
        colRepeat = Self.clamp(attributes.bytes(tColsRepeated), CellReference.maxColumns + 1)
        guard decoding else {
            inCell = true
            cellDepth = 0
            collectText = false
            return
        }
        // One pass over the attributes: this runs for every cell of the document.
        var colSpan = 1, rowSpan = 1
        var officeType: UnsafeBufferPointer<UInt8>?
        var value: UnsafeBufferPointer<UInt8>?, dateValue: UnsafeBufferPointer<UInt8>?
        var timeValue: UnsafeBufferPointer<UInt8>?, booleanValue: UnsafeBufferPointer<UInt8>?
        var stringValue: UnsafeBufferPointer<UInt8>?, styleName: UnsafeBufferPointer<UInt8>?
        formula = nil
        isErrorCell = false
        let styled = styles != nil
        attributes.forEach { name, v in
            let n = name.local
            if styled && n == tStyleName { styleName = v }
            else if n == tValueType {
                if name.isIn(nsOffice) { officeType = v }
                else if name.isIn(nsCalcext) { isErrorCell = v.count == 5 && v[0] == 0x65 && v[1] == 0x72 }  // error
            } else if n == tValue { if name.isIn(nsOffice) { value = v } }
            else if n == tColsSpanned { colSpan = Self.clamp(v, CellReference.maxColumns) }
            else if n == tRowsSpanned { rowSpan = Self.clamp(v, CellReference.maxRows) }
            else if n == tFormula { if name.isIn(nsTable) { formula = String(decoding: v, as: UTF8.self) } }
            else if n == tDateValue { if name.isIn(nsOffice) { dateValue = v } }
            else if n == tTimeValue { if name.isIn(nsOffice) { timeValue = v } }
            else if n == tBooleanValue { if name.isIn(nsOffice) { booleanValue = v } }
            else if n == tStringValue { if name.isIn(nsOffice) { stringValue = v } }
        }
        if colSpan > 1 || rowSpan > 1, CellReference.isInGrid(row: rowIndex, column: column) {
            let end = CellReference(row: min(rowIndex + rowSpan - 1, CellReference.maxRows - 1),
                                    column: min(column + colSpan - 1, CellReference.maxColumns - 1))
            merges[sheet, default: []].append(CellRange(CellReference(row: rowIndex, column: column), end))
            if merges[sheet]!.count > limits.maxMerges {
                failure = ReadError.tooManyMerges(sheet: sheets[sheet].name, limit: limits.maxMerges)
            }
        }
        if let styles {
            let c = column
            cellStyle = styleName.map { styles.index(of: String(decoding: $0, as: UTF8.self)) }
                ?? columnStyles.first { $0.first <= c && c <= $0.last }?.style ?? 0
        }
        inCell = true
        cellDepth = 0
        paragraphs = 0
        paragraphDepth = 0
        skipDepth = 0
        text.removeAll(keepingCapacity: true)
        typedValue = nil
        isPercentCell = false
        defer { collectText = isErrorCell || typedValue == nil }
        guard let type = officeType else { return }
        func string(_ b: UnsafeBufferPointer<UInt8>?) -> String? { b.map { String(decoding: $0, as: UTF8.self) } }
        // The value types differ in length or first letter; this runs for every cell, so no
        // full comparison (a misspelt type only makes svod look for another attribute).
        switch (type.count, type.first) {
        case (5, 0x66), (8, 0x63), (10, 0x70):  // float, currency, percentage
            typedValue = value.flatMap { XMLNumber.double($0) }.map { .number($0) }
            isPercentCell = type.count == 10
        case (4, 0x64):  // date
            typedValue = string(dateValue).flatMap { ISO8601.dateTime($0) }.map { .date($0) }
        case (4, 0x74):  // time
            if let secs = string(timeValue).flatMap({ ISO8601.duration($0) }) {
                typedValue = secs >= 0 && secs < 86_400 ? .time(secs) : .duration(secs)
            }
        case (7, 0x62):  // boolean
            typedValue = booleanValue.map { .bool($0.elementsEqual(Self.trueText) || $0.elementsEqual([0x31])) }
        case (6, 0x73):  // string
            typedValue = string(stringValue).map { .text($0) }
        default:
            break
        }
    }

    private static let trueText = Array("true".utf8)

    /// A count attribute as 1…`upper`: absent, malformed, zero or negative counts are 1.
    private static func clamp(_ bytes: UnsafeBufferPointer<UInt8>?, _ upper: Int) -> Int {
        min(max(1, bytes.flatMap { XMLNumber.int($0) } ?? 1), upper)
    }

    private func endCell() {
        inCell = false
        collectText = false
        defer { column = min(column + colRepeat, 2 * CellReference.maxColumns) }
        guard decoding else { return }
        let value = cellValue()
        // A styled blank is kept when it is a cell of the sheet, not a run to the grid's end.
        let styledBlank = keepsStyledBlanks && cellStyle > 0 && colRepeat <= 256 && rowRepeat <= 1_000
        guard !value.isEmpty || formula != nil || styledBlank else { return }
        guard column + colRepeat <= CellReference.maxColumns else {
            failure = ReadError.outsideGrid(sheet: sheets[sheet].name, row: rowIndex, column: column + colRepeat - 1)
            return
        }
        // A repeated cell shares one string, so its text counts once.
        if case .text(let s) = value { inFlight += s.utf8.count }
        inFlight += formula?.utf8.count ?? 0
        if inFlight > limits.maxTextBytesInFlight {
            failure = ReadError.tooMuchTextInFlight(sheet: sheets[sheet].name, limit: limits.maxTextBytesInFlight)
            return
        }
        for c in column..<(column + colRepeat) {
            rowCells.append(Cell(column: c, value: value, formula: formula, isPercent: isPercentCell, style: cellStyle))
        }
    }

    private func cellValue() -> CellValue {
        if isErrorCell { return .error(String(decoding: text, as: UTF8.self)) }
        if let typedValue { return typedValue }
        // No usable typed value: what the cell shows is what it holds.
        return text.isEmpty ? .empty : .text(String(decoding: text, as: UTF8.self))
    }
}
