import Foundation
import SvodWorkbook
import SvodXML

/// `table:content-validation` elements (ODF 1.3 Part 3, 9.4.5), conditions in OpenFormula.
enum ODSValidation {
    /// Throws for a validation ODS cannot express; called when the sheet begins, before any output.
    static func check(_ v: DataValidation, sheet: String) throws {
        guard !v.ranges.isEmpty else { throw WriteError.misuse("a validation on '\(sheet)' has no cells") }
        guard condition(v.rule) != nil else {
            throw WriteError.misuse("a validation on '\(sheet)' has a formula that cannot be written in OpenFormula")
        }
    }

    static func write(_ v: DataValidation, name: String, sheet: String, to x: XMLWriter) throws {
        guard let condition = condition(v.rule) else {
            throw WriteError.misuse("a validation on '\(sheet)' has a formula that cannot be written in OpenFormula")
        }
        let first = v.ranges.first?.start ?? CellReference(row: 0, column: 0)
        x.raw(#"<table:content-validation table:name=""#); x.raw(name)
        x.raw(#"" table:condition=""#); x.safeAttribute(condition)
        x.raw(#"" table:allow-empty-cell=""#); x.raw(v.allowBlank ? "true" : "false")
        x.raw(#"" table:base-cell-address=""#); x.safeAttribute(address(sheet, first)); x.raw(#"""#)
        if case .list = v.rule { x.raw(#" table:display-list="unsorted""#) }
        if case .listRange = v.rule { x.raw(#" table:display-list="unsorted""#) }
        x.raw(">")
        if let p = v.prompt {
            x.raw(#"<table:help-message table:title=""#); x.safeAttribute(p.title); x.raw(#"" table:display="true">"#)
            paragraphs(p.message, x)
            x.raw("</table:help-message>")
        }
        x.raw(#"<table:error-message table:message-type=""#); x.raw(v.errorStyle.rawValue); x.raw(#"" table:display="true""#)
        if let e = v.error {
            x.raw(#" table:title=""#); x.safeAttribute(e.title); x.raw(#"">"#)
            paragraphs(e.message, x)
            x.raw("</table:error-message>")
        } else {
            x.raw("/>")
        }
        x.raw("</table:content-validation>")
    }

    private static func paragraphs(_ text: String, _ x: XMLWriter) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            x.raw("<text:p>"); x.safeText(String(line)); x.raw("</text:p>")
        }
    }

    /// `Лист1.A2` with the sheet quoted when it must be.
    static func address(_ sheet: String, _ cell: CellReference) -> String {
        quotedSheet(sheet) + "." + cell.a1
    }

    /// A sheet name as ODF addresses write it: quoted unless plainly a word.
    static func quotedSheet(_ sheet: String) -> String {
        let plain = sheet.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(sheet.first?.isNumber ?? true)
        return plain ? sheet : "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static func condition(_ rule: DataValidation.Rule) -> String? {
        func n(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }
        func compare(_ op: DataValidation.Comparison, _ a: String, _ b: String?) -> String {
            switch op {
            // ODF 1.3 Part 4, 9.4.5: the two bounds are separated by a comma, not a semicolon;
            // LibreOffice ignores the whole condition otherwise.
            case .between: return "cell-content-is-between(\(a),\(b ?? a))"
            case .notBetween: return "cell-content-is-not-between(\(a),\(b ?? a))"
            case .equal: return "cell-content()=\(a)"
            case .notEqual: return "cell-content()!=\(a)"
            case .greaterThan: return "cell-content()>\(a)"
            case .lessThan: return "cell-content()<\(a)"
            case .greaterThanOrEqual: return "cell-content()>=\(a)"
            case .lessThanOrEqual: return "cell-content()<=\(a)"
            }
        }
        func openFormula(_ excel: String) -> String? {
            guard let f = FormulaTranslator.openFormula(fromExcel: excel.hasPrefix("=") ? String(excel.dropFirst()) : excel),
                  f.hasPrefix("of:=") else { return nil }
            return String(f.dropFirst(4))
        }
        switch rule {
        case .list(let items):
            return "of:cell-content-is-in-list(" + items.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                .joined(separator: ";") + ")"
        case .listRange(let ref):
            return openFormula(ref).map { "of:cell-content-is-in-list(\($0))" }
        case .whole(let op, let a, let b):
            return "of:cell-content-is-whole-number() and " + compare(op, n(a), b.map(n))
        case .decimal(let op, let a, let b):
            return "of:cell-content-is-decimal-number() and " + compare(op, n(a), b.map(n))
        case .date(let op, let a, let b):
            // LibreOffice compares dates as serial numbers from 1899-12-30, the same as Excel's after March 1900.
            let s = { (d: CivilDateTime) in n(DateSystem.from1900.serial(d)) }
            return "of:cell-content-is-date() and " + compare(op, s(a), b.map(s))
        case .textLength(let op, let a, let b):
            let lo = String(a), hi = b.map(String.init)
            switch op {
            case .between: return "of:cell-content-text-length-is-between(\(lo),\(hi ?? lo))"
            case .notBetween: return "of:cell-content-text-length-is-not-between(\(lo),\(hi ?? lo))"
            default:
                return "of:" + compare(op, lo, hi).replacingOccurrences(of: "cell-content()", with: "cell-content-text-length()")
            }
        case .custom(let formula):
            return openFormula(formula).map { "of:is-true-formula(\($0))" }
        }
    }
}
