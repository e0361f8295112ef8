import Foundation
import SvodTestSupport
import Testing

/// Wrong calls, help and version: one line in the language asked for, help entirely in it.
@Suite struct CommandLineTests {
    let sample = TestPaths.packageRoot.appendingPathComponent("Samples/vpr-2019-2020-mbou-co-9.ods").path

    func svod(_ args: String...) throws -> ProcessResult { try runProcess(TestPaths.svodBinary, args) }

    /// ArgumentParser's English, which must never show.
    static let foreign = ["Error:", "Usage:", "USAGE", "OPTIONS", "ARGUMENTS", "SUBCOMMANDS", "Show help", "Show the version", "See '"]

    @Test func wrongCallsAreOneRussianLineWithExitTwo() throws {
        let cases: [([String], String)] = [
            (["validate", "-o", "x.xlsx", sample], "svod: ошибка: неизвестный параметр «-o» для svod validate; см. svod validate --help"),
            (["validate", "--format", "pdf", sample], "svod: ошибка: --format: «pdf» — ожидается text, json или html"),
            (["inspect", "--lang", "de", sample], "svod: ошибка: --lang: «de» — ожидается ru или en"),
            (["inspect"], "svod: ошибка: не указан ФАЙЛ; использование: svod inspect ФАЙЛ [параметры]"),
            (["inspect", sample, sample], "svod: ошибка: лишний аргумент «\(sample)»"),
            (["inspect", "--format"], "svod: ошибка: --format: не указано значение — ожидается text, json, csv или summary"),
            (["validate", "--strict=yes", sample], "svod: ошибка: --strict: этот параметр пишется без значения"),
            (["template", "--form", "vpr"], "svod: ошибка: не указан параметр -o, --output OUT"),
            (["sync", "--help"], "svod: ошибка: неизвестная команда «sync»; команды: inspect, convert, schemas, validate, template, schools, import, status, history, consolidate, indicators, card, report, recheck, batch; см. svod --help"),
            (["schemas", "lst"], "svod: ошибка: неизвестная команда «lst» для svod schemas (может быть, list?); команды: list, show, check"),
            (["help", "nope"], "svod: ошибка: неизвестная команда «nope»"),
            (["validate", "--fromat", "json", sample], "svod: ошибка: неизвестный параметр «--fromat» для svod validate (может быть, --format?); "),
            (["valdate", sample], "svod: ошибка: неизвестная команда «valdate» (может быть, validate?); команды: "),
        ]
        for (args, start) in cases {
            let r = try runProcess(TestPaths.svodBinary, args)
            #expect(r.status == 2, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.hasPrefix(start), "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(args)")
            for word in Self.foreign { #expect(!r.stderr.contains(word), "\(args): \(r.stderr)") }
        }
    }

    /// `--lang en` turns the message English wherever it stands, also after the mistake.
    @Test func englishWhereverLangStands() throws {
        let after = try svod("validate", "-o", "x.xlsx", sample, "--lang", "en")
        #expect(after.status == 2 && after.stderr == "svod: error: unknown option '-o' for svod validate; see svod validate --help\n",
                "\(after.stderr)")
        let before = try svod("--lang", "en", "validate", "--format", "pdf", sample)
        #expect(before.status == 2 && before.stderr == "svod: error: --format: 'pdf' — expected text, json or html\n", "\(before.stderr)")
        let inline = try svod("sync", "--lang=en")
        #expect(inline.status == 2 && inline.stderr.hasPrefix("svod: error: unknown command 'sync'; commands: inspect"), "\(inline.stderr)")
    }

    /// `convert x.xlsx y.pdf`: one grammatical line, not «Error: не понять формат…».
    @Test func anUnknownConvertFormatIsOneRussianLine() throws {
        let r = try svod("convert", sample, "/tmp/svod-never.pdf")
        #expect(r.status == 2)
        #expect(r.stderr == "svod: ошибка: по имени «/tmp/svod-never.pdf» не определить формат результата: "
                + "укажите расширение .xlsx, .ods, .csv или .json либо --to\n", "\(r.stderr)")
        let en = try svod("convert", sample, "/tmp/svod-never.pdf", "--lang", "en")
        #expect(en.stderr.hasPrefix("svod: error: cannot tell the output format from the name '/tmp/svod-never.pdf'"), "\(en.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/svod-never.pdf"))
    }

    @Test func helpIsRussianByDefaultAndEnglishOnRequest() throws {
        let calls: [[String]] = [["--help"], ["-h"], [], ["help"], ["help", "validate"], ["validate", "--help"], ["schemas", "list", "-h"],
                                 ["help", "schemas", "show"], ["inspect", "--help"], ["convert", "--help"], ["template", "--help"],
                                 ["schemas"], ["validate", "--bogus", "--help"], ["schools", "--help"]]
        for args in calls {
            let ru = try runProcess(TestPaths.svodBinary, args)
            #expect(ru.status == 0, "\(args): \(ru.stderr)")
            let text = ru.stdoutText
            #expect(text.contains("Использование: svod") && text.contains("Параметры:") && text.contains("-h, --help  "), "\(args): \(text)")
            for word in Self.foreign { #expect(!text.contains(word), "\(args): \(word)") }
            // Descriptions are Russian too: no English sentence slips through.
            #expect(!text.contains(" the ") && !text.contains("Show "), "\(args): \(text)")
            let en = try runProcess(TestPaths.svodBinary, args + ["--lang", "en"])
            #expect(en.status == 0, "\(args)")
            #expect(en.stdoutText.contains("Usage: svod") && en.stdoutText.contains("Options:"), "\(args): \(en.stdoutText)")
            for word in ["Использование", "Параметры", "Команды", "Показать", "По умолчанию"] {
                #expect(!en.stdoutText.contains(word), "\(args): \(word)")
            }
        }
        let root = try svod("--help").stdoutText
        #expect(root.contains("Команды:") && root.range(of: #"\n  validate +Проверить заполненные формы"#, options: .regularExpression) != nil, "\(root)")
        let validate = try svod("help", "validate").stdoutText
        #expect(validate.contains("Аргументы:") && validate.contains("--format text|json|html") && validate.contains("По умолчанию: text."))
        #expect(validate.contains("Код выхода"))
        #expect(try svod("help", "validate").stdoutText == svod("validate", "--help").stdoutText)
    }

    @Test func versionAndEveryCommandStillRuns() throws {
        let v = try svod("--version")
        #expect(v.status == 0 && v.stdoutText == "0.1.0\n")
        // Options take `--name value` and `--name=value`, anywhere among the arguments; `--` ends options.
        let inline = try svod("inspect", sample, "--format=summary", "--lang=en")
        #expect(inline.status == 0 && inline.stdoutText.contains("Титул"), "\(inline.stderr)")
        let ended = try svod("inspect", "--format", "csv", "--sheet", "ВПР", "--", sample)
        #expect(ended.status == 0 && ended.stdoutText.contains("Математика"), "\(ended.stderr)")
        let upper = try svod("inspect", "--format", "JSON", sample)
        #expect(upper.status == 0 && upper.stdoutText.hasPrefix("{"), "\(upper.stderr)")
    }

    /// Notices on standard error say «предупреждение», the project's one Russian word for warnings.
    @Test func noticesSayWarningInOneWord() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try svod("template", "--all", "--school", "co9", "--period", "2024/2025", "-o", dir.appendingPathComponent("forms").path)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("svod: предупреждение: форма ") && $0.hasSuffix("; период не заполнен") },
                "\(r.stderr)")
        let en = try svod("template", "--all", "--school", "co9", "--period", "2024/2025", "-o", dir.appendingPathComponent("en").path, "--lang", "en")
        #expect(en.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("svod: warning: form ") }, "\(en.stderr)")
        #expect(!r.stderr.contains("внимание"))
    }
}
