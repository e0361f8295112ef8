import SvodWorkbook
import SvodXML

/// Turns (registered style, implicit format) pairs into `cellXfs` indices as cells use
/// them, and writes `styles.xml` at the end.
struct XLSXStyleTable {
    private struct Font: Hashable { var bold, italic: Bool; var color: Color?; var underline = false; var size: Double? }
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
    /// Borders: 0 none and 1 thin on four sides (`CellStyle.border`), then the sides of read styles.
    private var borders: [BorderEdges] = [BorderEdges(), BorderEdges(left: BorderLine(), right: BorderLine(), top: BorderLine(), bottom: BorderLine())]
    /// The looks of conditional formats (`dxfs`), in registration order.
    private var dxfs: [CellStyle] = []

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
        let font = Font(bold: s.bold, italic: s.italic, color: s.fontColor, underline: s.underline, size: s.fontSize)
        let fontID = fonts.firstIndex(of: font) ?? { fonts.append(font); return fonts.count - 1 }()
        var fillID = 0
        if let fill = s.fill {
            fillID = fills.firstIndex(of: fill) ?? { fills.append(fill); return fills.count - 1 }()
        }
        var borderID = s.border ? 1 : 0
        if let edges = s.edges, !edges.isEmpty {
            borderID = borders.firstIndex(of: edges) ?? { borders.append(edges); return borders.count - 1 }()
        }
        let xf = Xf(numFmt: numFmt, font: fontID, fill: fillID, border: borderID, horizontal: s.horizontal,
                    vertical: s.vertical, wrap: s.wrap, locked: s.locked)
        if let i = xfIndex[xf] { return i }
        xfs.append(xf)
        xfIndex[xf] = xfs.count - 1
        return xfs.count - 1
    }

    /// The `dxfId` of a conditional format's look.
    mutating func dxf(_ style: CellStyle) -> Int {
        if let i = dxfs.firstIndex(of: style) { return i }
        dxfs.append(style)
        return dxfs.count - 1
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
        let numFmts = addedNumFmts(firstID: 164)
        if !numFmts.isEmpty { x.raw("<numFmts count=\"\(numFmts.count)\">" + numFmts.joined() + "</numFmts>") }
        x.raw("<fonts count=\"\(fonts.count)\">" + addedFonts.joined() + "</fonts>")
        x.raw("<fills count=\"\(fills.count)\">")
        x.raw(#"<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#)
        x.raw(addedFills.joined() + "</fills>")
        x.raw("<borders count=\"\(borders.count)\">" + addedBorders.joined() + "</borders>")
        x.raw(#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#)
        x.raw("<cellXfs count=\"\(xfs.count)\">" + addedXfs(fontBase: 0, fillBase: 2, borderBase: 0, numFmtBase: 164).joined() + "</cellXfs>")
        x.raw(#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#)
        x.raw("<dxfs count=\"\(dxfs.count)\">" + dxfs.map(Self.dxfRecord).joined() + "</dxfs>")
        x.raw(#"<tableStyles count="0"/></styleSheet>"#)
    }

    // The records one by one, so that a patched workbook can append them to its own lists
    // (`StylesPatch`), each id moved past the workbook's: font i is `fontBase + i`, the fills
    // after the two reserved ones start at `fillBase`, custom number formats at `numFmtBase`.

    /// The custom number formats, numbered from `firstID`.
    func addedNumFmts(firstID: Int) -> [String] {
        customFormatOrder.enumerated().map { "<numFmt numFmtId=\"\(firstID + $0.offset)\" formatCode=\"\(XMLTagScanner.escape($0.element))\"/>" }
    }

    /// Every font, the default first.
    var addedFonts: [String] {
        fonts.map { f in
            var s = "<font>" + (f.bold ? "<b/>" : "") + (f.italic ? "<i/>" : "") + (f.underline ? "<u/>" : "")
            s += "<sz val=\"" + Self.number(f.size ?? 11) + "\"/>"
            s += f.color.map { #"<color rgb="FF"# + $0.hex + #""/>"# } ?? #"<color theme="1"/>"#
            return s + #"<name val="Calibri"/><family val="2"/><charset val="204"/><scheme val="minor"/></font>"#
        }
    }

    /// The fills after the two Excel reserves.
    var addedFills: [String] { fills.dropFirst(2).compactMap { $0.map(Self.fillRecord) } }

    /// A solid fill of `c`.
    static func fillRecord(_ c: Color) -> String {
        #"<fill><patternFill patternType="solid"><fgColor rgb="FF"# + c.hex + #""/><bgColor indexed="64"/></patternFill></fill>"#
    }

    /// A conditional format's look: only what it changes. A solid fill's colour is the pattern's
    /// background here (ECMA-376 Part 1, 18.8.17), not its foreground as in a cell's own fill.
    static func dxfRecord(_ s: CellStyle) -> String {
        var out = "<dxf>"
        if s.bold || s.italic || s.fontColor != nil {
            out += "<font>" + (s.bold ? "<b/>" : "") + (s.italic ? "<i/>" : "")
            out += s.fontColor.map { #"<color rgb="FF"# + $0.hex + #""/>"# } ?? ""
            out += "</font>"
        }
        if let f = s.fill { out += #"<fill><patternFill patternType="solid"><bgColor rgb="FF"# + f.hex + #""/></patternFill></fill>"# }
        return out + "</dxf>"
    }

    /// Every border: none, thin on four sides, then those of read styles.
    var addedBorders: [String] {
        borders.map { edges in
            "<border>" + zip(["left", "right", "top", "bottom"], edges.sides).map { side, line in
                guard let line else { return "<\(side)/>" }
                let color = line.color.map { #"<color rgb="FF"# + $0.hex + #""/>"# } ?? #"<color indexed="64"/>"#
                return "<\(side) style=\"\(line.style.rawValue)\">" + color + "</\(side)>"
            }.joined() + "<diagonal/></border>"
        }
    }

    /// A size as Excel writes it: 11, 10.5.
    private static func number(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }

    /// How many cell styles there are.
    var xfCount: Int { xfs.count }

    /// The cell styles, their fonts, fills, borders and custom formats numbered from the bases.
    func addedXfs(fontBase: Int, fillBase: Int, borderBase: Int, numFmtBase: Int) -> [String] {
        xfs.map { xf in
            let numFmt = xf.numFmt >= 164 ? numFmtBase + xf.numFmt - 164 : xf.numFmt
            let fill = xf.fill >= 2 ? fillBase + xf.fill - 2 : xf.fill
            var s = "<xf numFmtId=\"\(numFmt)\" fontId=\"\(fontBase + xf.font)\" fillId=\"\(fill)\" borderId=\"\(borderBase + xf.border)\" xfId=\"0\""
            if xf.numFmt != 0 { s += #" applyNumberFormat="1""# }
            if xf.font != 0 { s += #" applyFont="1""# }
            if xf.fill != 0 { s += #" applyFill="1""# }
            if xf.border != 0 { s += #" applyBorder="1""# }
            let aligned = xf.horizontal != nil || xf.vertical != nil || xf.wrap
            if aligned { s += #" applyAlignment="1""# }
            if !xf.locked { s += #" applyProtection="1""# }
            if !aligned && xf.locked { return s + "/>" }
            s += ">"
            if aligned {
                s += "<alignment" + (xf.horizontal.map { " horizontal=\"\($0.rawValue)\"" } ?? "") + (xf.vertical.map { " vertical=\"\($0.rawValue)\"" } ?? "")
                s += (xf.wrap ? #" wrapText="1""# : "") + "/>"
            }
            if !xf.locked { s += #"<protection locked="0"/>"# }
            return s + "</xf>"
        }
    }
}
