import SvodLocale
import SvodSchema
import SvodValidation

/// A run over several files in which cross-form rules see each other's files: a file of a form
/// that reads other forms waits until every form it reads was checked (rounds by
/// `CrossFormRules.depth`, each in input order), and of each file other forms read, only the
/// values their rules read are kept, by form, school and period — a few numbers a file.
public final class CrossFormRun: CrossFormSource {
    private let catalog: SchemaCatalog
    private let rules: CrossFormRules
    /// Forms met among the inputs so far: a form the run has none of is not asked for.
    private var seen = Set<String>()
    /// Error-free files' values by form, school and period, with their paths: a school may send
    /// one form twice, and two files that disagree leave the comparison undecided.
    private var kept: [String: [(file: String, values: FormValues)]] = [:]

    /// A run over `checker`'s catalogue.
    public init(checker: SubmissionChecker) {
        catalog = checker.catalog
        rules = checker.crossForm
    }

    /// Rules of other forms reading a file's form are this file's own business at validate: both
    /// files are among the inputs, and the reading form's file carries the comparison.
    public var checksReaders: Bool { false }

    public func covers(_ form: String) -> Bool { seen.contains(form) }

    public func values(of form: String, school: String, period: String) -> CrossFormLookup {
        let found = key(form, school, period).flatMap { kept[$0] } ?? []
        guard let first = found.first else {
            return .absent(.init(ru: "среди проверяемых файлов нет файла этой формы без ошибок от этой школы за \(period)",
                                 en: "the files checked hold no file of that form without errors from this school for \(period)"))
        }
        guard found.allSatisfy({ $0.values.sameValues(as: first.values) }) else {
            let files = found.map(\.file).joined(separator: ", ")
            return .absent(.init(ru: "среди проверяемых файлов несколько файлов этой формы от этой школы за \(period), и они расходятся (\(files))",
                                 en: "the files checked hold several files of that form from this school for \(period), and they differ (\(files))"))
        }
        return .found(first.values)
    }

    /// Checks inputs `0..<count` by `check(index, recognised form, waits)` and hands each verdict to
    /// `done` as it is made (not in input order: a reading form's files come after the others).
    public func run(_ count: Int, check: (Int, FormSchema?, ((FormSchema) -> Bool)?) -> SubmissionChecker.Checked,
                    done: (Int, FileVerdict) -> Void) {
        var waiting: [(index: Int, form: FormSchema)] = []
        let rules = self.rules
        for i in 0..<count {
            switch check(i, nil, { rules.depth(of: $0.id) > 0 }) {
            case .verdict(let v): done(i, keep(v))
            case .waiting(let form):
                seen.insert(form.id)
                waiting.append((i, form))
            }
        }
        for depth in Set(waiting.map { rules.depth(of: $0.form.id) }).sorted() {
            for (i, form) in waiting where rules.depth(of: form.id) == depth {
                if case .verdict(let v) = check(i, form, nil) { done(i, keep(v)) }
            }
        }
    }

    /// Notes the file's form, keeps what other forms read of it when it has no errors, and drops
    /// them from the verdict, which the run keeps to the end.
    private func keep(_ verdict: FileVerdict) -> FileVerdict {
        guard var report = verdict.report else { return verdict }
        seen.insert(report.formID)
        if report.isValid, let values = report.formValues, let school = report.school, let period = report.period,
           let key = key(report.formID, school, period) {
            kept[key, default: []].append((verdict.file, values))
        }
        report.formValues = nil
        var out = verdict
        out.report = report
        return out
    }

    /// Periods compared as the form's kind reads them («2019/2020» and «2019 / 2020» are one).
    private func key(_ form: String, _ school: String, _ period: String) -> String? {
        guard let ordinal = catalog.form(form)?.period.ordinal(period) else { return nil }
        return "\(form)\u{1F}\(school)\u{1F}\(ordinal)"
    }
}
