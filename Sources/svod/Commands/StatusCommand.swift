import Foundation
import SvodLocale
import SvodPipeline
import SvodStore
import SvodWorkbook

/// `svod status`: which schools sent each form for a period, which were refused, who is missing.
struct StatusCommand: Command {
    static let spec = CommandSpec(
        name: "status",
        summary: .init(ru: "Кто сдал формы за период, кто отклонён, кого нет.", en: "Who sent each form for a period, who was refused, who is missing."),
        discussion: .init(
            ru: "По каждой форме и школе в порядке реестра (только школы тех видов, что сдают форму): принят (когда, файл, "
                + "с непоясненными предупреждениями или без), отклонён (почему), нет файла. По хранилищу, а не по отметкам «сдано».\n"
                + "Код выхода: 0 — готово, 2 — неверный вызов или хранилище не открыть.",
            en: "For each form and school in registry order (only schools of the kinds that submit the form): accepted (when, "
                + "which file, with unexplained warnings or not), refused (why), no file. From the store, not from «сдано» marks.\n"
                + "Exit status: 0 done, 2 a wrong call or the store cannot be opened."),
        options: [
            .value("period", .init(ru: "ПЕРИОД", en: "PERIOD"), required: true, .init(ru: "Период, например 2019/2020.", en: "The period, e.g. 2019/2020.")),
            .value("form", .init(ru: "ФОРМА", en: "FORM"), .init(ru: "Только эти формы (через запятую).", en: "Only these forms (comma-separated).")),
            .choice("format", ShowFormat.self, default: .text, .init(ru: "Формат вывода.", en: "Output format.")),
            .value("as-of", .init(ru: "ДАТА", en: "DATE"),
                   .init(ru: "Дата, на которую судить об опоздании (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ); по умолчанию сегодня.",
                         en: "The date to judge lateness by (YYYY-MM-DD or DD.MM.YYYY); today by default.")),
            StoreLocation.option,
            SchemasCommand.option,
        ],
        run: perform)

    let asOf: CivilDateTime
    let period: String
    let forms: [String]
    let format: ShowFormat
    let store: String
    let location: SchemasCommand.Location
    let common: CommonOptions

    init(_ call: ParsedCall) throws {
        period = call.value("period") ?? ""
        asOf = try Self.date(call.value("as-of"))
        forms = FormList.parse(call)
        format = call.choice("format", ShowFormat.self)!
        store = StoreLocation.path(call)
        location = try SchemasCommand.Location(call)
        common = CommonOptions(call)
    }

    func run() throws {
        try StoreLocation.mustExist(store)
        let catalog = try SchemasCommand.load(location.directory, common.lang)
        try FormList.check(forms, in: catalog)
        let status: SubmissionStatus
        do {
            status = try SubmissionStatus(store: try SQLiteStore(path: store), catalog: catalog, period: period, forms: forms, asOf: asOf)
        } catch {
            report(error, file: store, language: common.lang)
            throw ExitCode(2)
        }
        let out = OutputBuffer()
        out.write(format == .json ? json(status) : text(status))
        out.flush()
    }

    private func text(_ status: SubmissionStatus) -> String {
        let ru = common.lang == .ru
        var out = ""
        for (form, due, entries) in status.forms {
            let n = { (s: SubmissionStatus.Entry.State) in entries.filter { $0.state == s }.count }
            let dueText = due.map { d in ru ? "; срок \(Self.shown(d))" : "; due \(d.iso8601)" } ?? (ru ? "; срок не определён" : "; no due date")
            out += "\(form.id) — \(form.title(common.lang)): " + (ru ? "принято \(n(.accepted)), отклонено \(n(.refused)), нет \(n(.missing)) из \(entries.count)"
                                                                  : "accepted \(n(.accepted)), refused \(n(.refused)), missing \(n(.missing)) of \(entries.count)")
                + dueText + "\n"
            for e in entries {
                let name = "\(e.school.short.first ?? e.school.name) (\(e.school.code))" + (e.late == true ? (ru ? " — с опозданием" : " — late") : "")
                switch e.state {
                case .accepted:
                    let s = e.submission!
                    let warned = s.warnings > 0 ? (ru ? ", непоясненных предупреждений: \(s.warnings)" : ", unexplained warnings: \(s.warnings)") : ""
                    let again = e.superseded > 0 ? (ru ? ", заменял прежний: \(e.superseded)" : ", replaced earlier: \(e.superseded)") : ""
                    out += "  \(name): " + (ru ? "принят" : "accepted") + " \(s.arrivedAt), \(s.fileName)\(warned)\(again)\n"
                case .refused:
                    let s = e.submission!
                    let why = s.reason?(common.lang) ?? (ru ? "ошибок — \(s.errors)" : "\(s.errors) errors")
                    out += "  \(name): " + (ru ? "отклонён" : "refused") + " \(s.arrivedAt), \(s.fileName): \(why)\n"
                case .missing:
                    out += "  \(name): " + (ru ? "нет файла" : "no file") + "\n"
                }
            }
        }
        return out
    }

    private func json(_ status: SubmissionStatus) -> String {
        let forms: [[String: Any]] = status.forms.map { form, due, entries in
            ["id": form.id, "due": due.map { $0.iso8601 as Any } ?? NSNull(), "schools": entries.map { e -> [String: Any] in
                var d: [String: Any] = ["code": e.school.code, "state": e.state.rawValue, "late": e.late.map { $0 as Any } ?? NSNull()]
                if let s = e.submission {
                    d["file"] = s.fileName; d["sha256"] = s.sha256; d["arrived"] = s.arrivedAt
                    d["errors"] = s.errors; d["warnings"] = s.warnings; d["superseded"] = e.superseded
                    if let r = s.reason { d["reason"] = r(common.lang) }
                }
                return d
            }]
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["period": period, "as_of": asOf.iso8601, "forms": forms],
                                                  options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// «30.11.2020».
    static func shown(_ d: CivilDateTime) -> String {
        let c = d.date
        return String(format: "%02d.%02d.%04d", c.day, c.month, c.year)
    }

    /// `--as-of` as a day: ГГГГ-ММ-ДД or ДД.ММ.ГГГГ; today (UTC) without it.
    static func date(_ text: String?) throws -> CivilDateTime {
        guard let text else {
            let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
            return CivilDateTime(year: c.year!, month: c.month!, day: c.day!, hasTime: false)!
        }
        let iso = text.split(separator: "-").compactMap { Int($0) }, ru = text.split(separator: ".").compactMap { Int($0) }
        let parts = iso.count == 3 ? (iso[0], iso[1], iso[2]) : ru.count == 3 ? (ru[2], ru[1], ru[0]) : nil
        guard let (y, m, d) = parts, let day = CivilDateTime(year: y, month: m, day: d, hasTime: false) else {
            throw UsageError(ru: "--as-of: «\(text)» — ожидается дата вида 2020-11-30 или 30.11.2020",
                             en: "--as-of: '\(text)' — expected a date such as 2020-11-30 or 30.11.2020")
        }
        return day
    }
}
