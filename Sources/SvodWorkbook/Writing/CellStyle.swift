/// A colour as RGB.
public struct Color: Hashable, Sendable {
    /// Red, green and blue, 0–255.
    public var red, green, blue: UInt8

    /// A colour from components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from "RRGGBB" or "#RRGGBB"; nil if malformed.
    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let v = UInt32(digits, radix: 16) else { return nil }
        self.init(red: UInt8(v >> 16), green: UInt8(v >> 8 & 0xFF), blue: UInt8(v & 0xFF))
    }

    /// "RRGGBB" in upper case.
    public var hex: String {
        let h = String((Int(red) << 16 | Int(green) << 8 | Int(blue)) | 0x1000000, radix: 16, uppercase: true)
        return String(h.dropFirst())
    }

    /// Lighter (tint > 0) or darker (tint < 0) by a fraction of its luminance, as Excel applies
    /// a theme colour's tint (ECMA-376 Part 1, 18.8.19).
    public func tinted(_ tint: Double) -> Color {
        guard tint != 0, tint.isFinite else { return self }
        var (h, s, l) = hsl
        l = tint < 0 ? l * (1 + max(-1, tint)) : l * (1 - min(1, tint)) + min(1, tint)
        return Color(hue: h, saturation: s, lightness: l)
    }

    private var hsl: (Double, Double, Double) {
        let r = Double(red) / 255, g = Double(green) / 255, b = Double(blue) / 255
        let mx = max(r, g, b), mn = min(r, g, b), l = (mx + mn) / 2
        guard mx != mn else { return (0, 0, l) }
        let d = mx - mn
        let s = l > 0.5 ? d / (2 - mx - mn) : d / (mx + mn)
        let h: Double = mx == r ? (g - b) / d + (g < b ? 6 : 0) : mx == g ? (b - r) / d + 2 : (r - g) / d + 4
        return (h / 6, s, l)
    }

    private init(hue h: Double, saturation s: Double, lightness l: Double) {
        func channel(_ t0: Double, _ p: Double, _ q: Double) -> UInt8 {
            var t = t0
            if t < 0 { t += 1 }
            if t > 1 { t -= 1 }
            let v = t < 1.0 / 6 ? p + (q - p) * 6 * t : t < 0.5 ? q : t < 2.0 / 3 ? p + (q - p) * (2.0 / 3 - t) * 6 : p
            return UInt8((min(1, max(0, v)) * 255).rounded())
        }
        guard s != 0 else {
            let v = UInt8((min(1, max(0, l)) * 255).rounded())
            self.init(red: v, green: v, blue: v)
            return
        }
        let q = l < 0.5 ? l * (1 + s) : l + s - l * s, p = 2 * l - q
        self.init(red: channel(h + 1.0 / 3, p, q), green: channel(h, p, q), blue: channel(h - 1.0 / 3, p, q))
    }

    /// The fill of an error cell.
    public static let errorFill = Color(red: 0xFF, green: 0xC7, blue: 0xCE)
    /// The fill of a warning cell.
    public static let warningFill = Color(red: 0xFF, green: 0xEB, blue: 0x9C)
    /// The fill of a header.
    public static let headerFill = Color(red: 0xD9, green: 0xE1, blue: 0xF2)
}

/// Horizontal placement of a cell's content.
public enum HorizontalAlignment: String, Hashable, Sendable {
    case left, center, right
}

/// Vertical placement of a cell's content.
public enum VerticalAlignment: String, Hashable, Sendable {
    case top, center, bottom
}

/// One side of a cell's border.
public struct BorderLine: Hashable, Sendable {
    /// How the line is drawn.
    public enum Style: String, Hashable, Sendable {
        case hair, thin, medium, thick, dashed, dotted, double
    }
    /// The drawing.
    public var style: Style
    /// Its colour; nil for automatic (black).
    public var color: Color?

    /// A line.
    public init(_ style: Style = .thin, color: Color? = nil) {
        self.style = style
        self.color = color
    }
}

/// The four sides of a cell's border, each drawn or not.
public struct BorderEdges: Hashable, Sendable {
    public var left, right, top, bottom: BorderLine?

    /// Sides; each nil for none.
    public init(left: BorderLine? = nil, right: BorderLine? = nil, top: BorderLine? = nil, bottom: BorderLine? = nil) {
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
    }

    /// Whether no side is drawn.
    public var isEmpty: Bool { left == nil && right == nil && top == nil && bottom == nil }
    /// The sides in the order left, right, top, bottom.
    public var sides: [BorderLine?] { [left, right, top, bottom] }
}

/// How a cell looks: font, fill, borders, alignment, number format, protection.
///
/// Register a style with the writer once (`WorkbookWriter.style(_:)`) and give cells the
/// returned id: a sheet of 200,000 rows then costs no hashing per cell.
public struct CellStyle: Hashable, Sendable {
    /// Bold font.
    public var bold = false
    /// Italic font.
    public var italic = false
    /// Font colour; nil for automatic.
    public var fontColor: Color?
    /// Solid background fill; nil for none.
    public var fill: Color?
    /// Thin borders on all four sides.
    public var border = false
    /// Horizontal alignment; nil for the program's default (text left, numbers right).
    public var horizontal: HorizontalAlignment?
    /// Vertical alignment; nil for bottom.
    public var vertical: VerticalAlignment?
    /// Wrap long text onto several lines.
    public var wrap = false
    /// Excel number format code such as `0`, `0.0%`, `#,##0`, `dd.mm.yyyy`; nil for General.
    public var numberFormat: String?
    /// Whether the cell is locked when the sheet is protected (the programs' default is yes).
    public var locked = true
    /// Underlined text.
    public var underline = false
    /// Font size in points; nil for the workbook's default (11).
    public var fontSize: Double?
    /// Borders side by side, as read from a workbook; when set they replace `border`.
    public var edges: BorderEdges?

    /// A style; every property defaults to the plain look.
    public init(bold: Bool = false, italic: Bool = false, fontColor: Color? = nil, fill: Color? = nil,
                border: Bool = false, horizontal: HorizontalAlignment? = nil, vertical: VerticalAlignment? = nil,
                wrap: Bool = false, numberFormat: String? = nil, locked: Bool = true, underline: Bool = false, fontSize: Double? = nil,
                edges: BorderEdges? = nil) {
        self.underline = underline
        self.fontSize = fontSize
        self.edges = edges
        self.bold = bold
        self.italic = italic
        self.fontColor = fontColor
        self.fill = fill
        self.border = border
        self.horizontal = horizontal
        self.vertical = vertical
        self.wrap = wrap
        self.numberFormat = numberFormat
        self.locked = locked
    }

    /// The number formats a department uses most.
    public enum Format {
        /// Whole numbers.
        public static let integer = "0"
        /// Whole numbers with thousands grouped.
        public static let grouped = "#,##0"
        /// One decimal place.
        public static let oneDecimal = "0.0"
        /// A fraction shown as a percentage to one place (0.817 → 81.7%).
        public static let percentOneDecimal = "0.0%"
        /// A date as Russians write it.
        public static let date = "dd.mm.yyyy"
        /// A date with a time of day.
        public static let dateTime = "dd.mm.yyyy hh:mm"
        /// A time of day.
        public static let time = "hh:mm:ss"
        /// Elapsed time beyond 24 hours.
        public static let duration = "[h]:mm:ss"
        /// Text: the programs keep what is typed (leading zeros of codes).
        public static let text = "@"
    }
}

/// A style registered with a writer.
public struct StyleID: Hashable, Sendable {
    /// The registration order, from 0.
    public let index: Int

    /// An id; writers make these.
    public init(index: Int) { self.index = index }
}

/// Interns styles in registration order, for writers.
public struct StyleRegistry: Sendable {
    /// The styles, indexed by `StyleID.index`.
    public private(set) var styles: [CellStyle] = []
    private var ids: [CellStyle: StyleID] = [:]

    /// An empty registry.
    public init() {}

    /// The id of `style`, registering it the first time.
    public mutating func id(of style: CellStyle) -> StyleID {
        if let id = ids[style] { return id }
        let id = StyleID(index: styles.count)
        styles.append(style)
        ids[style] = id
        return id
    }

    /// The style behind an id.
    public subscript(_ id: StyleID) -> CellStyle { styles[id.index] }
}
