import SvodWorkbook
import SvodXML

/// Streams one worksheet part: what the schema puts before `sheetData` at the start, rows
/// as they come, and what goes after (merges, validations, comments' anchor) at the end.
final class XLSXSheetWriter {
    let setup: SheetSetup
    /// Comments by cell, for the comments part.
    private(set) var comments: [(CellReference, Comment)] = []
    private(set) var merges: [CellRange] = []
    /// Cells whose formula could not be translated to Excel syntax: written with their value alone.
    private(set) var untranslatedFormulas: [CellReference] = []
    private let x: XMLWriter
    private let options: WriteOptions
    private var lastRow = -1
    private var rowDigits = [UInt8](repeating: 0, count: 8)
    private var rowDigitCount = 0

    /// The `dxfId` of each conditional format's look.
    private let conditionalLooks: [Int]

    init(setup: SheetSetup, selected: Bool, options: WriteOptions, output: XMLWriter, conditionalLooks: [Int] = []) throws {
        self.setup = setup
        self.conditionalLooks = conditionalLooks
        self.options = options
        x = output
        for m in setup.merges { try addMerge(m) }
        try writeStart(selected: selected)
    }

    /// XLSX keeps merges after the cells, so one may come at any time before the sheet ends.
    func addMerge(_ range: CellRange) throws {
        guard range.cellCount > 1,
              !merges.contains(where: { $0.intersects(range) }) else {
            throw WriteError.badMerge(sheet: setup.name, range: range)
        }
        merges.append(range)
    }

    private func writeStart(selected: Bool) throws {
        x.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
        x.raw("\n")
        x.raw(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#)
        x.raw(#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        let fits = setup.page?.fitToWidth != nil
        if setup.tabColor != nil || fits {
            x.raw("<sheetPr>")
            if let tab = setup.tabColor { x.raw(#"<tabColor rgb="FF"#); x.raw(tab.hex); x.raw(#""/>"#) }
            if fits { x.raw(#"<pageSetUpPr fitToPage="1"/>"#) }
            x.raw("</sheetPr>")
        }
        x.raw(#"<sheetViews><sheetView workbookViewId="0""#)
        if selected { x.raw(#" tabSelected="1""#) }
        let rows = setup.frozenRows, cols = setup.frozenColumns
        if rows > 0 || cols > 0 {
            let topLeft = CellReference(row: rows, column: cols).a1
            let pane = rows > 0 && cols > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight"
            x.raw("><pane")
            if cols > 0 { x.raw(#" xSplit=""#); x.int(cols); x.raw(#"""#) }
            if rows > 0 { x.raw(#" ySplit=""#); x.int(rows); x.raw(#"""#) }
            x.raw(" topLeftCell=\"\(topLeft)\" activePane=\"\(pane)\" state=\"frozen\"/>")
            x.raw("<selection pane=\"\(pane)\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/></sheetView>")
        } else {
            x.raw("/>")
        }
        x.raw(#"</sheetViews><sheetFormatPr defaultRowHeight="15"/>"#)
        let columns = setup.columns.sorted { $0.first < $1.first }
        if !columns.isEmpty {
            x.raw("<cols>")
            var next = 0
            for c in columns {
                guard c.first >= next, c.last >= c.first, c.last < CellReference.maxColumns,
                      c.width.map({ $0.isFinite && $0 >= 0 && $0 <= 255 }) ?? true else {
                    throw WriteError.misuse("columns \(c.first + 1)…\(c.last + 1) of '\(setup.name)' overlap or lie outside the grid")
                }
                next = c.last + 1
                x.raw(#"<col min=""#); x.int(c.first + 1); x.raw(#"" max=""#); x.int(c.last + 1)
                x.raw(#"" width=""#); x.number(c.width ?? 9.140625); x.raw(#"""#)
                if c.width != nil { x.raw(#" customWidth="1""#) }
                if c.hidden { x.raw(#" hidden="1""#) }
                x.raw("/>")
            }
            x.raw("</cols>")
        }
        x.raw("<sheetData>")
    }

    /// Writes one row; `xf` gives the style index of a cell's style and value kind.
    func write(_ row: OutputRow, xf: (StyleID?, ImplicitFormat) -> Int) throws {
        try row.checkOrder(after: lastRow, sheet: setup.name)
        try row.checkValues(sheet: setup.name, refusingIllegalCharacters: false)
        for r in row.index..<(row.index + row.repeatCount) {
            try writeOne(row, at: r, xf: xf)
        }
        lastRow = row.index + row.repeatCount - 1
    }

    private func writeOne(_ row: OutputRow, at r: Int, xf: (StyleID?, ImplicitFormat) -> Int) throws {
        setRowDigits(r + 1)
        x.raw(#"<row r=""#)
        rowDigits.withUnsafeBufferPointer { x.raw(bytes: UnsafeBufferPointer(rebasing: $0[0..<rowDigitCount])) }
        x.raw(#"""#)
        if let h = row.height { x.raw(#" ht=""#); x.number(h); x.raw(#"" customHeight="1""#) }
        if row.hidden { x.raw(#" hidden="1""#) }
        if row.cells.isEmpty { x.raw("/>"); try x.flushIfFull(); return }
        x.raw(">")
        for cell in row.cells { try writeCell(cell, row: r, xf: xf) }
        x.raw("</row>")
        try x.flushIfFull()
    }

    private func setRowDigits(_ n: Int) {
        var v = n, k = 0
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &tmp) { t in
            repeat { t[k] = UInt8(v % 10) + 0x30; v /= 10; k += 1 } while v > 0
            for j in 0..<k { rowDigits[j] = t[k - 1 - j] }
        }
        rowDigitCount = k
    }

    private func reference(_ column: Int) {
        ColumnLetters.table.withUnsafeBufferPointer { t in
            let n = Int(t[column * 4 + 3])
            x.raw(bytes: UnsafeBufferPointer(rebasing: t[(column * 4)..<(column * 4 + n)]))
        }
        rowDigits.withUnsafeBufferPointer { x.raw(bytes: UnsafeBufferPointer(rebasing: $0[0..<rowDigitCount])) }
    }

    private func writeCell(_ cell: OutputCell, row: Int, xf: (StyleID?, ImplicitFormat) -> Int) throws {
        let ref = { CellReference(row: row, column: cell.column) }
        if let comment = cell.comment { comments.append((ref(), comment)) }
        let implicit = ImplicitFormat(cell.value)
        var serial = 0.0
        var isoDate: String?
        switch cell.value {
        case .date(let d):
            serial = DateSystem.from1900.serial(d)
            // Before 1900 there is no serial number; ISO 8601 `t="d"` keeps the date.
            if serial < 1 { isoDate = d.iso8601 }
        case .time(let s), .duration(let s): serial = s / 86_400
        case .number(let v):
            guard v.isFinite else { throw WriteError.notFinite(sheet: setup.name, cell: ref()) }
        default: break
        }
        let formula = cell.formula.flatMap(excelFormula)
        if cell.formula != nil && formula == nil { untranslatedFormulas.append(ref()) }
        if case .empty = cell.value, cell.style == nil, formula == nil { return }

        x.raw(#"<c r=""#)
        reference(cell.column)
        x.raw(#"""#)
        let s = (cell.style != nil || implicit != .none) ? xf(cell.style, implicit) : 0
        if s != 0 { x.raw(#" s=""#); x.int(s); x.raw(#"""#) }
        switch cell.value {
        case .empty:
            if let formula { x.raw("><f>"); try text(formula, ref); x.raw("</f></c>") } else { x.raw("/>") }
        case .number(let v):
            x.raw("><")
            if let formula { x.raw("f>"); try text(formula, ref); x.raw("</f><") }
            x.raw("v>"); x.number(v); x.raw("</v></c>")
        case .date, .time, .duration:
            if let isoDate {
                x.raw(#" t="d"><"#)
                if let formula { x.raw("f>"); try text(formula, ref); x.raw("</f><") }
                x.raw("v>"); x.raw(isoDate); x.raw("</v></c>")
            } else {
                x.raw("><")
                if let formula { x.raw("f>"); try text(formula, ref); x.raw("</f><") }
                x.raw("v>"); x.number(serial); x.raw("</v></c>")
            }
        case .bool(let b):
            x.raw(#" t="b"><"#)
            if let formula { x.raw("f>"); try text(formula, ref); x.raw("</f><") }
            x.raw(b ? "v>1</v></c>" : "v>0</v></c>")
        case .error(let e):
            x.raw(#" t="e"><"#)
            if let formula { x.raw("f>"); try text(formula, ref); x.raw("</f><") }
            x.raw("v>"); try text(e, ref); x.raw("</v></c>")
        case .text(let t):
            try checkLength(t, ref)
            if let formula {
                x.raw(#" t="str"><f>"#); try text(formula, ref); x.raw("</f><v")
                if needsPreserve(t) { x.raw(#" xml:space="preserve""#) }
                x.raw(">"); try text(t, ref); x.raw("</v></c>")
            } else {
                x.raw(#" t="inlineStr"><is><t"#)
                if needsPreserve(t) { x.raw(#" xml:space="preserve""#) }
                x.raw(">"); try text(t, ref); x.raw("</t></is></c>")
            }
        }
    }

    private func excelFormula(_ f: Formula) -> String? {
        switch f.dialect {
        case .excel: return f.text.hasPrefix("=") ? String(f.text.dropFirst()) : f.text
        case .openFormula: return FormulaTranslator.excel(fromOpenFormula: f.text)
        }
    }

    private func needsPreserve(_ t: String) -> Bool {
        guard let first = t.utf8.first, let last = t.utf8.last else { return false }
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        return space(first) || space(last)
    }

    private func checkLength(_ t: String, _ ref: () -> CellReference) throws {
        // UTF-8 length bounds UTF-16 length from above; count UTF-16 (Excel's unit) only when it may matter.
        if t.utf8.count > 32_767, t.utf16.count > 32_767 {
            throw WriteError.textTooLong(sheet: setup.name, cell: ref(), length: t.utf16.count)
        }
    }

    private func text(_ t: String, _ ref: () -> CellReference) throws {
        if x.text(t, guardingOOXMLEscapes: true) { return }
        _ = x.text(OOXMLText.encode(t))
    }

    /// Closes `sheetData` and writes what follows it; `hasComments` adds the VML anchor.
    func finish(hasCommentsRelationship: Bool) throws {
        x.raw("</sheetData>")
        if setup.isProtected { x.raw(#"<sheetProtection sheet="1" objects="1" scenarios="1"/>"#) }
        if let filter = setup.autoFilter { x.raw(#"<autoFilter ref=""#); x.raw(filter.a1); x.raw(#""/>"#) }
        if !merges.isEmpty {
            x.raw(#"<mergeCells count=""#); x.int(merges.count); x.raw(#"">"#)
            for m in merges { x.raw(#"<mergeCell ref=""#); x.raw(m.a1); x.raw(#""/>"#) }
            x.raw("</mergeCells>")
        }
        // Priorities run through the sheet: the first format listed wins where several hold.
        for (i, (format, dxf)) in zip(setup.conditionalFormats, conditionalLooks).enumerated() {
            x.raw(#"<conditionalFormatting sqref=""#); x.raw(format.ranges.map(\.a1).joined(separator: " "))
            x.raw(#""><cfRule type="expression" dxfId=""#); x.int(dxf); x.raw(#"" priority=""#); x.int(i + 1)
            x.raw(#""><formula>"#); x.safeText(format.formula); x.raw("</formula></cfRule></conditionalFormatting>")
        }
        if !setup.validations.isEmpty {
            x.raw(#"<dataValidations count=""#); x.int(setup.validations.count); x.raw(#"">"#)
            for v in setup.validations { try XLSXValidation.write(v, sheet: setup.name, to: x) }
            x.raw("</dataValidations>")
        }
        x.raw(#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#)
        if let page = setup.page {
            // paperSize 9: A4. fitToHeight 0: as many pages down as the rows need.
            x.raw("<pageSetup paperSize=\"9\" orientation=\"\(page.orientation.rawValue)\"")
            if let n = page.fitToWidth { x.raw(" fitToWidth=\"\(n)\" fitToHeight=\"\(page.fitToHeight ?? 0)\"") }
            x.raw("/>")
        }
        if hasCommentsRelationship { x.raw(#"<legacyDrawing r:id="rId1"/>"#) }
        x.raw("</worksheet>")
        try x.flush()
    }
}
