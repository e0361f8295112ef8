import Foundation
import SvodLocale
import SvodPipeline
import SvodStore
import SvodValidation

/// `svod import`: checks files as `svod validate` does and keeps them in the department's store.
struct ImportCommand: Command {
    static let spec = CommandSpec(
        name: "import",
        summary: .init(ru: "Принять файлы школ в хранилище отдела.", en: "Take schools' files into the department's store."),
        discussion: .init(
            ru: "Каждый файл проверяется так же, как svod validate, и записывается в хранилище одной транзакцией: "
                + "без ошибок — принят (со всеми значениями и исходным файлом; прежний файл той же школы, формы и периода "
                + "остаётся в истории как заменённый), с ошибками — отклонён (с замечаниями), нечитаемый — отклонён с причиной. "
                + "Те же байты дважды записываются один раз («уже принят»). Хранилище: --store, иначе $SVOD_STORE, иначе "
                + "svod.sqlite в текущей папке; исходные файлы — в папке ХРАНИЛИЩЕ.files рядом. Сверки форм школы за период "
                + "(выпускники ГИА-9 и контингент…) берут другую форму из хранилища; расхождение — предупреждение в файле, "
                + "пришедшем вторым.\n"
                + "Код выхода: 0 — все приняты, 1 — что-то отклонено, 2 — неверный вызов или сбой хранилища.",
            en: "Each file is checked as svod validate does and written to the store in one transaction: with no errors it is "
                + "accepted (with every value and the original file; the school's earlier file of the form and period stays in "
                + "history as superseded), with errors refused (with its findings), unreadable refused with the reason. "
                + "The same bytes twice are recorded once ('already accepted'). The store: --store, else $SVOD_STORE, else "
                + "svod.sqlite in the current folder; the originals in the folder STORE.files beside it. Comparisons of a "
                + "school's forms for the period (ГИА-9 graduates and the contingent…) take the other form from the store; a "
                + "mismatch is a warning on the file arriving second.\n"
                + "Exit status: 0 all accepted, 1 something refused, 2 a wrong call or the store failed."),
        arguments: [ArgumentSpec("files", .init(ru: "ФАЙЛ|ПАПКА", en: "FILE|FOLDER"), .oneOrMore,
                                 .init(ru: "Файлы школ или папки с ними.", en: "The schools' files, or folders of them."))],
        options: [
            StoreLocation.option,
            .value("period", .init(ru: "ПЕРИОД", en: "PERIOD"),
                   .init(ru: "Собираемый период (например, 2019/2020): файл другого периода отклоняется.",
                         en: "The period being collected (e.g. 2019/2020): a file of another period is refused.")),
            .flag("no-warnings", .init(ru: "Отклонять файлы с непоясненными предупреждениями (по умолчанию они принимаются, предупреждения перечисляются).",
                                       en: "Refuse files with unexplained warnings (by default they are accepted and their warnings listed).")),
            SchemasCommand.option,
        ],
        run: perform)

    let noWarnings: Bool
    let arguments: [String]
    let store: String
    let period: String?
    let location: SchemasCommand.Location
    let common: CommonOptions

    init(_ call: ParsedCall) throws {
        arguments = call.all("files")
        store = StoreLocation.path(call)
        period = call.value("period")
        noWarnings = call.flag("no-warnings")
        location = try SchemasCommand.Location(call)
        common = CommonOptions(call)
    }

    func run() throws {
        // Walked twice, never held: once to count (for the progress line and an empty folder), once to import.
        let inputs = Inputs.walk(arguments)
        let total = inputs.reduce(0) { n, _ in n + 1 }
        guard total > 0 else {
            throw UsageError(ru: "\(arguments.joined(separator: ", ")): в папке нет файлов", en: "\(arguments.joined(separator: ", ")): the folder holds no files")
        }
        let catalog = try SchemasCommand.load(location.directory, common.lang)
        let importer: Importer
        do {
            importer = Importer(checker: SubmissionChecker(catalog: catalog), store: try SQLiteStore(path: store), period: period)
            importer.refuseUnexplainedWarnings = noWarnings
        } catch {
            report(error, file: store, language: common.lang)
            throw ExitCode(2)
        }
        let out = OutputBuffer()
        let ru = common.lang == .ru
        var tally = (accepted: 0, refused: 0, again: 0)
        let progress = isatty(2) != 0 && total > 20
        var seen = 0
        do {
            try BatchedImport(importer: importer).run(inputs.lazy.map(\.path), checked: { n in
                seen = n
                if progress { FileHandle.standardError.write(Data("\r\(n)/\(max(n, total))".utf8)) }
            }, committed: { batch in
                // A file's line is printed once it is in the store.
                for (path, result) in batch {
                    switch result.outcome {
                    case .accepted?: tally.accepted += 1
                    case .alreadyRecorded(_, let outcome, _)?: if outcome == "accepted" { tally.again += 1 } else { tally.refused += 1 }
                    case .refused?, nil: tally.refused += 1
                    }
                    out.write("\(path) — \(Self.line(result, language: common.lang))\n")
                }
            })
        } catch {
            if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            out.flush()
            report(error, file: store, language: common.lang)
            throw ExitCode(2)
        }
        if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        out.write(ru ? "\nФайлов: \(seen); принято: \(tally.accepted); уже были приняты: \(tally.again); отклонено: \(tally.refused)\n"
                     : "\nFiles: \(seen); accepted: \(tally.accepted); accepted before: \(tally.again); refused: \(tally.refused)\n")
        out.flush()
        if tally.refused > 0 { throw ExitCode(1) }
    }

    /// «принят: МБОУ ЦО № 9 (co9), vpr, 2019/2020», «отклонён: 2 ошибки», «уже принят 2026-12-06T…».
    static func line(_ r: Importer.Result, language: Language) -> String {
        let ru = language == .ru
        let who = [r.verdict.school.map { "\($0.short.first ?? $0.name) (\($0.code))" }, r.verdict.report?.formID, r.verdict.report?.period]
            .compactMap { $0 }.joined(separator: ", ")
        switch r.outcome {
        case .accepted(_, let superseded)?:
            let warnings = r.verdict.report?.count(.warning, explained: false) ?? 0
            var text = (ru ? "принят: " : "accepted: ") + who
            if warnings > 0 { text += ru ? "; непоясненных предупреждений: \(warnings)" : "; unexplained warnings: \(warnings)" }
            if superseded != nil { text += ru ? "; заменяет прежний файл" : "; supersedes the earlier file" }
            return text
        case .alreadyRecorded(_, let outcome, let at)?:
            let what = outcome == "accepted" ? (ru ? "уже принят" : "already accepted") : (ru ? "уже отклонён" : "already refused")
            return "\(what) \(at)" + (who.isEmpty ? "" : ": \(who)")
        case .refused?, nil:
            if let because = r.refusedBecause { return (ru ? "отклонён: " : "refused: ") + because(language) }
            if let report = r.verdict.report {
                let n = report.count(.error)
                return ru ? "отклонён: ошибок — \(n) (svod validate покажет их)" : "refused: \(n) errors (svod validate shows them)"
            }
            return (ru ? "отклонён: " : "refused: ") + (r.verdict.refusal?.message(language) ?? "")
        }
    }
}

/// Where the store is: `--store`, else `$SVOD_STORE`, else `svod.sqlite` in the current folder.
enum StoreLocation {
    static let option = OptionSpec.value("store", .init(ru: "ФАЙЛ", en: "FILE"),
                                         .init(ru: "Файл хранилища (по умолчанию $SVOD_STORE или svod.sqlite в текущей папке).",
                                               en: "The store's file (by default $SVOD_STORE or svod.sqlite in the current folder)."))

    static func path(_ call: ParsedCall) -> String {
        call.value("store") ?? ProcessInfo.processInfo.environment["SVOD_STORE"] ?? "svod.sqlite"
    }

    /// Commands that only read a store refuse to create an empty one where a path was mistyped.
    static func mustExist(_ store: String) throws {
        guard FileManager.default.fileExists(atPath: store) else {
            throw UsageError(ru: "нет хранилища «\(store)»: укажите --store или SVOD_STORE", en: "there is no store '\(store)': give --store or SVOD_STORE")
        }
    }
}
