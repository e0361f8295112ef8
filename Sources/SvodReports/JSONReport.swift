import Foundation
import SvodLocale
import SvodSchema
import SvodValidation

/// Validation reports as JSON: stable, documented in README, one object per file.
///
/// `{"file", "sha256", "form": {"id", "version"}, "valid", "counts": {"error", "warning",
/// "warning_explained", "info"}, "findings": [{"severity", "rule", "sheet", "cell", "row",
/// "field", "actual", "expected", "difference", "message", "explained", "explanation"}],
/// "truncated": {"rule": count}}`
public enum JSONReport {
    /// One report as a JSON object (pretty, UTF-8, in the language asked for messages).
    public static func render(_ r: ValidationReport, language: Language) -> String {
        var o: [String: Any] = [
            "file": r.file, "sha256": r.sha256, "form": ["id": r.formID, "version": r.formVersion], "valid": r.isValid,
            "counts": ["error": r.count(.error), "warning": r.count(.warning, explained: false),
                       "warning_explained": r.count(.warning, explained: true), "info": r.count(.info)],
            "truncated": r.truncated,
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
            return d
        }
        let data = (try? JSONSerialization.data(withJSONObject: o, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
