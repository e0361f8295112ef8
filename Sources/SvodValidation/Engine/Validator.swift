import Foundation
import SvodExpressions
import SvodLocale
import SvodSchema
import SvodSpreadsheet
import SvodWorkbook

/// Checks a workbook against a form: binds its sheets and columns, reads every value the
/// Russian way, runs the field checks and the form's rules, and collects findings.
///
/// Table sheets stream: a record is checked as it is read, and only the columns that
/// sheet-level rules aggregate are kept.
public struct Validator {
    /// The schemas and code lists.
    public let catalog: SchemaCatalog
    /// At most this many findings per rule; the rest are counted.
    public var capPerRule = 200

    let reference: ReferenceLookup
    let keys: RecordKeys
    /// The code lists normalised once: a call validating a thousand files reuses them.
    let checks: FieldChecks
    /// What the catalogue's rules read of other forms.
    public let crossForm: CrossFormRules
    /// The catalogue's forms' rules, parsed once: a folder's files share them.
    private let compiled: [String: [CompiledRule]]

    /// A validator over a catalog.
    public init(catalog: SchemaCatalog) {
        self.catalog = catalog
        reference = ReferenceLookup(catalog: catalog)
        keys = RecordKeys(catalog: catalog)
        checks = FieldChecks(catalog: catalog)
        crossForm = CrossFormRules(catalog: catalog, keys: keys)
        var compiled: [String: [CompiledRule]] = [:]
        for form in catalog.forms { compiled[form.id] = try? Self.compile(form) }
        self.compiled = compiled
    }

    /// `form`'s rules parsed: the catalogue's own, or parsed now for a form that differs from it.
    func rules(of form: FormSchema) throws -> [CompiledRule] {
        if let cached = compiled[form.id], cached.count == form.rules.count,
           zip(cached, form.rules).allSatisfy({ $0.schema.id == $1.id && $0.schema.check == $1.check && $0.schema.when == $1.when && $0.schema.sheet == $1.sheet }),
           Self.singleRecordSheets(form) == Self.singleRecordSheets(catalog.form(form.id) ?? form) {
            return zip(cached, form.rules).map { c, r in c.with(r) }
        }
        return try Self.compile(form)
    }

    private static func compile(_ form: FormSchema) throws -> [CompiledRule] {
        let single = singleRecordSheets(form)
        return try form.rules.map { try CompiledRule($0, singleRecordSheets: single) }
    }

    private static func singleRecordSheets(_ form: FormSchema) -> Set<String> {
        Set(form.sheets.filter { $0.layout == .form }.map(\.id))
    }

    /// Validates `reader` against `form`; `previous` is the same school's previous period, if given
    /// (refused with `PreviousPeriodMismatch` when it is another form, school or period; `formGiven`:
    /// the form was named by the user, so `previous` is held to it rather than recognised; `crossForm`
    /// supplies the school's other forms for the period, for the rules comparing with them).
    public func validate(_ reader: WorkbookReader, form: FormSchema, file: String, sha256: String,
                         previous: WorkbookReader? = nil, formGiven: Bool = false, values: ReadValueSink? = nil,
                         crossForm: CrossFormSource? = nil) throws -> ValidationReport {
        let pass = try ValidationPass(self, reader: reader, form: form)
        pass.values = values
        pass.source = crossForm
        try pass.bindFormSheets()
        let identity = SubmissionIdentity.from(pass.formRecords[SubmissionIdentity.titleSheet], keys: keys)
        pass.identity = identity
        var notCompared: Finding?
        if let previous {
            // A file whose own title cannot be read is still checked; its title's findings say why,
            // and the comparison with last period is said to be left out.
            if let reason = try PreviousPeriod.check(previous, against: identity, form: form, formGiven: formGiven, catalog: catalog, keys: keys) {
                notCompared = Finding(FindingKinds.previousNotCompared, message: reason)
            } else {
                pass.previous = try records(of: previous, form: form)
            }
        }
        pass.checkTitle()
        for (schema, match) in pass.assigned { try pass.checkSheet(schema, match) }
        pass.runFormRules()
        pass.runCrossFormRules()
        var findings = pass.findings
        if let notCompared { findings.insert(notCompared, at: 0) }
        FindingPolicy.addEmptyForm(&findings, pass: pass)
        // Findings are settled before explanations are matched: an explanation of a finding left
        // out as a restatement is then said to explain nothing, not silently lost with it.
        FindingPolicy.onePerCell(&findings)
        try Explanations.apply(to: &findings, from: reader, infos: pass.infos)
        var report = Self.capped(findings, cap: capPerRule, file: file, sha256: sha256, form: form)
        report.school = identity.school
        report.period = identity.period
        if !self.crossForm.readers(of: form.id).isEmpty { report.formValues = pass.mine }
        return report
    }

    /// The previous period's records by sheet id and key.
    func records(of reader: WorkbookReader, form: FormSchema) throws -> [String: [String: BoundRecord]] {
        var out: [String: [String: BoundRecord]] = [:]
        let infos = try reader.sheets
        for (schema, match) in SheetMatcher.assign(form, infos) {
            guard let index = match?.index else { continue }
            if schema.layout == .form {
                out[schema.id, default: [:]][""] = try FormSheetBinder.record(schema, reader: reader, index: index)
                continue
            }
            guard let stream = try TableRecordStream(schema: schema, rows: try reader.rows(ofSheet: index)) else { continue }
            while let r = try stream.next() {
                out[schema.id, default: [:]][keys.key(r, schema)] = r
            }
        }
        return out
    }

    static func capped(_ all: [Finding], cap: Int, file: String, sha256: String, form: FormSchema) -> ValidationReport {
        var counts: [String: Int] = [:]
        var kept: [Finding] = []
        var truncated: [String: Int] = [:]
        for f in all {
            counts[f.rule, default: 0] += 1
            if counts[f.rule]! <= cap { kept.append(f) } else { truncated[f.rule, default: 0] += 1 }
        }
        return ValidationReport(file: file, sha256: sha256, formID: form.id, formVersion: form.version, findings: kept, truncated: truncated)
    }
}
