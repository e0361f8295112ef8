import Foundation
import SvodLocale
import SvodPipeline
import SvodStore
import SvodValidation

/// `svod recheck`: the store's accepted files checked again with today's schemas; what would change.
struct RecheckCommand: Command {
    static let spec = CommandSpec(
        name: "recheck",
        summary: .init(ru: "Проверить принятые файлы заново по нынешним схемам.", en: "Check the accepted files again with today's schemas."),
        discussion: .init(
            ru: "Каждый принятый (не заменённый) файл проверяется заново по хранимому оригиналу и нынешним схемам и "
                + "сравнивается с хранимым вердиктом: новые и исчезнувшие замечания, другая версия формы, «теперь был бы "
                + "отклонён». Хранилище не меняется: принятый файл никогда не пересуживается молча.\n"
                + "Код выхода: 0 — ничего не изменилось, 1 — что-то изменилось, 2 — неверный вызов или хранилище не открыть.",
            en: "Each accepted (not superseded) file is checked again from its kept original with today's schemas and "
                + "compared with the verdict the store keeps: new and vanished findings, another form version, 'would be "
                + "refused now'. The store is not changed: an accepted file is never re-judged silently.\n"
                + "Exit status: 0 nothing changed, 1 something changed, 2 a wrong call or the store cannot be opened."),
        options: [
            .value("period", .init(ru: "ПЕРИОД", en: "PERIOD"), .init(ru: "Только этот период.", en: "Only this period.")),
            .value("form", .init(ru: "ФОРМА", en: "FORM"), .init(ru: "Только эта форма.", en: "Only this form.")),
            StoreLocation.option,
            SchemasCommand.option,
        ],
        run: perform)

    let period: String?
    let form: String?
    let store: String
    let location: SchemasCommand.Location
    let common: CommonOptions

    init(_ call: ParsedCall) throws {
        period = call.value("period")
        form = call.value("form")
        store = StoreLocation.path(call)
        location = try SchemasCommand.Location(call)
        common = CommonOptions(call)
    }

    func run() throws {
        try StoreLocation.mustExist(store)
        let catalog = try SchemasCommand.load(location.directory, common.lang)
        let outcomes: [Recheck.Outcome]
        do {
            outcomes = try Recheck(catalog: catalog, store: try SQLiteStore(path: store)).run(period: period, form: form)
        } catch {
            report(error, file: store, language: common.lang)
            throw ExitCode(2)
        }
        let ru = common.lang == .ru, out = OutputBuffer()
        for o in outcomes where o.changed {
            let s = o.submission
            out.write("\(s.fileName) — \(s.school ?? "—"), \(s.form ?? "—"), \(s.period ?? "—"):\n")
            if let why = o.unreadable { out.write("  " + (ru ? "не проверен: " : "not checked: ") + why(common.lang) + "\n") }
            if let v = o.version { out.write(ru ? "  версия формы: \(s.formVersion ?? 0) → \(v)\n" : "  form version: \(s.formVersion ?? 0) → \(v)\n") }
            if o.wouldBeRefused && o.unreadable == nil { out.write(ru ? "  сейчас был бы отклонён (есть ошибки)\n" : "  would be refused now (it has errors)\n") }
            for f in o.new {
                let place = f.sheet.map { sheet in f.cell.map { "\(sheet)!\($0.a1)" } ?? sheet } ?? ""
                out.write("  + \(place) [\(f.rule)] \(f.message(common.lang))\n")
            }
            for f in o.gone { out.write("  − \(f.place ?? "") [\(f.rule)] \(f.message(common.lang))\n") }
        }
        let changed = outcomes.filter(\.changed).count
        out.write(ru ? "Файлов: \(outcomes.count); изменилось: \(changed)\n" : "Files: \(outcomes.count); changed: \(changed)\n")
        out.flush()
        if changed > 0 { throw ExitCode(1) }
    }
}
