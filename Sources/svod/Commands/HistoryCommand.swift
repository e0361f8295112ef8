import Foundation
import SvodLocale
import SvodStore

/// `svod history`: everything a school sent, oldest first, and what each re-submission changed.
struct HistoryCommand: Command {
    static let spec = CommandSpec(
        name: "history",
        summary: .init(ru: "История файлов школы в хранилище.", en: "A school's files in the store, oldest first."),
        discussion: .init(
            ru: "Каждый файл: когда поступил, имя, форма, период, итог (принят, отклонён, заменён). Для файла, заменившего "
                + "прежний, — что изменилось, значение за значением (лист, строка, поле: было → стало).\n"
                + "Код выхода: 0 — готово, 2 — неверный вызов или хранилище не открыть.",
            en: "Each file: when it arrived, its name, form, period and outcome (accepted, refused, superseded). For a file that "
                + "replaced an earlier one, what changed, value by value (sheet, row, field: before → after).\n"
                + "Exit status: 0 done, 2 a wrong call or the store cannot be opened."),
        options: [
            .value("school", .init(ru: "КОД", en: "CODE"), required: true, .init(ru: "Код школы из реестра.", en: "The school's registry code.")),
            .value("form", .init(ru: "ФОРМА", en: "FORM"), .init(ru: "Только эта форма.", en: "Only this form.")),
            .value("period", .init(ru: "ПЕРИОД", en: "PERIOD"), .init(ru: "Только этот период.", en: "Only this period.")),
            StoreLocation.option,
        ],
        run: perform)

    let school: String
    let form: String?
    let period: String?
    let store: String
    let common: CommonOptions

    init(_ call: ParsedCall) throws {
        school = call.value("school") ?? ""
        form = call.value("form")
        period = call.value("period")
        store = StoreLocation.path(call)
        common = CommonOptions(call)
    }

    func run() throws {
        try StoreLocation.mustExist(store)
        let ru = common.lang == .ru
        let out = OutputBuffer()
        do {
            let db = try SQLiteStore(path: store)
            let all = try db.history(school: school, form: form, period: period)
            var byID: [Int64: StoredSubmission] = [:]
            for s in all { byID[s.id] = s }
            for s in all {
                let outcome: String
                switch s.outcome {
                case "accepted": outcome = s.supersededBy == nil ? (ru ? "принят" : "accepted") : (ru ? "заменён (№ \(s.supersededBy!))" : "superseded (no. \(s.supersededBy!))")
                case "refused": outcome = ru ? "отклонён: ошибок — \(s.errors)" : "refused: \(s.errors) errors"
                default: outcome = (ru ? "отклонён: " : "refused: ") + (s.reason?(common.lang) ?? "")
                }
                out.write("№ \(s.id)  \(s.arrivedAt)  \(s.fileName)  \(s.form ?? "—")  \(s.period ?? "—")  \(outcome)\n")
                // What this file changed against the one it replaced.
                if let earlier = all.first(where: { $0.supersededBy == s.id }) {
                    let changes = ValueChange.between(try db.values(of: earlier.id), try db.values(of: s.id))
                    out.write(ru ? "    заменил № \(earlier.id); изменений: \(changes.count)\n" : "    replaced no. \(earlier.id); changes: \(changes.count)\n")
                    for c in changes {
                        let row = c.rowKey.map { ru ? " (строка «\($0)»)" : " (row '\($0)')" } ?? ""
                        out.write("      \(c.sheet)!\(c.cell)\(row) \(c.field): \(c.before ?? "—") → \(c.after ?? "—")\n")
                    }
                }
            }
            if all.isEmpty { out.write(ru ? "в хранилище нет файлов школы \(school)\n" : "the store holds no files of school \(school)\n") }
        } catch {
            report(error, file: store, language: common.lang)
            throw ExitCode(2)
        }
        out.flush()
    }
}
