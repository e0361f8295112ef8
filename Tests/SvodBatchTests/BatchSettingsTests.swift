import Foundation
import SvodBatch
import SvodTestSupport
import Testing

/// The batch config: keys as written, paths relative to the config, flags' checks, refusals by name.
@Suite struct BatchSettingsTests {
    func config(_ text: String) throws -> (String, URL) {
        let dir = try TestPaths.temporaryDirectory()
        let path = dir.appendingPathComponent("batch.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, dir)
    }

    @Test func everyKeyIsReadAndRelativePathsAreTheConfigsFolder() throws {
        let (path, dir) = try config("""
            inbox: in
            outbox: /srv/out
            archive: arch
            store: svod.sqlite
            period: 2024/2025
            consolidate: [city.xlsx, /srv/city.json]
            convert: ods
            settle: 2.5
            max-files: 10
            time-budget: 600
            log: stderr
            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = try BatchSettings.load(config: path)
        #expect(s.inbox == dir.path + "/in" && s.outbox == "/srv/out" && s.archive == dir.path + "/arch" && s.store == dir.path + "/svod.sqlite")
        #expect(s.period == "2024/2025" && s.consolidate == [dir.path + "/city.xlsx", "/srv/city.json"] && s.convert == "ods")
        #expect(s.settle == 2.5 && s.maxFiles == 10 && s.timeBudget == 600 && s.log == nil)
        try s.check()
    }

    @Test(arguments: [
        ("inbox: a\nsettel: 5\n", "неизвестный ключ «settel»"),
        ("- a\n- b\n", "ожидается словарь"),
        ("inbox: [a, b]\n", "«inbox» — ожидается строка"),
        ("settle: soon\n", "«settle» — ожидается число"),
        ("inbox: a\n  b: c\n", "не YAML"),
    ])
    func aWrongConfigIsRefusedByName(_ text: String, _ expected: String) throws {
        let (path, dir) = try config(text)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: BatchSettingsError.self) { try BatchSettings.load(config: path) }
        do { _ = try BatchSettings.load(config: path) } catch let e as BatchSettingsError { #expect(e.message.ru.contains(expected), "\(e.message.ru)") }
    }

    @Test func contradictionsAreRefusedBeforeTheRun() {
        var s = BatchSettings()
        s.inbox = "/srv/in"; s.outbox = "/srv/out"; s.archive = "/srv/arch"; s.store = "/srv/s.sqlite"
        #expect(throws: Never.self) { try s.check() }
        var t = s; t.consolidate = ["/srv/city.xlsx"]
        #expect(throws: BatchSettingsError.self) { try t.check() }          // a consolidation needs a period
        t.period = "2024/2025"; t.consolidate = ["/srv/city.pdf"]
        #expect(throws: BatchSettingsError.self) { try t.check() }
        var u = s; u.outbox = "/srv/in/"
        #expect(throws: BatchSettingsError.self) { try u.check() }          // the inbox cannot be the outbox
        var v = s; v.archive = ""
        #expect(throws: BatchSettingsError.self) { try v.check() }
        var w = s; w.archive = "/srv/in/archive"
        #expect(throws: BatchSettingsError.self) { try w.check() }          // the archive inside the inbox would be taken again
        var x = s; x.store = "/srv/in/svod.sqlite"
        #expect(throws: BatchSettingsError.self) { try x.check() }          // so would the store
        var y = s; y.inbox = "/srv/out/in"
        #expect(throws: BatchSettingsError.self) { try y.check() }
    }
}
