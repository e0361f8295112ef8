import SvodWorkbook
import SvodXML

/// The colours of a workbook's theme (`xl/theme/theme1.xml`), which its styles name by index.
final class XLSXTheme: XMLHandler {
    private var scheme: [String: Color] = [:]
    private var slot: String?
    private static let slots: Set<String> = ["dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"]
    private var tVal = XMLToken.unset, tLastClr = XMLToken.unset

    override func prepare(_ names: XMLNameTable) {
        tVal = names.token("val")
        tLastClr = names.token("lastClr")
    }

    override func startElement(_ name: XMLName, _ a: XMLAttributes) {
        let n = name.localString
        if Self.slots.contains(n) { slot = n; return }
        guard let s = slot, scheme[s] == nil else { return }
        if n == "srgbClr", let v = a.string(tVal), let c = Color(hex: v) { scheme[s] = c }
        if n == "sysClr", let v = a.string(tLastClr), let c = Color(hex: v) { scheme[s] = c }
    }

    override func endElement(_ name: XMLName) {
        if name.localString == slot { slot = nil }
    }

    /// A theme colour by the index styles use: Excel counts light 1 before dark 1 (ECMA-376's
    /// order swaps the first two pairs of the scheme).
    func color(_ index: Int) -> Color? {
        let order = ["lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"]
        guard index >= 0, index < order.count else { return nil }
        return scheme[order[index]] ?? Self.office[order[index]]
    }

    /// Office's default theme, for a workbook without one.
    private static let office: [String: Color] = [
        "dk1": Color(hex: "000000")!, "lt1": Color(hex: "FFFFFF")!, "dk2": Color(hex: "44546A")!, "lt2": Color(hex: "E7E6E6")!,
        "accent1": Color(hex: "4472C4")!, "accent2": Color(hex: "ED7D31")!, "accent3": Color(hex: "A5A5A5")!, "accent4": Color(hex: "FFC000")!,
        "accent5": Color(hex: "5B9BD5")!, "accent6": Color(hex: "70AD47")!, "hlink": Color(hex: "0563C1")!, "folHlink": Color(hex: "954F72")!,
    ]

    /// The legacy indexed palette (ECMA-376 Part 1, 18.8.27); 64 and 65 are the system's automatic colours.
    static func indexed(_ i: Int) -> Color? {
        let palette = [
            "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF", "000000", "FFFFFF", "FF0000", "00FF00",
            "0000FF", "FFFF00", "FF00FF", "00FFFF", "800000", "008000", "000080", "808000", "800080", "008080", "C0C0C0", "808080",
            "9999FF", "993366", "FFFFCC", "CCFFFF", "660066", "FF8080", "0066CC", "CCCCFF", "000080", "FF00FF", "FFFF00", "00FFFF",
            "800080", "800000", "008080", "0000FF", "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF", "FF99CC", "CC99FF", "FFCC99",
            "3366FF", "33CCCC", "99CC00", "FFCC00", "FF9900", "FF6600", "666699", "969696", "003366", "339966", "003300", "333300",
            "993300", "993366", "333399", "333333",
        ]
        return i >= 0 && i < palette.count ? Color(hex: palette[i]) : nil
    }
}
