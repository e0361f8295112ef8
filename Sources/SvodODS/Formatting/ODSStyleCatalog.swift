import Foundation
import SvodWorkbook
import SvodXML

/// The styles of an OpenDocument spreadsheet as svod's looks: cell styles (common ones from
/// `styles.xml`, automatic ones from `content.xml`, each with what its parents give it), their
/// data styles as Excel format codes, column widths and row heights. Fed both parts in turn;
/// only for copies that keep formatting.
final class ODSStyleCatalog: XMLHandler {
    /// A cell style as written: its own properties, its parent, its data style.
    private struct Written {
        var parent: String?
        var dataStyle: String?
        var look = CellStyle()
        /// Which properties it sets itself (the rest come from its parent).
        var sets: Set<String> = []
    }

    private var cells: [String: Written] = [:]
    /// Cell style names in the order met, `Default` first: a cell's style index is its place here, plus one.
    private(set) var order: [String] = []
    private var indexes: [String: Int] = [:]
    /// Style maps (conditional formats) by the cell style carrying them: condition, applied style, base cell.
    private(set) var maps: [String: [(condition: String, apply: String, base: String?)]] = [:]
    private var dataCodes: [String: String] = [:]
    /// A data style that shows positive numbers through another (LibreOffice's currencies and
    /// negative-red formats: `style:map style:condition="value()>=0"`): the one it maps to.
    private var positive: [String: String] = [:]
    /// Column widths in Excel characters, row heights in points, by style name.
    private(set) var columnWidths: [String: Double] = [:]
    private(set) var rowHeights: [String: Double] = [:]
    /// Page layouts by name, master pages' layouts, tables' master pages.
    private var pageLayouts: [String: PageSetup] = [:]
    private var masters: [String: String] = [:]
    private var tableMasters: [String: String] = [:]
    private var layoutName: String?
    private static let root = "\u{0}default"
    /// Stops the content part at its body: the automatic styles come before it.
    struct ReachedBody: Error {}

    private var current: (name: String, family: String)?
    private var data: (name: String, kind: String, code: String)?
    private var dataDepth = 0
    private var inDataText = false
    /// A time style whose hours run past 24 (`[h]`).
    private var elapsed = false
    private var t: [String: XMLToken] = [:]

    override func prepare(_ names: XMLNameTable) {
        for n in ["name", "family", "parent-style-name", "data-style-name", "background-color", "border", "border-left", "border-right",
                  "border-top", "border-bottom", "wrap-option", "vertical-align", "cell-protect", "text-align", "font-weight",
                  "font-style", "text-underline-style", "color", "font-size", "column-width", "row-height", "decimal-places",
                  "min-integer-digits", "grouping", "style", "textual", "truncate-on-overflow", "use-optimal-row-height", "print-orientation",
                  "scale-to-X", "scale-to-Y", "scale-to-pages", "page-layout-name", "master-page-name", "condition", "apply-style-name",
                  "base-cell-address"] {
            t[n] = names.token(n)
        }
    }

    private func string(_ a: XMLAttributes, _ n: String) -> String? { t[n].flatMap { a.string($0) } }

    override func startElement(_ name: XMLName, _ a: XMLAttributes) {
        let n = name.localString
        if let d = data {
            dataDepth += 1
            dataElement(n, a, d)
            return
        }
        switch n {
        case "body":
            failure = ReachedBody()
        case "style", "default-style":
            startStyle(n, a)
        case "map" where current?.family == "table-cell":
            if let name = current?.name, let condition = string(a, "condition"), let apply = string(a, "apply-style-name"), (maps[name]?.count ?? 0) < 64 {
                maps[name, default: []].append((condition, apply, string(a, "base-cell-address")))
            }
        case "table-cell-properties" where current?.family == "table-cell":
            cellProperties(a)
        case "paragraph-properties" where current?.family == "table-cell":
            if let align = string(a, "text-align") {
                edit { w in
                    w.sets.insert("horizontal")
                    w.look.horizontal = align == "center" ? .center : align == "end" || align == "right" ? .right : align == "start" || align == "left" ? .left : nil
                }
            }
        case "text-properties" where current?.family == "table-cell":
            textProperties(a)
        case "table-column-properties" where current?.family == "table-column":
            if let w = string(a, "column-width").flatMap(Self.points), let name = current?.name {
                // Excel's unit as LibreOffice counts it: 7 pt a character (`ODSStyleTable.columnStyle`).
                columnWidths[name] = max(0, min(255, w / 7))
            }
        case "table-row-properties" where current?.family == "table-row":
            if string(a, "use-optimal-row-height") != "true", let h = string(a, "row-height").flatMap(Self.points), let name = current?.name {
                rowHeights[name] = max(0, min(409, h))
            }
        case "page-layout":
            layoutName = string(a, "name")
        case "page-layout-properties" where layoutName != nil:
            pageLayouts[layoutName!] = page(a)
        case "master-page":
            if let name = string(a, "name"), let layout = string(a, "page-layout-name") { masters[name] = layout }
        case "number-style", "percentage-style", "date-style", "time-style", "currency-style", "text-style", "boolean-style":
            data = (string(a, "name") ?? "", n, "")
            elapsed = n == "time-style" && string(a, "truncate-on-overflow") == "false"
            dataDepth = 0
        default:
            break
        }
    }

    override func endElement(_ name: XMLName) {
        if var d = data {
            if dataDepth == 0 {
                if d.kind == "text-style" { d.code = "@" }
                if !d.code.isEmpty, d.kind != "boolean-style" { dataCodes[d.name] = d.code }
                data = nil
            } else {
                dataDepth -= 1
                if name.localString == "text" { inDataText = false }
                data = d
            }
            return
        }
        let n = name.localString
        if n == "style" || n == "default-style" { current = nil }
        if n == "page-layout" { layoutName = nil }
    }

    override func characters(_ text: UnsafeBufferPointer<UInt8>) {
        guard inDataText, var d = data else { return }
        let s = String(decoding: text, as: UTF8.self)
        let dated = d.kind == "date-style" || d.kind == "time-style"
        if s == "%" || (dated && s.allSatisfy({ ".-/: ,".contains($0) })) { d.code += s }
        else { d.code += "\"" + s.replacingOccurrences(of: "\"", with: "") + "\"" }
        data = d
    }

    /// A style's start: its family, name, parent and data style.
    private func startStyle(_ n: String, _ a: XMLAttributes) {
        guard let family = string(a, "family") else { return }
        // The default style is the root; «Default» and styles naming no parent hang from it.
        let styleName = n == "default-style" ? Self.root : (string(a, "name") ?? "")
        current = (styleName, family)
        if family == "table", let master = string(a, "master-page-name") { tableMasters[styleName] = master }
        guard family == "table-cell" else { return }
        // «Default» is index 0, the look of a cell that names none: it makes no styled blank.
        if cells[styleName] == nil, n != "default-style", styleName != "Default" { order.append(styleName); indexes[styleName] = order.count }
        let parent = n == "default-style" ? nil : string(a, "parent-style-name") ?? (styleName == "Default" ? Self.root : "Default")
        cells[styleName] = Written(parent: parent, dataStyle: string(a, "data-style-name"))
    }

    /// A page layout's orientation and scaling to pages.
    private func page(_ a: XMLAttributes) -> PageSetup {
        var page = PageSetup(orientation: string(a, "print-orientation") == "landscape" ? .landscape : .portrait, fitToWidth: nil)
        if let x = string(a, "scale-to-X").flatMap({ Int($0) }), x > 0 {
            page.fitToWidth = min(x, 100)
            page.fitToHeight = string(a, "scale-to-Y").flatMap { Int($0) }.flatMap { $0 > 0 ? min($0, 100) : nil }
        } else if let n = string(a, "scale-to-pages").flatMap({ Int($0) }), n > 0 {
            page.fitToWidth = min(n, 100)
            page.fitToHeight = min(n, 100)
        }
        return page
    }

    private func edit(_ change: (inout Written) -> Void) {
        guard let name = current?.name, var w = cells[name] else { return }
        change(&w)
        cells[name] = w
    }

    private func cellProperties(_ a: XMLAttributes) {
        edit { w in
            if let bg = string(a, "background-color") {
                w.sets.insert("fill")
                w.look.fill = bg == "transparent" ? nil : Color(hex: bg)
            }
            var edges = w.look.edges ?? BorderEdges()
            var bordered = false
            if let all = string(a, "border") {
                let line = Self.line(all)
                edges = BorderEdges(left: line, right: line, top: line, bottom: line)
                bordered = true
            }
            for side in ["left", "right", "top", "bottom"] {
                guard let v = string(a, "border-" + side) else { continue }
                let line = Self.line(v)
                switch side {
                case "left": edges.left = line
                case "right": edges.right = line
                case "top": edges.top = line
                default: edges.bottom = line
                }
                bordered = true
            }
            if bordered { w.sets.insert("edges"); w.look.edges = edges.isEmpty ? nil : edges }
            if let wrap = string(a, "wrap-option") { w.sets.insert("wrap"); w.look.wrap = wrap == "wrap" }
            if let v = string(a, "vertical-align") {
                w.sets.insert("vertical")
                w.look.vertical = v == "top" ? .top : v == "middle" ? .center : nil
            }
            if let p = string(a, "cell-protect") {
                w.sets.insert("locked")
                // «protected», «hidden-and-protected», «protected formula-hidden» lock; «none» and «formula-hidden» do not.
                w.look.locked = p.contains("protected")
            }
        }
    }

    private func textProperties(_ a: XMLAttributes) {
        edit { w in
            if let v = string(a, "font-weight") { w.sets.insert("bold"); w.look.bold = v == "bold" || (Int(v) ?? 400) >= 600 }
            if let v = string(a, "font-style") { w.sets.insert("italic"); w.look.italic = v == "italic" || v == "oblique" }
            if let v = string(a, "text-underline-style") { w.sets.insert("underline"); w.look.underline = v != "none" }
            if let v = string(a, "color") { w.sets.insert("fontColor"); w.look.fontColor = Color(hex: v) }
            if let v = string(a, "font-size").flatMap(Self.points) { w.sets.insert("fontSize"); w.look.fontSize = v }
        }
    }

    /// One element of a data style: its part of the Excel code.
    private func dataElement(_ n: String, _ a: XMLAttributes, _ d: (name: String, kind: String, code: String)) {
        if n == "map", let c = string(a, "condition")?.replacingOccurrences(of: " ", with: ""), c == "value()>=0" || c == "value()>0",
           let apply = string(a, "apply-style-name") {
            positive[d.name] = apply
            return
        }
        var code = d.code
        let long = string(a, "style") == "long"
        switch n {
        case "number":
            let places = string(a, "decimal-places").flatMap { Int($0) } ?? 0
            let digits = max(1, string(a, "min-integer-digits").flatMap { Int($0) } ?? 1)
            var integer = String(repeating: "0", count: min(digits, 30))
            if string(a, "grouping") == "true" { integer = digits >= 4 ? integer : "#,##" + String(repeating: "0", count: max(1, digits)) }
            code += integer + (places > 0 ? "." + String(repeating: "0", count: min(places, 30)) : "")
        case "text": inDataText = true
        case "day": code += long ? "dd" : "d"
        case "day-of-week": code += long ? "dddd" : "ddd"
        case "month": code += string(a, "textual") == "true" ? (long ? "mmmm" : "mmm") : (long ? "mm" : "m")
        case "year": code += long ? "yyyy" : "yy"
        case "hours": code += elapsed ? (long ? "[hh]" : "[h]") : (long ? "hh" : "h")
        case "minutes": code += long ? "mm" : "m"
        case "seconds":
            code += long ? "ss" : "s"
            if let p = string(a, "decimal-places").flatMap({ Int($0) }), p > 0 { code += "." + String(repeating: "0", count: min(p, 9)) }
        case "am-pm": code += "AM/PM"
        case "currency-symbol": inDataText = true
        default: break
        }
        data = (d.name, d.kind, code)
    }

    /// How a table of this table style prints; nil for the program's defaults.
    func page(ofTableStyle name: String) -> PageSetup? {
        guard let master = tableMasters[name], let layout = masters[master], let page = pageLayouts[layout] else { return nil }
        return page == PageSetup(fitToWidth: nil) ? nil : page
    }

    /// The looks in index order (0 for no style, then `order`), each with its parents' properties.
    func looks() -> [CellStyle] {
        [resolve("Default")] + order.map(resolve)
    }

    /// A style name's index in `looks()`; 0 for an unknown name.
    func index(of name: String) -> Int { indexes[name] ?? 0 }

    /// The look of a style with what its parents set and it does not, its data style as a code.
    func resolve(_ name: String) -> CellStyle {
        var chain: [Written] = []
        var next: String? = name
        var seen = Set<String>()
        while let n = next, let w = cells[n], seen.insert(n).inserted, chain.count < 16 {
            chain.append(w)
            next = w.parent
        }
        var out = CellStyle()
        var taken = Set<String>()
        for w in chain {
            for key in w.sets where taken.insert(key).inserted {
                switch key {
                case "fill": out.fill = w.look.fill
                case "edges": out.edges = w.look.edges
                case "wrap": out.wrap = w.look.wrap
                case "vertical": out.vertical = w.look.vertical
                case "locked": out.locked = w.look.locked
                case "horizontal": out.horizontal = w.look.horizontal
                case "bold": out.bold = w.look.bold
                case "italic": out.italic = w.look.italic
                case "underline": out.underline = w.look.underline
                case "fontColor": out.fontColor = w.look.fontColor
                case "fontSize": out.fontSize = w.look.fontSize
                default: break
                }
            }
            if out.numberFormat == nil, let d = w.dataStyle, let code = dataCodes[positive[d] ?? d] { out.numberFormat = code }
        }
        if out.fontColor == Color(red: 0, green: 0, blue: 0) { out.fontColor = nil }
        if let size = out.fontSize, abs(size - 10) < 0.01 || abs(size - 11) < 0.01 { out.fontSize = nil }
        return out
    }

    /// A length (`2.258cm`, `0.8925in`, `12pt`, `5mm`) in points.
    static func points(_ s: String) -> Double? {
        let units: [(String, Double)] = [("cm", 72 / 2.54), ("mm", 72 / 25.4), ("in", 72), ("pt", 1), ("pc", 12), ("px", 0.75)]
        for (unit, k) in units where s.hasSuffix(unit) {
            guard let v = Double(s.dropLast(unit.count)), v.isFinite else { return nil }
            return v * k
        }
        return nil
    }

    /// A border (`0.74pt solid #000000`) as a line; nil for none.
    static func line(_ s: String) -> BorderLine? {
        let parts = s.split(separator: " ").map(String.init)
        guard !parts.contains("none"), !parts.contains("hidden"), let width = parts.compactMap(points).first, width > 0 else { return nil }
        let color = parts.first { $0.hasPrefix("#") }.flatMap { Color(hex: $0) }
        let style: BorderLine.Style
        if parts.contains("double") { style = .double }
        else if parts.contains("dashed") || parts.contains("dash") { style = .dashed }
        else if parts.contains("dotted") { style = .dotted }
        else { style = width >= 2.2 ? .thick : width >= 1.2 ? .medium : .thin }
        return BorderLine(style, color: color == Color(red: 0, green: 0, blue: 0) ? nil : color)
    }
}
