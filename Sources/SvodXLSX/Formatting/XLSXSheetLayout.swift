import Foundation
import SvodLocale
import SvodWorkbook
import SvodXML

/// Reads what a worksheet part says about its layout, its cells passed over: columns, the
/// frozen pane, the tab colour, protection, and the rows of their own height or hidden.
final class XLSXSheetLayout: XMLHandler {
    private(set) var layout = SheetLayout()
    private var row = -1
    private var alternate = AlternateContentFilter()
    private var t: [String: XMLToken] = [:]
    private let theme: XLSXTheme
    private var fitToPage = false
    /// The validation being read, its formulas' text.
    private var validation: (type: String, op: String?, attributes: [String: String], ranges: [CellRange])?
    private var formula: (index: Int, text: String)?
    private var formulas: [String] = ["", "", ""]
    private let dateSystem: DateSystem
    private var counts: [String: Int] = [:]

    /// Conditional formats' looks, by `dxfId`.
    private let looks: [CellStyle]
    /// The conditional formatting being read: its cells, and its rule's type, operator, look and formulas.
    private var conditional: [CellRange]?
    private var cfRule: (type: String, op: String?, look: Int?)?
    private var cfFormulas: [String] = []

    init(theme: XLSXTheme, dateSystem: DateSystem, looks: [CellStyle] = []) {
        self.theme = theme
        self.dateSystem = dateSystem
        self.looks = looks
    }

    override func prepare(_ names: XMLNameTable) {
        alternate.prepare(names)
        for n in ["min", "max", "width", "customWidth", "hidden", "r", "ht", "customHeight", "xSplit", "ySplit", "state", "rgb", "theme",
                  "tint", "indexed", "sheet", "orientation", "fitToWidth", "fitToHeight", "fitToPage",
                  "type", "operator", "allowBlank", "showInputMessage", "showErrorMessage", "errorStyle", "promptTitle", "prompt",
                  "errorTitle", "error", "sqref", "dxfId", "ref"] { t[n] = names.token(n) }
    }

    private func string(_ a: XMLAttributes, _ n: String) -> String? { t[n].flatMap { a.string($0) } }
    private func double(_ a: XMLAttributes, _ n: String) -> Double? { string(a, n).flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil } }
    private func flag(_ a: XMLAttributes, _ n: String) -> Bool { string(a, n).map { $0 == "1" || $0 == "true" } ?? false }

    override func startElement(_ name: XMLName, _ a: XMLAttributes) {
        if alternate.skipStart(name) { return }
        switch name.localString {
        case "tabColor": tabColor(a)
        case "pane":
            guard let state = string(a, "state"), state == "frozen" || state == "frozenSplit" else { return }
            layout.setup.frozenColumns = min(CellReference.maxColumns - 1, max(0, Int(double(a, "xSplit") ?? 0)))
            layout.setup.frozenRows = min(CellReference.maxRows - 1, max(0, Int(double(a, "ySplit") ?? 0)))
        case "col": column(a)
        case "row": startRow(a)
        case "autoFilter":
            layout.setup.autoFilter = t["ref"].flatMap { a.string($0) }.flatMap { CellRange($0) }
        case "sheetProtection":
            layout.setup.isProtected = flag(a, "sheet")
        case "pageSetUpPr":
            fitToPage = flag(a, "fitToPage")
        case "pageSetup": pageSetup(a)
        case "dataValidation": startValidation(a)
        case "conditionalFormatting":
            conditional = (string(a, "sqref") ?? "").split(separator: " ").compactMap { CellRange(String($0)) }
        case "cfRule" where conditional != nil:
            cfRule = (string(a, "type") ?? "", string(a, "operator"), string(a, "dxfId").flatMap { Int($0) })
            cfFormulas = []
        case "formula" where cfRule != nil: formula = (2, "")
        case "formula1" where validation != nil: formula = (0, "")
        case "formula2" where validation != nil: formula = (1, "")
        case let n where Self.notCarried[n] != nil:
            counts[n, default: 0] += 1
        default: break
        }
    }

    private func tabColor(_ a: XMLAttributes) {
        let tint = double(a, "tint") ?? 0
        if let rgb = string(a, "rgb") { layout.setup.tabColor = Color(hex: String(rgb.suffix(6)))?.tinted(tint) }
        else if let i = string(a, "theme").flatMap({ Int($0) }) { layout.setup.tabColor = theme.color(i)?.tinted(tint) }
        else if let i = string(a, "indexed").flatMap({ Int($0) }) { layout.setup.tabColor = XLSXTheme.indexed(i)?.tinted(tint) }
    }

    private func column(_ a: XMLAttributes) {
        guard let first = string(a, "min").flatMap({ Int($0) }), let last = string(a, "max").flatMap({ Int($0) }),
              first >= 1, last >= first, last <= CellReference.maxColumns else { return }
        // Excel writes a width on every column run; only its own (customWidth) or a hidden one is a choice.
        let width = flag(a, "customWidth") || string(a, "customWidth") == nil ? double(a, "width").map { min(255, max(0, $0)) } : nil
        let hidden = flag(a, "hidden")
        guard width != nil || hidden else { return }
        // Runs overlapping one already read are a malformed file's; the first wins.
        if let previous = layout.setup.columns.last, previous.last >= first { return }
        layout.setup.columns.append(ColumnSetup(first - 1, last - 1, width: width, hidden: hidden))
    }

    private func startRow(_ a: XMLAttributes) {
        row = string(a, "r").flatMap { Int($0) }.map { $0 - 1 } ?? row + 1
        guard row >= 0, row < CellReference.maxRows else { return }
        let height = flag(a, "customHeight") ? double(a, "ht").map { min(409, max(0, $0)) } : nil
        let hidden = flag(a, "hidden")
        if height != nil || hidden { layout.rows[row] = RowLook(height: height, hidden: hidden) }
    }

    private func pageSetup(_ a: XMLAttributes) {
        var page = PageSetup(orientation: string(a, "orientation") == "landscape" ? .landscape : .portrait, fitToWidth: nil)
        if fitToPage {
            let wide = string(a, "fitToWidth").flatMap { Int($0) } ?? 1, tall = string(a, "fitToHeight").flatMap { Int($0) } ?? 1
            page.fitToWidth = wide > 0 ? min(wide, 100) : nil
            page.fitToHeight = tall > 0 ? min(tall, 100) : nil
        }
        if page != PageSetup(fitToWidth: nil) { layout.setup.page = page }
    }

    private func startValidation(_ a: XMLAttributes) {
        let ranges = (string(a, "sqref") ?? "").split(separator: " ").compactMap { CellRange(String($0)) }
        var attributes: [String: String] = [:]
        for k in ["allowBlank", "showInputMessage", "showErrorMessage", "errorStyle", "promptTitle", "prompt", "errorTitle", "error"] {
            if let v = string(a, k) { attributes[k] = v }
        }
        validation = (string(a, "type") ?? "none", string(a, "operator"), attributes, ranges)
        formulas = ["", "", ""]
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var f = formula, f.text.utf8.count + bytes.count <= 8_192 else { return }
        f.text += String(decoding: bytes, as: UTF8.self)
        formula = f
    }

    override func endElement(_ name: XMLName) {
        if alternate.skipEnd() { return }
        switch name.localString {
        case "formula1", "formula2":
            if let f = formula { formulas[f.index] = f.text }
            formula = nil
        case "formula" where cfRule != nil:
            if let f = formula { cfFormulas.append(f.text) }
            formula = nil
        case "cfRule" where cfRule != nil:
            if let ranges = conditional, let made = Self.conditionalFormat(ranges, cfRule!, cfFormulas, looks) {
                layout.setup.conditionalFormats.append(made)
            } else {
                counts["conditionalFormatting", default: 0] += 1
            }
            cfRule = nil
        case "conditionalFormatting": conditional = nil
        case "dataValidation":
            if let v = validation {
                if let made = Self.validation(v, formulas, dateSystem) { layout.setup.validations.append(made) } else { counts["dataValidation", default: 0] += 1 }
            }
            validation = nil
        default: break
        }
    }

    /// A rule as svod's conditional format: a formula rule, or a comparison of the cell's value
    /// written as one; nil for the kinds svod has no model for (colour scales, data bars, icons, top 10).
    static func conditionalFormat(_ ranges: [CellRange], _ rule: (type: String, op: String?, look: Int?), _ formulas: [String],
                                  _ looks: [CellStyle]) -> ConditionalFormat? {
        guard let first = ranges.first, let look = rule.look, look >= 0, look < looks.count, let f1 = formulas.first, !f1.isEmpty else { return nil }
        let cell = first.start.a1
        let formula: String
        switch (rule.type, rule.op ?? "") {
        case ("expression", _): formula = f1
        case ("cellIs", "between"), ("cellIs", "notBetween"):
            guard formulas.count == 2 else { return nil }
            let inside = "AND(\(cell)>=(\(f1)),\(cell)<=(\(formulas[1])))"
            formula = rule.op == "between" ? inside : "NOT(\(inside))"
        case ("cellIs", let op):
            let symbols = ["equal": "=", "notEqual": "<>", "greaterThan": ">", "lessThan": "<", "greaterThanOrEqual": ">=", "lessThanOrEqual": "<="]
            guard let s = symbols[op] else { return nil }
            formula = "\(cell)\(s)(\(f1))"
        default: return nil
        }
        return ConditionalFormat(ranges: ranges, formula: formula, style: looks[look])
    }

    /// A validation in svod's model; nil for one it has no rule for (times, formulas as bounds).
    static func validation(_ v: (type: String, op: String?, attributes: [String: String], ranges: [CellRange]), _ f: [String],
                           _ dates: DateSystem) -> DataValidation? {
        guard !v.ranges.isEmpty else { return nil }
        let op = DataValidation.Comparison(rawValue: v.op ?? "between") ?? .between
        let two = op == .between || op == .notBetween
        func number(_ s: String) -> Double? { Double(s.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil } }
        let rule: DataValidation.Rule
        switch v.type {
        case "list":
            let text = f[0].trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
                rule = .list(text.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false).map(String.init))
            } else {
                rule = .listRange(text)
            }
        case "whole", "decimal":
            guard let a = number(f[0]), !two || number(f[1]) != nil else { return nil }
            rule = v.type == "whole" ? .whole(op, a, two ? number(f[1]) : nil) : .decimal(op, a, two ? number(f[1]) : nil)
        case "date":
            guard let a = number(f[0]).flatMap({ dates.dateTime(serial: $0, hasTime: false) }) else { return nil }
            let b = two ? number(f[1]).flatMap { dates.dateTime(serial: $0, hasTime: false) } : nil
            if two && b == nil { return nil }
            rule = .date(op, a, b)
        case "textLength":
            guard let a = number(f[0]).map({ Int($0) }), !two || number(f[1]) != nil else { return nil }
            rule = .textLength(op, a, two ? number(f[1]).map { Int($0) } : nil)
        case "custom":
            guard !f[0].isEmpty else { return nil }
            rule = .custom(f[0])
        default:
            return nil
        }
        let a = v.attributes
        let prompt = a["showInputMessage"] == "1" && (a["prompt"] != nil || a["promptTitle"] != nil) ? (a["promptTitle"] ?? "", a["prompt"] ?? "") : nil
        let error = a["showErrorMessage"] == "1" && (a["error"] != nil || a["errorTitle"] != nil) ? (a["errorTitle"] ?? "", a["error"] ?? "") : nil
        return DataValidation(ranges: v.ranges, rule: rule, allowBlank: a["allowBlank"] == "1" || a["allowBlank"] == "true",
                              prompt: prompt, error: error, errorStyle: DataValidation.ErrorStyle(rawValue: a["errorStyle"] ?? "stop") ?? .stop)
    }

    /// What a worksheet may hold that the copy does not carry, as the report names it.
    private static let notCarried: [String: LocalizedText] = [
        "dataValidation": .init(ru: "проверки данных, для которых у svod нет правила", en: "data validations svod has no rule for"),
        "conditionalFormatting": .init(ru: "условное форматирование без формулы (шкалы, гистограммы, значки)", en: "conditional formatting without a formula (scales, bars, icons)"),
        "drawing": .init(ru: "рисунки и диаграммы", en: "pictures and charts"),
        "hyperlink": .init(ru: "гиперссылки", en: "hyperlinks"),
    ]

    /// The sheet's layout with what it leaves behind.
    var result: SheetLayout {
        var out = layout
        for (element, what) in Self.notCarried.sorted(by: { $0.key < $1.key }) {
            guard let n = counts[element] else { continue }
            out.dropped.append(n > 1 && element != "drawing"
                ? LocalizedText(ru: "\(what.ru) (\(n))", en: "\(what.en) (\(n))") : what)
        }
        return out
    }
}
