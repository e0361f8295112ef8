import SvodWorkbook
import SvodXML

/// Streams one `table:table` of `content.xml`.
///
/// ODS puts on each cell what XLSX keeps apart: a merge is a span on its first cell and
/// covered cells after it, a validation is an attribute of every cell it checks, a comment
/// lives inside its cell. So rows the caller never writes, but that a merge or a validation
/// reaches, are written here as (repeated) empty rows, and empty cells inside those ranges
/// are written rather than skipped.
final class ODSSheetWriter {
    let setup: SheetSetup
    private(set) var merges: [CellRange] = []
    private let validations: [(range: CellRange, name: String)]
    /// Conditional formats' ranges with their registered ids, in the sheet's order.
    private let conditions: [(range: CellRange, id: Int)]
    private let x: XMLWriter
    private let options: WriteOptions
    private var lastRow = -1
    private(set) var replacedCharacters = 0
    private(set) var untranslatedFormulas: [CellReference] = []
    private var style: (StyleID?, ImplicitFormat, [Int]) -> ODSStyleTable.CellStyleRef = { _, _, _ in .init(number: 0, isPercent: false) }
    private var rowStyle: (Double) -> Int = { _ in 0 }

    /// Put before every automatic style name: a table added to another document must not take its names.
    private let stylePrefix: String

    /// The rows printed on every page, kept in `table:table-header-rows`.
    private let headerRows: ClosedRange<Int>?
    private var headerOpen = false

    /// `conditionIDs`: the registered id of each of the setup's conditional formats.
    init(setup: SheetSetup, validationNames: [String], conditionIDs: [Int] = [], options: WriteOptions, output: XMLWriter, stylePrefix: String = "",
         tableStyle: String, columnStyle: (Double?) -> Int) throws {
        self.setup = setup
        self.stylePrefix = stylePrefix
        headerRows = setup.page?.repeatRows
        self.options = options
        x = output
        var v: [(CellRange, String)] = []
        for (validation, name) in zip(setup.validations, validationNames) {
            for r in validation.ranges { v.append((r, name)) }
        }
        validations = v
        conditions = zip(setup.conditionalFormats, conditionIDs).flatMap { format, id in format.ranges.map { ($0, id) } }
        for m in setup.merges { try addMerge(m) }
        x.raw(#"<table:table table:name=""#); x.safeAttribute(setup.name)
        x.raw(#"" table:style-name=""#); x.raw(tableStyle); x.raw(#"""#)
        if setup.isProtected { x.raw(#" table:protected="true""#) }
        x.raw(">")
        let columns = setup.columns.sorted { $0.first < $1.first }
        var next = 0
        for c in columns {
            guard c.first >= next, c.last >= c.first, c.last < CellReference.maxColumns,
                  c.width.map({ $0.isFinite && $0 >= 0 && $0 <= 255 }) ?? true else {
                throw WriteError.misuse("columns \(c.first + 1)…\(c.last + 1) of '\(setup.name)' overlap or lie outside the grid")
            }
            if c.first > next { column(style: columnStyle(nil), count: c.first - next, hidden: false) }
            column(style: columnStyle(c.width), count: c.last - c.first + 1, hidden: c.hidden)
            next = c.last + 1
        }
        // The schema wants at least one column; the rest of the sheet takes the default width.
        if columns.isEmpty { column(style: columnStyle(nil), count: 1, hidden: false) }
    }

    private func column(style: Int, count: Int, hidden: Bool) {
        x.raw(#"<table:table-column table:style-name=""#); x.raw(stylePrefix); x.raw("co"); x.int(style); x.raw(#"""#)
        if count > 1 { x.raw(#" table:number-columns-repeated=""#); x.int(count); x.raw(#"""#) }
        if hidden { x.raw(#" table:visibility="collapse""#) }
        x.raw(#" table:default-cell-style-name="Default"/>"#)
    }

    func addMerge(_ range: CellRange) throws {
        guard range.start.row > lastRow, range.cellCount > 1, !merges.contains(where: { $0.intersects(range) }) else {
            throw WriteError.badMerge(sheet: setup.name, range: range)
        }
        merges.append(range)
    }

    func write(_ row: OutputRow, style: @escaping (StyleID?, ImplicitFormat, [Int]) -> ODSStyleTable.CellStyleRef,
               rowStyle: @escaping (Double) -> Int) throws {
        try row.checkOrder(after: lastRow, sheet: setup.name)
        try row.checkValues(sheet: setup.name, refusingIllegalCharacters: options.illegalCharacters == .refuse)
        self.style = style
        self.rowStyle = rowStyle
        try fill(upTo: row.index)
        try emit(from: row.index, count: row.repeatCount, row: row)
        lastRow = row.index + row.repeatCount - 1
        try x.flushIfFull()
    }

    /// Writes the rows between the last one written and `end` (exclusive): decorated ones as
    /// they are, plain ones as one repeated empty row.
    private func fill(upTo end: Int) throws {
        let start = lastRow + 1
        guard end > start else { return }
        try emit(from: start, count: end - start, row: nil)
    }

    /// Rows `from..<from+count` sharing `row`'s cells, split where a merge or validation
    /// begins or ends, since a repeated row must look the same all through.
    private func emit(from start: Int, count: Int, row: OutputRow?) throws {
        var r = start
        let end = start + count
        while r < end {
            var next = end
            for m in merges {
                for b in [m.start.row, m.start.row + 1, m.end.row + 1] where b > r && b < next { next = b }
            }
            for v in validations {
                for b in [v.range.start.row, v.range.end.row + 1] where b > r && b < next { next = b }
            }
            for c in conditions {
                for b in [c.range.start.row, c.range.end.row + 1] where b > r && b < next { next = b }
            }
            if let h = headerRows { for b in [h.lowerBound, h.upperBound + 1] where b > r && b < next { next = b } }
            if let h = headerRows, r == h.lowerBound { x.raw("<table:table-header-rows>"); headerOpen = true }
            try emitRow(r, repeat: next - r, row: row)
            if headerOpen, let h = headerRows, next == h.upperBound + 1 { x.raw("</table:table-header-rows>"); headerOpen = false }
            r = next
        }
    }

    private func emitRow(_ r: Int, repeat n: Int, row: OutputRow?) throws {
        let activeMerges = merges.filter { $0.start.row <= r && r <= $0.end.row }
        let activeValidations = validations.filter { $0.range.start.row <= r && r <= $0.range.end.row }
        let activeConditions = conditions.filter { $0.range.start.row <= r && r <= $0.range.end.row }
        let cells = row?.cells ?? []
        x.raw("<table:table-row")
        if let h = row?.height { x.raw(#" table:style-name=""#); x.raw(stylePrefix); x.raw("ro"); x.int(rowStyle(h)); x.raw(#"""#) }
        if n > 1 { x.raw(#" table:number-rows-repeated=""#); x.int(n); x.raw(#"""#) }
        if row?.hidden == true { x.raw(#" table:visibility="collapse""#) }
        x.raw(">")
        var wrote = false
        if activeMerges.isEmpty && activeValidations.isEmpty && activeConditions.isEmpty {
            var column = 0
            for cell in cells {
                if cell.column > column { emptyCells(cell.column - column) }
                try writeCell(cell, row: r, validation: nil, conditions: [], span: nil, covered: false)
                column = cell.column + 1
                wrote = true
            }
        } else {
            wrote = try walk(r, cells: cells, merges: activeMerges, validations: activeValidations, conditions: activeConditions)
        }
        if !wrote { x.raw("<table:table-cell/>") }
        x.raw("</table:table-row>")
    }

    /// Cells of a row with merges, validations or conditional formats: each column's state
    /// decided by the ranges over it, empty runs written at once up to the next change.
    private func walk(_ r: Int, cells: [OutputCell], merges: [CellRange], validations: [(range: CellRange, name: String)],
                      conditions: [(range: CellRange, id: Int)]) throws -> Bool {
        var boundaries: [Int] = []
        for m in merges { boundaries += [m.start.column, m.start.column + 1, m.end.column + 1] }
        for v in validations { boundaries += [v.range.start.column, v.range.end.column + 1] }
        for c in conditions { boundaries += [c.range.start.column, c.range.end.column + 1] }
        let lastDecorated = boundaries.max() ?? 0
        var column = 0, i = 0, wrote = false
        while i < cells.count || column < lastDecorated {
            let merge = merges.first { $0.start.column <= column && column <= $0.end.column }
            let covered = merge.map { !($0.start.row == r && $0.start.column == column) } ?? false
            let span = merge.flatMap { covered ? nil : (rows: $0.end.row - $0.start.row + 1, columns: $0.end.column - $0.start.column + 1) }
            let validation = covered ? nil : validations.first { $0.range.start.column <= column && column <= $0.range.end.column }?.name
            let applying = covered ? [] : conditions.filter { $0.range.start.column <= column && column <= $0.range.end.column }.map(\.id)
            if i < cells.count, cells[i].column == column {
                try writeCell(cells[i], row: r, validation: validation, conditions: applying, span: span, covered: covered)
                i += 1
                column += 1
            } else {
                let nextCell = i < cells.count ? cells[i].column : Int.max
                let nextBoundary = boundaries.filter { $0 > column }.min() ?? Int.max
                let run = span != nil ? 1 : min(nextCell, nextBoundary) - column
                guard run > 0, run < Int.max / 2 else { break }
                if covered {
                    x.raw("<table:covered-table-cell")
                    if run > 1 { x.raw(#" table:number-columns-repeated=""#); x.int(run); x.raw(#"""#) }
                    x.raw("/>")
                } else if validation != nil || span != nil || !applying.isEmpty {
                    x.raw("<table:table-cell")
                    if !applying.isEmpty { styleName(style(nil, .none, applying).number) }
                    if let validation { x.raw(#" table:content-validation-name=""#); x.raw(validation); x.raw(#"""#) }
                    if let span { spanAttributes(span) }
                    if run > 1 { x.raw(#" table:number-columns-repeated=""#); x.int(run); x.raw(#"""#) }
                    x.raw("/>")
                } else {
                    emptyCells(run)
                }
                column += run
            }
            wrote = true
        }
        return wrote
    }

    private func emptyCells(_ n: Int) {
        if n == 1 { x.raw("<table:table-cell/>"); return }
        x.raw(#"<table:table-cell table:number-columns-repeated=""#); x.int(n); x.raw(#""/>"#)
    }

    private func spanAttributes(_ span: (rows: Int, columns: Int)) {
        x.raw(#" table:number-columns-spanned=""#); x.int(span.columns)
        x.raw(#"" table:number-rows-spanned=""#); x.int(span.rows); x.raw(#"""#)
    }

    private func styleName(_ number: Int) {
        guard number > 0 else { return }
        x.raw(#" table:style-name=""#); x.raw(stylePrefix); x.raw("ce"); x.int(number); x.raw(#"""#)
    }

    private func writeCell(_ cell: OutputCell, row r: Int, validation: String?, conditions: [Int], span: (rows: Int, columns: Int)?,
                           covered: Bool) throws {
        let ref = { CellReference(row: r, column: cell.column) }
        let tag: StaticString = covered ? "table:covered-table-cell" : "table:table-cell"
        x.raw("<"); x.raw(tag)
        let implicit = ImplicitFormat(cell.value)
        var percent = false
        if cell.style != nil || implicit != .none || !conditions.isEmpty {
            let s = style(cell.style, implicit, conditions)
            styleName(s.number)
            percent = s.isPercent
        }
        if let validation { x.raw(#" table:content-validation-name=""#); x.raw(validation); x.raw(#"""#) }
        if let span { spanAttributes(span) }
        var formula: String?
        if let f = cell.formula {
            formula = f.dialect == .openFormula ? f.text : FormulaTranslator.openFormula(fromExcel: f.text.hasPrefix("=") ? String(f.text.dropFirst()) : f.text)
            if formula == nil { untranslatedFormulas.append(ref()) }
        }
        if case .error(let e) = cell.value, formula == nil {
            // ODF has no error literal cell; LibreOffice keeps one as a formula giving the error.
            formula = "of:=" + e
        }
        if let formula { x.raw(#" table:formula=""#); try attribute(formula, ref); x.raw(#"""#) }
        var display: String?
        switch cell.value {
        case .empty:
            break
        case .number(let v):
            guard v.isFinite else { throw WriteError.notFinite(sheet: setup.name, cell: ref()) }
            // A percentage is its own value type in ODF; readers take the fraction from it as svod does.
            x.raw(percent ? #" office:value-type="percentage" office:value=""# : #" office:value-type="float" office:value=""#)
            x.number(v); x.raw(#"""#)
        case .text(let t):
            if t.utf8.count > 32_767, t.utf16.count > 32_767 {
                throw WriteError.textTooLong(sheet: setup.name, cell: ref(), length: t.utf16.count)
            }
            x.raw(#" office:value-type="string""#)
            display = t
        case .bool(let b):
            x.raw(b ? #" office:value-type="boolean" office:boolean-value="true""# : #" office:value-type="boolean" office:boolean-value="false""#)
            display = b ? "TRUE" : "FALSE"
        case .date(let d):
            x.raw(#" office:value-type="date" office:date-value=""#); x.raw(d.iso8601); x.raw(#"""#)
        case .time(let s), .duration(let s):
            guard s.isFinite else { throw WriteError.notFinite(sheet: setup.name, cell: ref()) }
            x.raw(#" office:value-type="time" office:time-value=""#); x.raw(ODSSheetWriter.isoDuration(s)); x.raw(#"""#)
        case .error(let e):
            x.raw(#" office:value-type="string" office:string-value="" calcext:value-type="error""#)
            display = e
        }
        guard cell.comment != nil || display != nil || cell.value != .empty else {
            x.raw("/>")
            return
        }
        x.raw(">")
        if let c = cell.comment {
            x.raw(#"<office:annotation office:display="false"><dc:creator>"#); x.safeText(c.author); x.raw("</dc:creator>")
            try paragraphs(c.text, ref)
            x.raw("</office:annotation>")
        }
        if let display {
            try paragraphs(display, ref)
        } else if case .number(let v) = cell.value {
            x.raw("<text:p>"); x.number(v); x.raw("</text:p>")
        }
        x.raw("</"); x.raw(tag); x.raw(">")
    }

    /// Text as ODF paragraphs: a line per `text:p`; spaces that ODF would collapse (leading,
    /// trailing, repeated) as `text:s`, tabs as `text:tab`.
    private func paragraphs(_ text: String, _ ref: () -> CellReference) throws {
        var checked = text
        if !Self.isLegal(text) {
            switch options.illegalCharacters {
            case .refuse:
                let bad = text.unicodeScalars.first { !Self.isLegal(String($0)) }!
                throw WriteError.illegalCharacter(sheet: setup.name, cell: ref(), scalar: bad.value)
            case .replace:
                checked = XMLWriter.legal(text)
                replacedCharacters += text.unicodeScalars.count { !Self.isLegal(String($0)) }
            }
        }
        let lines = checked.utf8.contains(0x0A) ? checked.split(separator: "\n", omittingEmptySubsequences: false)
            : [checked[...]]
        for line in lines {
            x.raw("<text:p>")
            if Self.isPlain(line) {
                _ = x.text(String(line))
            } else {
                let chars = Array(line)
                var segment = ""
                func flush() { _ = x.text(segment); segment = "" }
                func spaces(_ k: Int) {
                    x.raw("<text:s")
                    if k > 1 { x.raw(#" text:c=""#); x.int(k); x.raw(#"""#) }
                    x.raw("/>")
                }
                var i = 0
                while i < chars.count {
                    switch chars[i] {
                    case " ":
                        var j = i
                        while j < chars.count, chars[j] == " " { j += 1 }
                        // Between two words one space stays literal; at an edge or beside a
                        // tab every space must be a text:s, or readers collapse it.
                        let interior = i > 0 && chars[i - 1] != "\t" && j < chars.count && chars[j] != "\t"
                        if interior {
                            segment.append(" ")
                            if j - i > 1 { flush(); spaces(j - i - 1) }
                        } else {
                            flush(); spaces(j - i)
                        }
                        i = j
                    case "\t":
                        flush()
                        x.raw("<text:tab/>")
                        i += 1
                    default:
                        segment.append(chars[i])
                        i += 1
                    }
                }
                flush()
            }
            x.raw("</text:p>")
        }
    }

    /// No leading, trailing or double spaces and no tabs: nothing ODF would collapse.
    private static func isPlain(_ line: Substring) -> Bool {
        let utf8 = line.utf8
        guard utf8.first != 0x20, utf8.last != 0x20 else { return false }
        var prevSpace = false
        for b in utf8 {
            if b == 0x09 { return false }
            if b == 0x20 { if prevSpace { return false }; prevSpace = true } else { prevSpace = false }
        }
        return true
    }

    private static func isLegal(_ text: String) -> Bool {
        var prev1: UInt8 = 0, prev2: UInt8 = 0
        for b in text.utf8 {
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return false }
            if b >= 0xBE && b <= 0xBF && prev1 == 0xBF && prev2 == 0xEF { return false }  // U+FFFE, U+FFFF
            prev2 = prev1
            prev1 = b
        }
        return true
    }

    private func attribute(_ value: String, _ ref: () -> CellReference) throws {
        if x.attribute(value) { return }
        guard options.illegalCharacters == .replace else {
            let bad = value.unicodeScalars.first { !Self.isLegal(String($0)) }!
            throw WriteError.illegalCharacter(sheet: setup.name, cell: ref(), scalar: bad.value)
        }
        x.safeAttribute(value)
    }

    /// "PT10H30M00S", hours past 24 kept (ODF durations, as LibreOffice writes them).
    static func isoDuration(_ seconds: Double) -> String {
        let negative = seconds < 0
        var micros = Int64((abs(seconds) * 1_000_000).rounded())
        let h = micros / 3_600_000_000; micros -= h * 3_600_000_000
        let m = micros / 60_000_000; micros -= m * 60_000_000
        let s = micros / 1_000_000; micros -= s * 1_000_000
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var out = (negative ? "-" : "") + "PT\(two(h))H\(two(m))M\(two(s))"
        if micros > 0 {
            var f = String(micros)
            f = String(repeating: "0", count: 6 - f.count) + f
            while f.hasSuffix("0") { f.removeLast() }
            out += "." + f
        }
        return out + "S"
    }

    /// Writes the rows still reached by merges and validations, and closes the table.
    func finish() throws {
        let reach = (merges.map { $0.end.row } + validations.map { $0.range.end.row } + conditions.map { $0.range.end.row }).max() ?? -1
        if reach > lastRow { try fill(upTo: reach + 1); lastRow = reach }
        // ODF 1.3 (table-rows-and-groups) wants at least one row in a table: an empty sheet
        // is one empty row of one empty cell, as LibreOffice writes it.
        if lastRow < 0 { x.raw("<table:table-row><table:table-cell/></table:table-row>") }
        if headerOpen { x.raw("</table:table-header-rows>") }
        x.raw("</table:table>")
        try x.flush()
    }
}
