import Foundation
import SvodIO
import SvodPipeline
import SvodLocale
import SvodReports
import SvodSchema
import SvodSpreadsheet
import SvodValidation
import SvodWorkbook

/// `svod validate`: checks filled forms against their schemas.
struct ValidateCommand: Command {
    static let spec = CommandSpec(
        name: "validate",
        summary: .init(ru: "Проверить заполненные формы по их схемам.", en: "Check filled forms against their schemas."),
        discussion: .init(
            ru: "Папка означает все файлы в ней, кроме скрытых и файлов блокировки офисных программ: формы XLSX и ODS "
                + "проверяются, остальные (.xls, CSV…) перечисляются как непроверенные с причиной. В отчёте о нескольких "
                + "файлах — файлы с замечаниями и непроверенные, затем итог по всем. Форма определяется по свойствам "
                + "бланка svod, по листам и заголовкам столбцов, либо задаётся --form. Формы одной школы за период, данные "
                + "вместе, сверяются между собой (предупреждение в файле формы, чьё это правило).\n"
                + "Код выхода: 0 — ошибок нет, 1 — есть ошибки (с --strict также непоясненные предупреждения), "
                + "2 — файл не проверен (не читается) или вызов неверен.",
            en: "A folder stands for every file in it but hidden and office lock files: XLSX and ODS forms are checked, "
                + "the rest (.xls, CSV…) listed as not checked with the reason. A report on several files lists the files "
                + "with findings and those not checked, then the tally of all. The form is recognised by the properties "
                + "of svod's templates, by the sheets and column headers, or given with --form. A school's forms for one "
                + "period given together are compared with each other (a warning on the file of the form whose rule it is).\n"
                + "Exit status: 0 with no errors, 1 with errors (with --strict also unexplained warnings), "
                + "2 for a file not checked (unreadable) or a wrong call."),
        arguments: [ArgumentSpec("files", .init(ru: "ФАЙЛ|ПАПКА", en: "FILE|FOLDER"), .oneOrMore,
                                 .init(ru: "Заполненные формы XLSX или ODS, или папки с ними.", en: "The filled forms (XLSX, ODS), or folders of them."))],
        options: [
            .value("form", .init(ru: "ФОРМА", en: "FORM"), .init(ru: "Код формы (svod schemas list).", en: "The form's id (svod schemas list).")),
            .choice("format", ReportFormat.self, default: .text,
                    .init(ru: "Отчёт: text — для людей, json — для программ, html — одна страница для печати.",
                          en: "Report: text for people, json for programs, html as one printable page.")),
            .value("annotate", .init(ru: "OUT", en: "OUT"),
                   .init(ru: "Копия файла (.xlsx или .ods) с отмеченными ячейками и листом «Замечания»; для нескольких файлов — папка.",
                         en: "An annotated copy (.xlsx or .ods) with the cells at fault marked and a sheet «Замечания»; a folder for several files.")),
            .value("previous", .init(ru: "ФАЙЛ", en: "FILE"), .init(ru: "Та же форма за прошлый период.", en: "The same form for the previous period.")),
            .flag("strict", .init(ru: "Непоясненные предупреждения тоже считать ошибкой.", en: "Unexplained warnings fail too.")),
            .flag("all-files", .init(ru: "В отчёте о нескольких файлах перечислить и файлы без замечаний.",
                                     en: "In a report on several files, list the files without findings too.")),
            SchemasCommand.option,
        ],
        run: perform)

    let arguments: [String]
    let form: String?
    let format: ReportFormat
    let annotate: String?
    let previous: String?
    let strict: Bool
    let allFiles: Bool
    let location: SchemasCommand.Location
    let common: CommonOptions

    init(_ call: ParsedCall) throws {
        arguments = call.all("files")
        form = call.value("form")
        format = call.choice("format", ReportFormat.self)!
        annotate = call.value("annotate")
        previous = call.value("previous")
        strict = call.flag("strict")
        allFiles = call.flag("all-files")
        location = try SchemasCommand.Location(call)
        common = CommonOptions(call)
    }

    /// Paths checked before any file is read: the previous period's file must be there, and the
    /// annotated copy must have a folder to go to and, for one file, the extension of its format.
    func validate() throws {
        let several = previous != nil || annotate != nil ? Inputs.expand(arguments).count > 1 : false
        if let previous {
            try PathCheck.readableFile(previous, option: "--previous")
            // Last period's file is one school's: it cannot stand beside a folder of many.
            guard !several else {
                throw UsageError(ru: "--previous — файл прошлого периода одной школы: проверяйте с ним один файл, а не несколько или папку",
                                 en: "--previous is one school's file of the previous period: check one file with it, not several or a folder")
            }
        }
        if let annotate {
            if several {
                try PathCheck.creatableFolder(annotate, option: "--annotate")
            } else {
                try PathCheck.spreadsheetOutput(annotate, option: "--annotate")
            }
        }
    }

    func run() throws {
        let inputs = Inputs.expand(arguments)
        guard !inputs.isEmpty else {
            let text = common.lang == .ru ? "svod: ошибка: \(arguments.joined(separator: ", ")): в папке нет файлов\n"
                : "svod: error: \(arguments.joined(separator: ", ")): the folder holds no files\n"
            FileHandle.standardError.write(Data(text.utf8))
            throw ExitCode(2)
        }
        let catalog = try SchemasCommand.load(location.directory, common.lang)
        let checker = SubmissionChecker(catalog: catalog)
        let several = inputs.count > 1
        let colour = isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let out = OutputBuffer()
        var slots = [FileVerdict?](repeating: nil, count: inputs.count)
        var written = 0
        var counts = (failed: 0, refused: 0)
        // A text report on several files keeps counts, not the reports written: memory stays flat
        // however many files a folder holds. JSON and HTML are one document of every report.
        let streaming = several && format == .text
        // Entries appear in input order, each as soon as every one before it is there.
        func done(_ i: Int, _ verdict: FileVerdict) {
            slots[i] = verdict
            if verdict.report == nil { counts.refused += 1 } else if verdict.failed(strict: strict) { counts.failed += 1 }
            // One file: its refusal is the one line on standard error. Several: every report
            // lists it in its place, so a report sent to a file keeps it too.
            if !several, let refusal = verdict.refusal {
                out.flush()
                report(refusal, file: inputs[i].path, language: common.lang)
            }
            // A text report on several files is written as it goes, so a long folder shows progress.
            while written < slots.count, let next = slots[written] {
                if streaming {
                    out.write(FolderTextReport.entry(next, language: common.lang, colour: colour, allFiles: allFiles))
                    slots[written] = nil
                }
                written += 1
            }
        }
        func annotating(_ input: Inputs.Input) -> (WorkbookReader, ValidationReport) throws -> Void {
            { reader, report in if let annotate { try writeAnnotated(reader, report, file: input, to: annotate, several: several) } }
        }
        if several && !checker.crossForm.isEmpty {
            // Several files: the forms other forms read are checked first, for the rules comparing with them.
            let run = CrossFormRun(checker: checker)
            run.run(inputs.count, check: { i, recognised, waits in
                checker.check(inputs[i].path, form: form, recognised: recognised, previous: previous, crossForm: run, waits: waits,
                              opened: annotating(inputs[i]))
            }, done: done)
        } else {
            for (i, input) in inputs.enumerated() { done(i, checker.check(input.path, form: form, previous: previous, opened: annotating(input))) }
        }
        let verdicts = slots.compactMap { $0 }
        // One object for one file named on the command line; an array for several, or for a folder
        // (whatever it holds), so a script knows the shape from its own call.
        let single = arguments.count == 1 && inputs.count == 1 && inputs[0].path == arguments[0]
        switch format {
        case .json: out.write(JSONReport.render(verdicts, single: single, language: common.lang))
        case .html: out.write(HTMLReport.render(verdicts, language: common.lang, allFiles: allFiles))
        case .text:
            if several {
                out.write("\n" + FolderTextReport.tally(files: inputs.count, failed: counts.failed, refused: counts.refused, language: common.lang) + "\n")
            } else if verdicts[0].report != nil {
                out.write(TextReport.render(verdicts[0], language: common.lang, colour: colour))
            }
        }
        out.flush()
        if counts.refused > 0 { throw ExitCode(2) }
        if counts.failed > 0 { throw ExitCode(1) }
    }
}

extension ValidateCommand {
    /// One file: `annotate` is the copy's path (its extension picks the format, else the
    /// input's). Several: `annotate` is a folder where each copy keeps its input's place below
    /// the folder it came from, so two schools' `vpr.xlsx` do not overwrite each other. A copy
    /// never replaces the school's own file.
    func writeAnnotated(_ reader: WorkbookReader, _ report: ValidationReport, file: Inputs.Input, to annotate: String,
                        several: Bool) throws {
        var target = annotate
        if several {
            let ext = reader.format == .ods || reader.format == .fods ? "ods" : "xlsx"
            let relative = (file.relative as NSString).deletingPathExtension + "." + ext
            target = (annotate as NSString).appendingPathComponent(relative)
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        if URL(fileURLWithPath: target).standardizedFileURL.resolvingSymlinksInPath()
            == URL(fileURLWithPath: file.path).standardizedFileURL.resolvingSymlinksInPath() {
            throw AnnotateOverInput(path: target)
        }
        let format = SpreadsheetOutput.format(forPath: target) ?? (reader.format == .xlsx ? .xlsx : .ods)
        let outcome = try AnnotatedWorkbook.write(source: reader, report: report, to: target, format: format, language: common.lang)
        for (from, to) in outcome.renamedSheets {
            warn(.init(ru: "\(target): лист «\(from)» переименован в «\(to)»", en: "\(target): sheet '\(from)' renamed '\(to)'"), common.lang)
        }
    }
}

/// `--annotate` would write over the file being checked.
struct AnnotateOverInput: LocalizedFailure {
    let path: String
    var kind: FailureKind { .unreadable }
    var message: LocalizedText {
        .init(ru: "копия с замечаниями легла бы на сам проверяемый файл «\(path)»: укажите для --annotate другую папку",
              en: "the annotated copy would overwrite the file being checked, '\(path)': give --annotate another folder")
    }
}

/// Report formats of `validate`.
enum ReportFormat: String, CaseIterable {
    case text, json, html
}
