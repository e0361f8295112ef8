import SvodSchema

/// What validating one file found.
public struct ValidationReport: Sendable {
    /// The file as given.
    public var file: String
    /// SHA-256 of the file's bytes, hex.
    public var sha256: String
    /// The form it was validated against.
    public var formID: String
    /// The form's version.
    public var formVersion: Int
    /// Findings, sheet and row order, at most `cap` per rule.
    public var findings: [Finding]
    /// Rules whose findings were cut at the cap, with how many there were.
    public var truncated: [String: Int]
    /// The school's registry code from «Титул», when it names one.
    public var school: String?
    /// The period from «Титул», as written.
    public var period: String?
    /// What other forms' rules read of this file (kept by a run of several files for the files
    /// checked after it); nil when no rule reads this form.
    public var formValues: FormValues?

    /// No errors.
    public var isValid: Bool { !findings.contains { $0.severity == .error } }

    /// Count of findings by severity (explained warnings counted apart).
    public func count(_ severity: Severity, explained: Bool? = nil) -> Int {
        findings.filter { $0.severity == severity && (explained == nil || ($0.explanation != nil) == explained!) }.count
            + (explained == true ? 0 : truncatedCount(severity))
    }

    private func truncatedCount(_ severity: Severity) -> Int {
        truncated.reduce(0) { sum, item in
            sum + (findings.first { $0.rule == item.key }?.severity == severity ? item.value : 0)
        }
    }
}
