import SvodWorkbook
import SvodXML

/// Turns (registered style, implicit format) pairs into `cellXfs` indices as cells use
/// them, and writes `styles.xml` at the end.
struct XLSXStyleTable {
    private struct Font: Hashable { var bold, italic: Bool; var color: Color? }
    private struct Xf: Hashable {
        var numFmt: Int, font: Int, fill: Int, border: Int
        var horizontal: HorizontalAlignment?, vertical: VerticalAlignment?, wrap: Bool, locked: Bool
    }

    /// ECMA-376 Part 1, 18.8.30: built-in formats that need no `numFmt` element.
    private static let builtinFormats: [String: Int] = [
        "General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "0.00E+00": 11,
        "@": 49,
    ]

    private var customFormats: [String: Int] = [:]
    private var customFormatOrder: [String] = []
    private var fonts: [Font] = [Font(bold: false, italic: false, color: nil)]
    private var fills: [Color?] = [nil, nil]  // 0 none and 1 gray125 are reserved by Excel
    private var xfs: [Xf] = [Xf(numFmt: 0, font: 0, fill: 0, border: 0, horizontal: nil, vertical: nil, wrap: false, locked: true)]
    private var xfIndex: [Xf: Int] = [:]
    /// (style index + 1) * 5 + implicit → xf, -1 when not yet made; grows with the registry.
    private var cache: [Int] = Array(repeating: -1, count: ImplicitFormat.allCases.count)
    private var usesBorder = false

    init() { xfIndex[xfs[0]] = 0 }

    /// The `s` attribute for a cell.
    mutating func xf(style: StyleID?, implicit: ImplicitFormat, registry: StyleRegistry) -> Int {
        let slot = ((style?.index ?? -1) + 1) * ImplicitFormat.allCases.count + implicit.rawValue
        if slot < cache.count, cache[slot] >= 0 { return cache[slot] }
        let made = makeXf(style.map { registry[$0] }, implicit)
        if slot >= cache.count { cache += Array(repeating: -1, count: slot - cache.count + 1) }
        cache[slot] = made
        return made
    }

    private mutating func makeXf(_ style: CellStyle?, _ implicit: ImplicitFormat) -> Int {
        let s = style ?? CellStyle()
        let code = implicit.resolve(s.numberFormat)
        var numFmt = 0
        if let code { numFmt = formatID(code) }
        let font = Font(bold: s.bold, italic: s.italic, color: s.fontColor)
        let fontID = fonts.firstIndex(of: font) ?? { fonts.append(font); return fonts.count - 1 }()
        var fillID = 0
        if let fill = s.fill {
            fillID = fills.firstIndex(of: fill) ?? { fills.append(fill); return fills.count - 1 }()
        }
        if s.border { usesBorder = true }
        let xf = Xf(numFmt: numFmt, font: fontID, fill: fillID, border: s.border ? 1 : 0, horizontal: s.horizontal,
                    vertical: s.vertical, wrap: s.wrap, locked: s.locked)
        if let i = xfIndex[xf] { return i }
        xfs.append(xf)
        xfIndex[xf] = xfs.count - 1
        return xfs.count - 1
    }

    private mutating func formatID(_ code: String) -> Int {
        if let id = XLSXStyleTable.builtinFormats[code] { return id }
        if let id = customFormats[code] { return id }
        let id = 164 + customFormatOrder.count
        customFormats[code] = id
        customFormatOrder.append(code)
        return id
    }

    /// `xl/styles.xml`, elements in the schema's order.
    func write(_ x: XMLWriter) {
        x.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
        x.raw("\n")
        x.raw(#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#)
        if !customFormatOrder.isEmpty {
            x.raw(#"<numFmts count=""#); x.int(customFormatOrder.count); x.raw(#"">"#)
            for code in customFormatOrder {
                x.raw(#"<numFmt numFmtId=""#); x.int(customFormats[code]!)
                x.raw(#"" formatCode=""#); _ = x.attribute(code); x.raw(#""/>"#)
            }
            x.raw("</numFmts>")
        }
        x.raw(#"<fonts count=""#); x.int(fonts.count); x.raw(#"">"#)
        for f in fonts {
            x.raw("<font>")
            if f.bold { x.raw("<b/>") }
            if f.italic { x.raw("<i/>") }
            x.raw(#"<sz val="11"/>"#)
            if let c = f.color { x.raw(#"<color rgb="FF"#); x.raw(c.hex); x.raw(#""/>"#) } else { x.raw(#"<color theme="1"/>"#) }
            x.raw(#"<name val="Calibri"/><family val="2"/><charset val="204"/><scheme val="minor"/></font>"#)
        }
        x.raw("</fonts>")
        x.raw(#"<fills count=""#); x.int(fills.count); x.raw(#"">"#)
        x.raw(#"<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#)
        for case let c? in fills {
            x.raw(#"<fill><patternFill patternType="solid"><fgColor rgb="FF"#); x.raw(c.hex)
            x.raw(#""/><bgColor indexed="64"/></patternFill></fill>"#)
        }
        x.raw("</fills>")
        x.raw(#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#)
        x.raw("<border>")
        for side in ["left", "right", "top", "bottom"] {
            x.raw("<\(side) style=\"thin\"><color indexed=\"64\"/></\(side)>")
        }
        x.raw("<diagonal/></border></borders>")
        x.raw(#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#)
        x.raw(#"<cellXfs count=""#); x.int(xfs.count); x.raw(#"">"#)
        for xf in xfs {
            x.raw(#"<xf numFmtId=""#); x.int(xf.numFmt)
            x.raw(#"" fontId=""#); x.int(xf.font)
            x.raw(#"" fillId=""#); x.int(xf.fill)
            x.raw(#"" borderId=""#); x.int(xf.border)
            x.raw(#"" xfId="0""#)
            if xf.numFmt != 0 { x.raw(#" applyNumberFormat="1""#) }
            if xf.font != 0 { x.raw(#" applyFont="1""#) }
            if xf.fill != 0 { x.raw(#" applyFill="1""#) }
            if xf.border != 0 { x.raw(#" applyBorder="1""#) }
            let aligned = xf.horizontal != nil || xf.vertical != nil || xf.wrap
            if aligned { x.raw(#" applyAlignment="1""#) }
            if !xf.locked { x.raw(#" applyProtection="1""#) }
            if !aligned && xf.locked { x.raw("/>"); continue }
            x.raw(">")
            if aligned {
                x.raw("<alignment")
                if let h = xf.horizontal { x.raw(#" horizontal=""#); x.raw(h.rawValue); x.raw(#"""#) }
                if let v = xf.vertical { x.raw(#" vertical=""#); x.raw(v.rawValue); x.raw(#"""#) }
                if xf.wrap { x.raw(#" wrapText="1""#) }
                x.raw("/>")
            }
            if !xf.locked { x.raw(#"<protection locked="0"/>"#) }
            x.raw("</xf>")
        }
        x.raw("</cellXfs>")
        x.raw(#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#)
        x.raw(#"<dxfs count="0"/><tableStyles count="0"/></styleSheet>"#)
    }
}
