import SvodWorkbook
import SvodXML

/// Automatic styles of `content.xml`, made as cells, columns and rows use them and written
/// into the part's prologue at the end: cell styles `ce…`, data styles `N…`, column
/// styles `co…`, row styles `ro…`, table styles `ta1` (shown) and `ta2` (hidden), and `ta3…`
/// for tables printed on a page of their own (`mp…`, laid out by `pl…` in `styles.xml`).
struct ODSStyleTable {
    private struct CellKey: Hashable { var style: CellStyle; var dataStyle: String?; var conditions: [Int] = [] }

    /// A conditional format as ODF keeps it: a `style:map` on the style of every cell it covers.
    struct Condition: Hashable {
        /// OpenFormula without its `of:=`, for `is-true-formula(…)`.
        var formula: String
        /// The cell its relative references count from, as a cell address (`$'ВПР'.D5`).
        var base: String
        /// The look, by its index in `looks`.
        var look: Int
    }

    /// A cell style's number (0 for none) and whether its data style shows a percentage.
    struct CellStyleRef {
        let number: Int
        let isPercent: Bool
    }

    private var cellStyles: [CellKey] = []
    private var cellStyleIndex: [CellKey: Int] = [:]
    private var dataStyles: [String] = []  // codes, named N1…
    private var dataStyleIndex: [String: Int] = [:]
    private(set) var columnWidths: [Double] = []  // cm, named co1…
    private(set) var rowHeights: [Double] = []  // cm, named ro1…
    private var conditions: [Condition] = []
    /// Conditional formats' looks: common styles `svod-cf1…` of `styles.xml` that maps apply.
    private(set) var looks: [CellStyle] = []
    /// (style index + 1) * kinds + implicit → cell style, nil until made.
    private var cache: [CellStyleRef?] = Array(repeating: nil, count: ImplicitFormat.allCases.count)

    /// Registers a conditional format; its id goes into `cellStyle(…conditions:)` for the cells it covers.
    mutating func condition(formula: String, base: String, look: CellStyle) -> Int {
        let l = looks.firstIndex(of: look) ?? { looks.append(look); return looks.count - 1 }()
        conditions.append(Condition(formula: formula, base: base, look: l))
        return conditions.count - 1
    }

    /// The name of a look's common style.
    func lookName(_ i: Int) -> String { "svod-cf\(i + 1)" }

    /// The cell style name for a registered style and value kind, with the style maps of
    /// `conditions` (registered ids, first first); 0 for none.
    mutating func cellStyle(_ style: StyleID?, _ implicit: ImplicitFormat, registry: StyleRegistry, conditions: [Int] = []) -> CellStyleRef {
        let slot = ((style?.index ?? -1) + 1) * ImplicitFormat.allCases.count + implicit.rawValue
        if conditions.isEmpty, slot < cache.count, let known = cache[slot] { return known }
        let base = style.map { registry[$0] } ?? CellStyle()
        var made = 0
        let code = implicit == .boolean && base.numberFormat == nil ? ODSDataStyle.boolean : implicit.resolve(base.numberFormat)
        var dataStyle: String?
        if let code, ODSDataStyle.needsStyle(code) {
            if let i = dataStyleIndex[code] { dataStyle = "N\(i + 1)" } else {
                dataStyles.append(code)
                dataStyleIndex[code] = dataStyles.count - 1
                dataStyle = "N\(dataStyles.count)"
            }
        }
        if style != nil || dataStyle != nil || !conditions.isEmpty {
            var plain = base
            plain.numberFormat = nil
            let key = CellKey(style: plain, dataStyle: dataStyle, conditions: conditions)
            if let i = cellStyleIndex[key] { made = i + 1 } else {
                cellStyles.append(key)
                cellStyleIndex[key] = cellStyles.count - 1
                made = cellStyles.count
            }
        }
        let ref = CellStyleRef(number: made, isPercent: code.map { NumberFormat.kind(ofCode: $0) == .percent } ?? false)
        guard conditions.isEmpty else { return ref }
        if slot >= cache.count { cache += Array(repeating: nil, count: slot - cache.count + 1) }
        cache[slot] = ref
        return ref
    }

    /// The column style number for a width in Excel characters (1 for the default width).
    mutating func columnStyle(width: Double?) -> Int {
        // A character of Excel's width is 7 pt in LibreOffice, both ways: a width read back from
        // its ODS, or from its XLSX export of it, is the one written.
        let cm = width.map { ($0 * 7 / 72 * 2.54 * 1000).rounded() / 1000 } ?? 2.258
        if let i = columnWidths.firstIndex(of: cm) { return i + 1 }
        columnWidths.append(cm)
        return columnWidths.count
    }

    /// The row style number for a height in points.
    mutating func rowStyle(height: Double) -> Int {
        let cm = (height / 72 * 2.54 * 1000).rounded() / 1000
        if let i = rowHeights.firstIndex(of: cm) { return i + 1 }
        rowHeights.append(cm)
        return rowHeights.count
    }

    /// Put before every style name: the styles of a table added to another document must not take its names.
    var prefix = ""
    /// Page setups of tables, each a master page; tables printed with one, by (shown, page).
    private(set) var pages: [PageSetup] = []
    private var pagedTables: [(visible: Bool, page: Int)] = []

    /// The table style for a table shown or hidden, printed with `page` (nil: the default page).
    mutating func tableStyle(visible: Bool, page: PageSetup?) -> String {
        guard let page else { return prefix + (visible ? "ta1" : "ta2") }
        let p = pages.firstIndex(of: page) ?? { pages.append(page); return pages.count - 1 }()
        let t = pagedTables.firstIndex { $0 == (visible, p) } ?? { pagedTables.append((visible, p)); return pagedTables.count - 1 }()
        return prefix + "ta\(t + 3)"
    }

    /// The master page printing a table with `pages[i]`.
    func masterPage(_ i: Int) -> String { prefix + "mp\(i + 1)" }

    /// The page layouts (for `styles.xml`'s automatic styles) and master pages of the page setups used.
    func pageStyles() -> (layouts: String, masters: String) {
        var layouts = "", masters = ""
        for (i, page) in pages.enumerated() {
            let landscape = page.orientation == .landscape
            layouts += "<style:page-layout style:name=\"\(prefix)pl\(i + 1)\"><style:page-layout-properties"
                + " fo:page-width=\"\(landscape ? "29.7cm" : "21cm")\" fo:page-height=\"\(landscape ? "21cm" : "29.7cm")\""
                + " style:print-orientation=\"\(page.orientation.rawValue)\" fo:margin-top=\"1.5cm\" fo:margin-bottom=\"1.5cm\""
                + " fo:margin-left=\"1.5cm\" fo:margin-right=\"1.5cm\"" + (page.fitToWidth.map { " style:scale-to-X=\"\($0)\"" } ?? "") + (page.fitToHeight.map { " style:scale-to-Y=\"\($0)\"" } ?? "")
                + "/></style:page-layout>"
            masters += "<style:master-page style:name=\"\(masterPage(i))\" style:page-layout-name=\"\(prefix)pl\(i + 1)\"/>"
        }
        return (layouts, masters)
    }

    /// `<office:automatic-styles>` and its content.
    func write(_ x: XMLWriter) {
        x.raw("<office:automatic-styles>")
        writeStyles(x)
        x.raw("</office:automatic-styles>")
    }

    /// The styles themselves.
    func writeStyles(_ x: XMLWriter) {
        for (i, cm) in columnWidths.enumerated() {
            x.raw(#"<style:style style:name=""#); x.raw(prefix); x.raw("co"); x.int(i + 1)
            x.raw(#"" style:family="table-column"><style:table-column-properties fo:break-before="auto" style:column-width=""#)
            x.raw(String(cm)); x.raw(#"cm"/></style:style>"#)
        }
        for (i, cm) in rowHeights.enumerated() {
            x.raw(#"<style:style style:name=""#); x.raw(prefix); x.raw("ro"); x.int(i + 1)
            x.raw(#"" style:family="table-row"><style:table-row-properties style:row-height=""#)
            x.raw(String(cm)); x.raw(#"cm" fo:break-before="auto" style:use-optimal-row-height="false"/></style:style>"#)
        }
        let tables = [(true, "Default"), (false, "Default")] + pagedTables.map { ($0.visible, masterPage($0.page)) }
        for (i, (visible, master)) in tables.enumerated() {
            x.raw(#"<style:style style:name=""#); x.raw(prefix); x.raw("ta"); x.int(i + 1)
            x.raw(#"" style:family="table" style:master-page-name=""#); x.raw(master)
            x.raw(#""><style:table-properties table:display=""#)
            x.raw(visible ? "true" : "false"); x.raw(#"" style:writing-mode="lr-tb"/></style:style>"#)
        }
        for (i, code) in dataStyles.enumerated() {
            _ = ODSDataStyle.write(code: code, name: prefix + "N\(i + 1)", to: x)
        }
        for (i, key) in cellStyles.enumerated() {
            let s = key.style
            x.raw(#"<style:style style:name=""#); x.raw(prefix); x.raw("ce"); x.int(i + 1)
            x.raw(#"" style:family="table-cell" style:parent-style-name="Default""#)
            if let d = key.dataStyle { x.raw(#" style:data-style-name=""#); x.raw(prefix); x.raw(d); x.raw(#"""#) }
            x.raw(">")
            let edges = s.edges.flatMap { $0.isEmpty ? nil : $0 }
            let cellProps = s.fill != nil || s.border || edges != nil || s.wrap || s.vertical != nil || !s.locked
            if cellProps {
                x.raw("<style:table-cell-properties")
                if let f = s.fill { x.raw(##" fo:background-color="#"##); x.raw(f.hex.lowercased()); x.raw(#"""#) }
                if let edges {
                    for (side, line) in zip(["left", "right", "top", "bottom"], edges.sides) {
                        x.raw(" fo:border-"); x.raw(side); x.raw(#"=""#); x.raw(line.map(Self.borderLine) ?? "none"); x.raw(#"""#)
                    }
                } else if s.border { x.raw(##" fo:border="0.06pt solid #000000""##) }
                if s.wrap { x.raw(#" fo:wrap-option="wrap""#) }
                if let v = s.vertical { x.raw(#" style:vertical-align=""#); x.raw(v == .center ? "middle" : v.rawValue); x.raw(#"""#) }
                if !s.locked { x.raw(#" style:cell-protect="none""#) }
                x.raw("/>")
            }
            if let h = s.horizontal {
                x.raw(#"<style:paragraph-properties fo:text-align=""#)
                x.raw(h == .left ? "start" : h == .right ? "end" : "center"); x.raw(#""/>"#)
            }
            if s.bold || s.italic || s.fontColor != nil || s.underline || s.fontSize != nil {
                x.raw("<style:text-properties")
                if s.bold { x.raw(#" fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold""#) }
                if s.italic { x.raw(#" fo:font-style="italic" style:font-style-asian="italic" style:font-style-complex="italic""#) }
                if let c = s.fontColor { x.raw(##" fo:color="#"##); x.raw(c.hex.lowercased()); x.raw(#"""#) }
                if s.underline { x.raw(#" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color""#) }
                if let size = s.fontSize, size.isFinite, size > 0 {
                    let pt = (size * 10).rounded() / 10
                    let text = pt == pt.rounded() ? String(Int(pt)) : String(pt)
                    x.raw(#" fo:font-size=""#); x.raw(text); x.raw(#"pt" style:font-size-asian=""#); x.raw(text)
                    x.raw(#"pt" style:font-size-complex=""#); x.raw(text); x.raw(#"pt""#)
                }
                x.raw("/>")
            }
            for c in key.conditions.map({ conditions[$0] }) {
                x.raw(#"<style:map style:condition="is-true-formula("#); x.safeAttribute(c.formula)
                x.raw(#")" style:apply-style-name=""#); x.raw(lookName(c.look))
                x.raw(#"" style:base-cell-address=""#); x.safeAttribute(c.base); x.raw(#""/>"#)
            }
            x.raw("</style:style>")
        }
    }

    /// A side's line as ODF draws it (widths as LibreOffice gives Excel's lines).
    static func borderLine(_ l: BorderLine) -> String {
        let color = "#" + (l.color?.hex.lowercased() ?? "000000")
        switch l.style {
        case .hair: return "0.06pt solid " + color
        case .thin: return "0.74pt solid " + color
        case .medium: return "1.76pt solid " + color
        case .thick: return "2.5pt solid " + color
        case .dashed: return "0.74pt dashed " + color
        case .dotted: return "0.74pt dotted " + color
        case .double: return "2.01pt double " + color
        }
    }

    /// The looks' common styles, for `styles.xml`'s `office:styles`.
    func lookStyles() -> String {
        looks.enumerated().map { i, s in
            var out = "<style:style style:name=\"\(lookName(i))\" style:family=\"table-cell\" style:parent-style-name=\"Default\">"
            if let f = s.fill { out += "<style:table-cell-properties fo:background-color=\"#\(f.hex.lowercased())\"/>" }
            if s.bold || s.italic || s.fontColor != nil {
                out += "<style:text-properties" + (s.bold ? #" fo:font-weight="bold""# : "") + (s.italic ? #" fo:font-style="italic""# : "")
                    + (s.fontColor.map { " fo:color=\"#\($0.hex.lowercased())\"" } ?? "") + "/>"
            }
            return out + "</style:style>"
        }.joined()
    }
}
