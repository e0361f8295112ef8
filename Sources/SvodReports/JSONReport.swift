import Foundation
import SvodLocale
import SvodSchema
import SvodValidation

/// Validation reports as JSON: stable, documented in README, one object per file.
///
/// `{"file", "sha256", "form": {"id", "version"}, "school", "period", "valid", "counts": {"error",
/// "warning", "warning_explained", "info"}, "findings": [{"severity", "rule", "sheet", "cell",
/// "row", "row_key", "field", "actual", "expected", "difference", "previous", "message",
/// "explained", "explanation"}], "truncated": {"rule": count}}`; a file not checked is
/// `{"file", "error": "encrypted"|"limit"|"unreadable", "detail"}`.
public enum JSONReport {
    /// One report as a JSON object (pretty, UTF-8, in the language asked for messages).
    public static func render(_ r: ValidationReport, language: Language) -> String {
        var o: [String: Any] = [
            "file": r.file, "sha256": r.sha256, "form": ["id": r.formID, "version": r.formVersion], "valid": r.isValid,
            "counts": ["error": r.count(.error), "warning": r.count(.warning, explained: false),
                       "warning_explained": r.count(.warning, explained: true), "info": r.count(.info)],
            "truncated": r.truncated,
            "school": r.school ?? NSNull(), "period": r.period ?? NSNull(),
        ]
        o["findings"] = r.findings.map { f -> [String: Any] in
            var d: [String: Any] = ["severity": f.severity.rawValue, "rule": f.rule, "message": f.message(language),
                                    "explained": f.explanation != nil]
            d["sheet"] = f.sheet ?? NSNull()
            d["cell"] = f.cell?.a1 ?? NSNull()
            d["row"] = f.row ?? NSNull()
            d["field"] = f.field ?? NSNull()
            d["actual"] = f.actual ?? NSNull()
            d["expected"] = f.expected ?? NSNull()
            d["difference"] = f.difference ?? NSNull()
            d["explanation"] = f.explanation ?? NSNull()
            d["row_key"] = f.rowKey?(language) ?? NSNull()
            d["previous"] = f.previous ?? NSNull()
            return d
        }
        return text(o)
    }

    /// A file that was not checked, with the reason.
    public static func render(refused file: String, _ refusal: Refusal, language: Language) -> String {
        text(["file": file, "error": refusal.kind.rawValue, "detail": refusal.message(language)])
    }

    /// Every verdict: one object for one file named alone (`single`), else an array.
    public static func render(_ verdicts: [FileVerdict], single: Bool, language: Language) -> String {
        let parts = verdicts.map { v in
            v.report.map { render($0, language: language) } ?? render(refused: v.file, v.refusal!, language: language)
        }
        return single && parts.count == 1 ? parts[0] + "\n" : "[" + parts.joined(separator: ",\n") + "]\n"
    }

    private static func text(_ o: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: o, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
