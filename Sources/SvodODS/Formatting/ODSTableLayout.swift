import SvodLocale
import SvodWorkbook
import SvodXML

/// Reads one table's layout from `content.xml`, its cells passed over: column widths and
/// hidden columns, row heights and hidden rows, protection; and counts what the copy leaves.
final class ODSTableLayout: XMLHandler {
    private(set) var layout = SheetLayout()
    private let wanted: Int
    private let catalog: ODSStyleCatalog
    private var table = -1
    private var depth = 0
    private var inWanted = false
    private var column = 0
    private var row = 0
    private var counts: [String: Int] = [:]
    private var headerStart: Int?
    /// The document's validations by name, and the cells of this table each one checks.
    private var definitions: [String: (condition: String, allowBlank: Bool, prompt: (String, String)?, error: (String, String)?, style: String)] = [:]
    private var defining: String?
    private var message: (kind: String, title: String, display: Bool, text: String)?
    private var applied: [String: [CellRange]] = [:]
    private var appliedOrder: [String] = []
    private var rowStart = 0, rowRepeat = 1
    private var note: (ref: CellReference, author: String, text: String, field: String?)?
    private var noteParagraphs = 0
    private var inRow = false
    /// Columns' default cell styles, for cells naming none.
    private var columnStyles: [(first: Int, last: Int, name: String)] = []
    /// Style maps met in the table, in order, and the cells of each.
    private var mapKeys: [String] = []
    private var mapDefinitions: [String: (condition: String, apply: String, base: String?)] = [:]
    private var mapped: [String: [CellRange]] = [:]
    private var t: [String: XMLToken] = [:]
    /// A run this long is a trailing default (LibreOffice repeats its last row to the grid's end), not a choice.
    static let longRun = 1_000

    init(sheet: Int, catalog: ODSStyleCatalog) {
        wanted = sheet
        self.catalog = catalog
    }

    override func prepare(_ names: XMLNameTable) {
        for n in ["style-name", "number-columns-repeated", "number-rows-repeated", "visibility", "protected", "name", "condition",
                  "allow-empty-cell", "title", "display", "message-type", "content-validation-name", "default-cell-style-name"] { t[n] = names.token(n) }
    }

    private func string(_ a: XMLAttributes, _ n: String) -> String? { t[n].flatMap { a.string($0) } }
    private func count(_ a: XMLAttributes, _ n: String, _ upper: Int) -> Int { min(max(1, string(a, n).flatMap { Int($0) } ?? 1), upper) }

    override func startElement(_ name: XMLName, _ a: XMLAttributes) {
        let n = name.localString
        if !inWanted && depth == 0 && definition(n, a) { return }
        if n == "table" && !inWanted && depth == 0 {
            table += 1
            guard table == wanted else { return }
            inWanted = true
            depth = 1
            layout.setup.isProtected = string(a, "protected") == "true"
            layout.setup.page = string(a, "style-name").flatMap(catalog.page(ofTableStyle:))
            return
        }
        guard inWanted else { return }
        switch n {
        case "table":
            depth += 1
        case "table-header-rows" where depth == 1:
            headerStart = row
        case "table-column" where depth == 1: startColumn(a)
        case "table-cell", "covered-table-cell": if depth == 1 && inRow { startCell(a) }
        case "annotation" where depth == 1:
            if cellStart < CellReference.maxColumns, rowStart < CellReference.maxRows {
                note = (CellReference(row: rowStart, column: cellStart), "", "", nil)
                noteParagraphs = 0
            }
        case "creator" where note != nil: note?.field = "author"
        case "p" where note != nil:
            if noteParagraphs > 0 { note?.text += "\n" }
            noteParagraphs += 1
            note?.field = "text"
        case "table-row" where depth == 1: startRow(a)
        case "frame":
            counts[n, default: 0] += 1
        default:
            break
        }
    }

    private func startColumn(_ a: XMLAttributes) {
        let k = count(a, "number-columns-repeated", CellReference.maxColumns - column)
        let width = string(a, "style-name").flatMap { catalog.columnWidths[$0] }
        let hidden = string(a, "visibility").map { $0 != "visible" } ?? false
        if let d = string(a, "default-cell-style-name"), catalog.maps[d] != nil { columnStyles.append((column, column + k - 1, d)) }
        if (width != nil || hidden) && k < CellReference.maxColumns / 2 && column < CellReference.maxColumns {
            layout.setup.columns.append(ColumnSetup(column, column + k - 1, width: width, hidden: hidden))
        }
        column += k
    }

    private func startRow(_ a: XMLAttributes) {
        inRow = true
        column = 0
        rowStart = row
        let k = count(a, "number-rows-repeated", 2 * CellReference.maxRows)
        rowRepeat = k
        let height = string(a, "style-name").flatMap { catalog.rowHeights[$0] }
        let hidden = string(a, "visibility").map { $0 != "visible" } ?? false
        if (height != nil || hidden) && k <= Self.longRun && row + k <= CellReference.maxRows {
            for r in row..<(row + k) { layout.rows[r] = RowLook(height: height, hidden: hidden) }
        }
        row = min(row + k, 2 * CellReference.maxRows)
    }

    /// A cell (or run of cells): the validation and style maps it carries.
    private func startCell(_ a: XMLAttributes) {
        let k = count(a, "number-columns-repeated", CellReference.maxColumns)
        defer {
            cellStart = column
            column = min(column + k, 2 * CellReference.maxColumns)
        }
        guard column < CellReference.maxColumns, rowStart < CellReference.maxRows else { return }
        let range = CellRange(CellReference(row: rowStart, column: column),
                              CellReference(row: min(rowStart + rowRepeat, CellReference.maxRows) - 1, column: min(column + k, CellReference.maxColumns) - 1))
        if let v = string(a, "content-validation-name"), definitions[v] != nil { apply(v, range) }
        let c = column
        guard let style = string(a, "style-name") ?? columnStyles.first(where: { $0.first <= c && c <= $0.last })?.name,
              let maps = catalog.maps[style] else { return }
        for m in maps {
            let key = m.condition + "\u{0}" + m.apply + "\u{0}" + (m.base ?? "")
            if mapped[key] == nil { mapKeys.append(key); mapDefinitions[key] = m }
            if (mapped[key]?.count ?? 0) < 10_000 { mapped[key, default: []].append(range) }
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if var m = message, m.text.utf8.count < 4_096 { m.text += String(decoding: bytes, as: UTF8.self); message = m }
        if let field = note?.field, (note?.text.utf8.count ?? 0) < 32_767 {
            let s = String(decoding: bytes, as: UTF8.self)
            if field == "author" { note?.author += s } else { note?.text += s }
        }
    }

    override func endElement(_ name: XMLName) {
        let n = name.localString
        if defining != nil { endDefinition(n); return }
        guard inWanted else { return }
        switch n {
        case "creator", "p", "date": note?.field = nil
        case "annotation":
            if let c = note { comments[c.ref] = Comment(c.text, author: c.author) }
            note = nil
        case "table-row": inRow = false
        default: break
        }
        if name.localString == "table-header-rows", depth == 1, let start = headerStart, row > start {
            // Rows printed on every page: a page setup carries them.
            var page = layout.setup.page ?? PageSetup(fitToWidth: nil)
            page.repeatRows = start...(min(row, CellReference.maxRows) - 1)
            layout.setup.page = page
            headerStart = nil
        }
        guard name.localString == "table" else { return }
        depth -= 1
        if depth == 0 { inWanted = false; failure = Done() }
    }

    private var cellStart = 0
    private var comments: [CellReference: Comment] = [:]

    /// A `table:content-validation` and its messages, before the tables; true when it took the element.
    private func definition(_ n: String, _ a: XMLAttributes) -> Bool {
        switch n {
        case "content-validation":
            guard let name = string(a, "name"), let condition = string(a, "condition") else { return false }
            defining = name
            definitions[name] = (condition, string(a, "allow-empty-cell") != "false", nil, nil, "stop")
            return true
        case "help-message" where defining != nil, "error-message" where defining != nil:
            message = (n, string(a, "title") ?? "", string(a, "display") != "false", "")
            if n == "error-message", let d = defining { definitions[d]?.style = string(a, "message-type") ?? "stop" }
            return true
        case "p" where message != nil:
            if !(message!.text.isEmpty) { message?.text += "\n" }
            return true
        default:
            return defining != nil
        }
    }

    private func endDefinition(_ n: String) {
        switch n {
        case "help-message", "error-message":
            if let m = message, let d = defining, m.display, !(m.title.isEmpty && m.text.isEmpty) {
                if m.kind == "help-message" { definitions[d]?.prompt = (m.title, m.text) } else { definitions[d]?.error = (m.title, m.text) }
            }
            message = nil
        case "content-validation": defining = nil
        default: break
        }
    }

    /// Adds a cell run to a validation's cells (joined into ranges at the end).
    private func apply(_ name: String, _ r: CellRange) {
        if applied[name] == nil { appliedOrder.append(name) }
        // A pathological file cannot make the list grow past what a sheet needs.
        guard (applied[name]?.count ?? 0) < 10_000 else { return }
        applied[name, default: []].append(r)
    }

    /// Runs of one row side by side joined (cells come one by one).
    static func joinedAcross(_ ranges: [CellRange]) -> [CellRange] {
        var out: [CellRange] = []
        for r in ranges {
            if let last = out.last, last.start.row == r.start.row, last.end.row == r.end.row, last.end.column + 1 == r.start.column {
                out[out.count - 1] = CellRange(last.start, r.end)
            } else {
                out.append(r)
            }
        }
        return out
    }

    /// A style map as svod's conditional format: its condition as an Excel formula written for
    /// the first cell, which must be the map's base cell (a shifted base is not rewritten).
    static func conditionalFormat(_ m: (condition: String, apply: String, base: String?), _ ranges: [CellRange], look: CellStyle) -> ConditionalFormat? {
        guard let first = ranges.first?.start else { return nil }
        if let base = m.base, let cell = base.split(separator: ".").last.map({ $0.replacingOccurrences(of: "$", with: "") }),
           CellReference(cell) != first { return nil }
        let c = m.condition.trimmingCharacters(in: .whitespaces)
        func excel(_ f: String) -> String? { FormulaTranslator.excel(fromOpenFormula: "of:=" + f) }
        var formula: String?
        if c.hasPrefix("is-true-formula("), c.hasSuffix(")") {
            formula = excel(String(c.dropFirst(16).dropLast()))
        } else if c.hasPrefix("cell-content()") {
            let rest = c.dropFirst(14)
            for (symbol, written) in [("<=", "<="), (">=", ">="), ("!=", "<>"), ("<", "<"), (">", ">"), ("=", "=")] where rest.hasPrefix(symbol) {
                formula = excel(String(rest.dropFirst(symbol.count))).map { "\(first.a1)\(written)(\($0))" }
                break
            }
        }
        guard let formula, !formula.isEmpty else { return nil }
        return ConditionalFormat(ranges: ranges, formula: formula, style: look)
    }

    /// Ranges of the same columns on consecutive rows joined (cells come row by row).
    static func stacked(_ ranges: [CellRange]) -> [CellRange] {
        var out: [CellRange] = []
        for r in ranges.sorted(by: { ($0.start.column, $0.end.column, $0.start.row) < ($1.start.column, $1.end.column, $1.start.row) }) {
            if let last = out.last, last.start.column == r.start.column, last.end.column == r.end.column, last.end.row + 1 == r.start.row {
                out[out.count - 1] = CellRange(last.start, r.end)
            } else {
                out.append(r)
            }
        }
        return out.sorted { ($0.start.row, $0.start.column) < ($1.start.row, $1.start.column) }
    }

    /// Stops the parse once the table is read.
    struct Done: Error {}

    /// The layout with what the copy leaves behind.
    var result: SheetLayout {
        var out = layout
        out.comments = comments
        var unknown = 0
        for name in appliedOrder {
            guard let d = definitions[name], let ranges = applied[name] else { continue }
            guard let rule = ODSValidationCondition.rule(d.condition) else { unknown += 1; continue }
            out.setup.validations.append(DataValidation(ranges: Self.stacked(Self.joinedAcross(ranges)), rule: rule, allowBlank: d.allowBlank, prompt: d.prompt, error: d.error,
                                                        errorStyle: DataValidation.ErrorStyle(rawValue: d.style) ?? .stop))
        }
        for key in mapKeys {
            guard let m = mapDefinitions[key], let ranges = mapped[key] else { continue }
            let joined = Self.stacked(Self.joinedAcross(ranges))
            if let format = Self.conditionalFormat(m, joined, look: catalog.resolve(m.apply)) {
                out.setup.conditionalFormats.append(format)
            } else {
                out.dropped.append(.init(ru: "условное форматирование, которого svod не прочёл", en: "conditional formatting svod could not read"))
            }
        }
        if unknown > 0 {
            out.dropped.append(.init(ru: "проверки данных, для которых у svod нет правила (\(unknown))", en: "data validations svod has no rule for (\(unknown))"))
        }
        if counts["frame"] != nil { out.dropped.append(.init(ru: "рисунки и диаграммы", en: "pictures and charts")) }
        return out
    }
}

/// What `settings.xml` says of each table: its frozen rows and columns and its tab colour.
final class ODSTableSettings: XMLHandler {
    private(set) var tables: [String: (frozenRows: Int, frozenColumns: Int, tab: Color?)] = [:]
    private var inTables = false
    private var entry: String?
    private var item: String?
    private var text = ""
    private var values: [String: String] = [:]
    private var t: [String: XMLToken] = [:]

    override func prepare(_ names: XMLNameTable) { t["name"] = names.token("name") }

    override func startElement(_ name: XMLName, _ a: XMLAttributes) {
        switch name.localString {
        case "config-item-map-named": inTables = a.string(t["name"]!) == "Tables"
        case "config-item-map-entry" where inTables && entry == nil: entry = a.string(t["name"]!); values = [:]
        case "config-item" where entry != nil: item = a.string(t["name"]!); text = ""
        default: break
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if item != nil { text += String(decoding: bytes, as: UTF8.self) }
    }

    override func endElement(_ name: XMLName) {
        switch name.localString {
        case "config-item" where item != nil:
            values[item!] = text
            item = nil
        case "config-item-map-entry" where entry != nil:
            // Split mode 2 is a freeze; its position counts the rows above or the columns left of it.
            func frozen(_ mode: String, _ position: String) -> Int {
                values[mode] == "2" ? min(CellReference.maxRows - 1, max(0, Int(values[position] ?? "") ?? 0)) : 0
            }
            let tab = (values["TabColor"].flatMap { Int($0) }).flatMap { v -> Color? in
                v < 0 || v > 0xFFFFFF ? nil : Color(red: UInt8(v >> 16 & 0xFF), green: UInt8(v >> 8 & 0xFF), blue: UInt8(v & 0xFF))
            }
            tables[entry!] = (frozen("VerticalSplitMode", "VerticalSplitPosition"), frozen("HorizontalSplitMode", "HorizontalSplitPosition"), tab)
            entry = nil
        case "config-item-map-named": inTables = false
        default: break
        }
    }
}
