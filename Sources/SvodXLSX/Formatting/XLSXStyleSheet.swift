import SvodWorkbook
import SvodXML

/// Reads `styles.xml` whole into the looks its cell formats give (`cellXfs`, indexed by a
/// cell's `s`): number formats, fonts, fills, borders, alignment and protection. Only for
/// copies that keep formatting; reading values needs `StylesParser`'s date kinds alone.
final class XLSXStyleSheet: XMLHandler {
    private struct Font { var bold = false, italic = false, underline = false; var size: Double?; var color: Color? }

    private var formats: [Int: String] = [:]
    private var fonts: [Font] = []
    private var fills: [Color?] = []
    private var borders: [BorderEdges] = []
    private(set) var styles: [CellStyle] = []
    /// The looks of conditional formats, by `dxfId`.
    private(set) var dxfs: [CellStyle] = []
    private var dxf: CellStyle?
    private let theme: XLSXTheme

    private var section = ""
    private var font: Font?
    private var fill: (pattern: String?, fg: Color?, bg: Color?)?
    private var border: BorderEdges?
    private var side: String?
    private var xf: CellStyle?
    private var alternate = AlternateContentFilter()
    private var t: [String: XMLToken] = [:]

    init(theme: XLSXTheme) { self.theme = theme }

    override func prepare(_ names: XMLNameTable) {
        alternate.prepare(names)
        for n in ["numFmtId", "formatCode", "val", "rgb", "theme", "tint", "indexed", "auto", "patternType", "style", "fontId", "fillId",
                  "borderId", "horizontal", "vertical", "wrapText", "locked"] { t[n] = names.token(n) }
    }

    private func string(_ a: XMLAttributes, _ n: String) -> String? { t[n].flatMap { a.string($0) } }
    private func int(_ a: XMLAttributes, _ n: String) -> Int? { string(a, n).flatMap { Int($0) } }
    private func flag(_ a: XMLAttributes, _ n: String) -> Bool? { string(a, n).map { $0 == "1" || $0 == "true" } }

    private func color(_ a: XMLAttributes) -> Color? {
        if flag(a, "auto") == true { return nil }
        let tint = string(a, "tint").flatMap { Double($0) } ?? 0
        if let rgb = string(a, "rgb") { return Color(hex: String(rgb.suffix(6)))?.tinted(tint) }
        if let i = int(a, "theme") { return theme.color(i)?.tinted(tint) }
        if let i = int(a, "indexed") { return XLSXTheme.indexed(i)?.tinted(tint) }
        return nil
    }

    override func startElement(_ name: XMLName, _ a: XMLAttributes) {
        if alternate.skipStart(name) { return }
        let n = name.localString
        switch n {
        case "numFmts", "fonts", "fills", "borders", "cellXfs", "cellStyleXfs", "dxfs": section = n
        case "numFmt" where section == "numFmts":
            if let id = int(a, "numFmtId"), let code = string(a, "formatCode") { formats[id] = code }
        case "dxf" where section == "dxfs": dxf = CellStyle()
        case "font" where section == "fonts" || dxf != nil: font = Font()
        case "b" where font != nil: font?.bold = flag(a, "val") ?? true
        case "i" where font != nil: font?.italic = flag(a, "val") ?? true
        case "u" where font != nil: font?.underline = string(a, "val") != "none"
        case "sz" where font != nil: font?.size = string(a, "val").flatMap { Double($0) }
        case "color" where font != nil: font?.color = color(a)
        case "fill" where section == "fills" || dxf != nil: fill = (nil, nil, nil)
        case "patternFill" where fill != nil: fill?.pattern = string(a, "patternType")
        case "fgColor" where fill != nil: fill?.fg = color(a)
        case "bgColor" where fill != nil: fill?.bg = color(a)
        case "border" where section == "borders": border = BorderEdges()
        case "left", "right", "top", "bottom", "start", "end":
            guard border != nil, let style = string(a, "style").flatMap(Self.line) else { side = nil; return }
            side = n
            set(BorderLine(style), on: n)
        case "color" where side != nil:
            if let s = side, let c = color(a) { var line = current(s); line?.color = c; set(line, on: s) }
        case "xf" where section == "cellXfs":
            var s = CellStyle()
            if let id = int(a, "numFmtId"), id != 0 { s.numberFormat = formats[id] ?? NumberFormat.builtinCode(id) }
            if let f = int(a, "fontId"), f < fonts.count {
                s.bold = fonts[f].bold; s.italic = fonts[f].italic; s.underline = fonts[f].underline
                s.fontColor = fonts[f].color; s.fontSize = fonts[f].size == 11 ? nil : fonts[f].size
            }
            if let f = int(a, "fillId"), f < fills.count { s.fill = fills[f] }
            if let b = int(a, "borderId"), b < borders.count, !borders[b].isEmpty { s.edges = borders[b] }
            xf = s
        case "alignment" where xf != nil:
            switch string(a, "horizontal") {
            case "left"?: xf?.horizontal = .left
            case "center"?, "centerContinuous"?: xf?.horizontal = .center
            case "right"?: xf?.horizontal = .right
            default: break
            }
            switch string(a, "vertical") {
            case "top"?: xf?.vertical = .top
            case "center"?: xf?.vertical = .center
            default: break
            }
            xf?.wrap = flag(a, "wrapText") ?? false
        case "protection" where xf != nil: xf?.locked = flag(a, "locked") ?? true
        default: break
        }
    }

    override func endElement(_ name: XMLName) {
        if alternate.skipEnd() { return }
        switch name.localString {
        case "numFmts", "fonts", "fills", "borders", "cellXfs", "cellStyleXfs", "dxfs": section = ""
        case "font" where font != nil:
            if dxf != nil {
                dxf?.bold = font!.bold; dxf?.italic = font!.italic; dxf?.underline = font!.underline; dxf?.fontColor = font!.color
            } else {
                fonts.append(font!)
            }
            font = nil
        case "fill" where fill != nil:
            let f = fill!
            if dxf != nil {
                // A conditional format's solid fill is its pattern's background (ECMA-376 Part 1, 18.8.17).
                if f.pattern != "none" { dxf?.fill = f.bg ?? f.fg }
            } else {
                // A solid fill's colour is its foreground; a pattern other than none shows one too.
                fills.append(f.pattern == nil || f.pattern == "none" ? nil : (f.fg ?? f.bg))
            }
            fill = nil
        case "dxf" where dxf != nil: dxfs.append(dxf!); dxf = nil
        case "border" where border != nil: borders.append(border!); border = nil
        case "left", "right", "top", "bottom", "start", "end": side = nil
        case "xf" where xf != nil: styles.append(xf!); xf = nil
        default: break
        }
    }

    private func current(_ side: String) -> BorderLine? {
        switch side {
        case "left", "start": return border?.left
        case "right", "end": return border?.right
        case "top": return border?.top
        default: return border?.bottom
        }
    }

    private func set(_ line: BorderLine?, on side: String) {
        switch side {
        case "left", "start": border?.left = line
        case "right", "end": border?.right = line
        case "top": border?.top = line
        default: border?.bottom = line
        }
    }

    /// A border style as svod draws it; nil for none.
    static func line(_ s: String) -> BorderLine.Style? {
        switch s {
        case "hair": return .hair
        case "thin": return .thin
        case "medium", "mediumDashDot", "mediumDashDotDot", "slantDashDot": return .medium
        case "thick": return .thick
        case "dashed", "dashDot", "dashDotDot", "mediumDashed": return .dashed
        case "dotted": return .dotted
        case "double": return .double
        default: return nil
        }
    }
}
