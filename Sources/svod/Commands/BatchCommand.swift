import Foundation
import Logging
import SvodBatch
import SvodIO
import SvodLocale

/// `svod batch`: one unattended run over an inbox (cron, a systemd timer); a thin driver of `BatchRun`.
struct BatchCommand: Command {
    static let spec = CommandSpec(
        name: "batch",
        summary: .init(ru: "Обработать входящие без присмотра: проверить, ответить школам, загрузить, разложить по архиву, обновить свод.",
                       en: "Process an inbox unattended: check, answer the schools, import, archive, refresh the consolidation."),
        discussion: .init(
            ru: "Берёт каждый законченный файл из входящих (не менявшийся settle секунд и не занятый программой; временные имена ~$…, "
                + ".~lock…#, *.part, *.tmp, скрытые файлы пропускаются), сам узнаёт школу, форму и период, пишет школе отчёты JSON и HTML "
                + "и копию с замечаниями в папку outbox/КОД/, загружает принятые в хранилище, переносит оригинал в archive/accepted/ГГГГ-ММ-ДД/ "
                + "или archive/rejected/ГГГГ-ММ-ДД/ — только когда всё, что из него сделано, записано на диск. Каждый шаг записан в журнал "
                + "хранилища: прерванный запуск доделывает следующий, повторно те же байты не обрабатываются. Настройки — YAML-файл --config "
                + "(пример: Samples/batch.yaml), каждую можно задать и флагом. Журнал событий — строки JSON в stderr или в файл log.\n"
                + "Код выхода: 0 — всё принято (или нечего делать), 1 — что-то отклонено, 2 — запуск не удался (настройки, хранилище, "
                + "диск) или остановлен сигналом, 3 — уже идёт другой запуск с этим хранилищем.",
            en: "Takes every complete file of the inbox (unchanged for settle seconds and not locked by a program; temporary names ~$…, "
                + ".~lock…#, *.part, *.tmp and hidden files are skipped), recognises school, form and period from the file, writes the school "
                + "the JSON and HTML reports and the marked copy into outbox/CODE/, imports accepted files into the store, moves the original "
                + "to archive/accepted/YYYY-MM-DD/ or archive/rejected/YYYY-MM-DD/ only once everything made from it is on disk. Every step "
                + "is in the store's journal: an interrupted run is finished by the next, the same bytes are never processed twice. Settings: "
                + "a YAML file --config (example: Samples/batch.yaml), each also a flag. The event log: JSON lines on stderr or in the file log.\n"
                + "Exit status: 0 all accepted (or nothing to do), 1 something refused, 2 the run failed (settings, store, disk) or was "
                + "stopped by a signal, 3 another run holds this store."),
        arguments: [],
        options: [
            .value("config", .init(ru: "ФАЙЛ", en: "FILE"), .init(ru: "Настройки запуска (YAML).", en: "The run's settings (YAML).")),
            .value("inbox", .init(ru: "ПАПКА", en: "DIR"), .init(ru: "Входящие файлы.", en: "The incoming files.")),
            .value("outbox", .init(ru: "ПАПКА", en: "DIR"), .init(ru: "Ответы школам (по папке на школу).", en: "The answers to the schools (a folder per school).")),
            .value("archive", .init(ru: "ПАПКА", en: "DIR"), .init(ru: "Архив оригиналов: accepted/ и rejected/.", en: "The originals' archive: accepted/ and rejected/.")),
            StoreLocation.option,
            SchemasCommand.option,
            .value("period", .init(ru: "ПЕРИОД", en: "PERIOD"), .init(ru: "Собираемый период; файлы другого отклоняются.", en: "The period collected; files of another are refused.")),
            .value("consolidate", .init(ru: "ФАЙЛ", en: "FILE"), .init(ru: "Свод (.xlsx, .ods, .json), обновляемый, когда принято новое (нужен --period).",
                                                                       en: "A consolidation (.xlsx, .ods, .json) refreshed when something new is accepted (needs --period).")),
            .value("convert", .init(ru: "ods|xlsx", en: "ods|xlsx"), .init(ru: "Хранить каждый принятый файл и в этом формате (в outbox).", en: "Keep every accepted file in this format too (in the outbox).")),
            .value("settle", .init(ru: "СЕКУНД", en: "SECONDS"), .init(ru: "Сколько файл не должен меняться, чтобы его взять (по умолчанию 60).", en: "How long a file must be unchanged to be taken (default 60).")),
            .value("max-files", .init(ru: "N", en: "N"), .init(ru: "Не больше N файлов за запуск.", en: "At most N files per run.")),
            .value("time-budget", .init(ru: "СЕКУНД", en: "SECONDS"), .init(ru: "Не начинать новых файлов после стольких секунд.", en: "Start no new file after this many seconds.")),
            .value("log", .init(ru: "ФАЙЛ", en: "FILE"), .init(ru: "Куда писать строки JSON журнала (по умолчанию stderr).", en: "Where the JSON log lines go (stderr by default).")),
        ],
        run: perform)

    let settings: BatchSettings
    let common: CommonOptions

    init(_ call: ParsedCall) throws {
        common = CommonOptions(call)
        var s = try call.value("config").map { try BatchSettings.load(config: $0) } ?? BatchSettings()
        for (key, set) in [("inbox", { (v: String) in s.inbox = v }), ("outbox", { s.outbox = $0 }), ("archive", { s.archive = $0 }),
                           ("store", { s.store = $0 }), ("schemas", { s.schemas = $0 }), ("period", { s.period = $0 }),
                           ("consolidate", { s.consolidate = [$0] }), ("convert", { s.convert = $0 }), ("log", { s.log = $0 == "stderr" ? nil : $0 })] {
            if let v = call.value(key) { set(v) }
        }
        for (key, set) in [("settle", { (v: Double) in s.settle = v }), ("max-files", { s.maxFiles = Int($0) }), ("time-budget", { s.timeBudget = $0 })] {
            guard let text = call.value(key) else { continue }
            guard let v = Double(text.replacingOccurrences(of: ",", with: ".")), v >= 0 else {
                throw UsageError(ru: "--\(key): «\(text)» — ожидается число", en: "--\(key): '\(text)' — a number is expected")
            }
            set(v)
        }
        if s.store.isEmpty, let env = ProcessInfo.processInfo.environment["SVOD_STORE"] { s.store = env }
        settings = s
    }

    func validate() throws {
        do { try settings.check() } catch let e as BatchSettingsError { throw UsageError(ru: e.message.ru, en: e.message.en) }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: settings.inbox, isDirectory: &isDir), isDir.boolValue else {
            throw UsageError(ru: "нет папки входящих «\(settings.inbox)»", en: "there is no inbox folder '\(settings.inbox)'")
        }
    }

    func run() throws {
        let lock: RunLock
        do { lock = try RunLock(store: settings.store) } catch let held as RunLockHeld {
            printError(held.message(common.lang), common.lang)
            throw ExitCode(3)
        }
        defer { withExtendedLifetime(lock) {} }
        Interruption.install(graceful: true)
        let handler = try settings.log.map { try JSONLogLines.file($0) } ?? JSONLogLines.standardError()
        let logger = Logger(label: "svod.batch") { _ in handler }
        let catalog = try SchemasCommand.load(try SchemaLocation.resolve(explicit: settings.schemas), common.lang)
        var summary = BatchRun.Summary()
        var failure: Error?
        do {
            for dir in [settings.outbox, settings.archive] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            let run = try BatchRun(settings: settings, catalog: catalog, language: common.lang, logger: logger)
            try run.run(into: &summary)
        } catch {
            failure = error
            logger.error("run failed", metadata: ["step": "run", "error": .string((error as? LocalizedFailure)?.message.en ?? "\(error)")])
        }
        print(summary)
        if let failure {
            printError((failure as? LocalizedFailure)?.message(common.lang) ?? "\(failure)", common.lang)
            throw ExitCode(2)
        }
        if summary.stopped != nil && Interruption.requested { throw ExitCode(2) }
        if summary.refused > 0 { throw ExitCode(1) }
    }

    /// One line per input with its fate, then the tally, in the run's language.
    private func print(_ s: BatchRun.Summary) {
        let ru = common.lang == .ru
        var out = ""
        for f in s.files {
            let fate: String
            switch f.fate {
            case .accepted: fate = ru ? "принят" : "accepted"
            case .rejected: fate = ru ? "отклонён" : "rejected"
            case .duplicate: fate = ru ? "повтор" : "duplicate"
            case .waiting: fate = ru ? "ждёт" : "waiting"
            }
            var line = "\(f.path) — \(fate)"
            let what = [f.school, f.form, f.period].compactMap { $0 }
            if !what.isEmpty { line += " (\(what.joined(separator: ", ")))" }
            if let r = f.reason, f.fate != .accepted { line += ": \(r(common.lang))" }
            if let a = f.archived { line += " → \(a)" }
            out += line + "\n"
        }
        for c in s.refreshed { out += (ru ? "Свод обновлён: " : "Consolidation refreshed: ") + c + "\n" }
        if let stopped = s.stopped { out += stopped(common.lang) + "\n" }
        let waiting = s.files.filter { $0.fate == .waiting }.count
        out += ru ? "\nФайлов: \(s.files.count); принято: \(s.accepted); отклонено: \(s.files.filter { $0.fate == .rejected }.count); повторов: \(s.files.filter { $0.fate == .duplicate }.count); ждут: \(waiting)\n"
            : "\nFiles: \(s.files.count); accepted: \(s.accepted); rejected: \(s.files.filter { $0.fate == .rejected }.count); duplicates: \(s.files.filter { $0.fate == .duplicate }.count); waiting: \(waiting)\n"
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
