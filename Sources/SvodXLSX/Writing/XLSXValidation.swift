import SvodWorkbook
import SvodXML

/// `<dataValidation>` elements (ECMA-376 Part 1, 18.3.1.32).
enum XLSXValidation {
    /// Excel refuses a workbook whose literal list formula exceeds 255 characters.
    static let maxListLength = 255

    /// Throws for what Excel would refuse; called when the sheet begins, before any output.
    static func check(_ v: DataValidation, sheet: String) throws {
        // Excel declares the whole file damaged past these lengths.
        for (title, message) in [v.prompt, v.error].compactMap({ $0 }) {
            guard title.utf16.count <= 32, message.utf16.count <= 255 else {
                throw WriteError.misuse("a validation message on '\(sheet)' is longer than Excel allows (title 32, text 255 characters)")
            }
        }
        guard !v.ranges.isEmpty else { throw WriteError.misuse("a validation on '\(sheet)' has no cells") }
        _ = try formulas(v, sheet: sheet)
    }

    static func write(_ v: DataValidation, sheet: String, to x: XMLWriter) throws {
        let (type, op, f1, f2) = try formulas(v, sheet: sheet)
        x.raw(#"<dataValidation type=""#); x.raw(type); x.raw(#"""#)
        if v.errorStyle != .stop { x.raw(#" errorStyle=""#); x.raw(v.errorStyle.rawValue); x.raw(#"""#) }
        if let op, op != .between { x.raw(#" operator=""#); x.raw(op.rawValue); x.raw(#"""#) }
        if v.allowBlank { x.raw(#" allowBlank="1""#) }
        if v.prompt != nil { x.raw(#" showInputMessage="1""#) }
        x.raw(#" showErrorMessage="1""#)
        if let e = v.error {
            x.raw(#" errorTitle=""#); x.safeAttribute(e.title); x.raw(#"" error=""#); x.safeAttribute(e.message); x.raw(#"""#)
        }
        if let p = v.prompt {
            x.raw(#" promptTitle=""#); x.safeAttribute(p.title); x.raw(#"" prompt=""#); x.safeAttribute(p.message); x.raw(#"""#)
        }
        x.raw(#" sqref=""#); x.raw(v.ranges.map(\.a1).joined(separator: " ")); x.raw(#"">"#)
        x.raw("<formula1>"); x.safeText(f1); x.raw("</formula1>")
        if let f2 { x.raw("<formula2>"); x.safeText(f2); x.raw("</formula2>") }
        x.raw("</dataValidation>")
    }

    private static func formulas(_ v: DataValidation, sheet: String) throws
        -> (String, DataValidation.Comparison?, String, String?) {
        func n(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }
        func needsSecond(_ op: DataValidation.Comparison) -> Bool { op == .between || op == .notBetween }
        switch v.rule {
        case .list(let items):
            if let bad = items.first(where: { $0.contains(",") || $0.contains("\"") }) {
                throw WriteError.misuse("list item '\(bad)' on '\(sheet)' holds a comma or quote; give the list as a range")
            }
            let literal = "\"" + items.joined(separator: ",") + "\""
            guard literal.utf16.count - 2 <= maxListLength else {
                throw WriteError.misuse("the list on '\(sheet)' is longer than \(maxListLength) characters; give it as a range")
            }
            return ("list", nil, literal, nil)
        case .listRange(let ref):
            return ("list", nil, ref, nil)
        case .whole(let op, let a, let b):
            return ("whole", op, n(a), needsSecond(op) ? n(b ?? a) : nil)
        case .decimal(let op, let a, let b):
            return ("decimal", op, n(a), needsSecond(op) ? n(b ?? a) : nil)
        case .date(let op, let a, let b):
            let s = { (d: CivilDateTime) in n(DateSystem.from1900.serial(d)) }
            return ("date", op, s(a), needsSecond(op) ? s(b ?? a) : nil)
        case .textLength(let op, let a, let b):
            return ("textLength", op, String(a), needsSecond(op) ? String(b ?? a) : nil)
        case .custom(let formula):
            return ("custom", nil, formula.hasPrefix("=") ? String(formula.dropFirst()) : formula, nil)
        }
    }
}
