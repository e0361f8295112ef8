import Foundation
import SvodTestSupport
import Testing

/// The form catalogue is found wherever svod is installed or run from: `--schemas`, then
/// `$SVOD_SCHEMAS`, then beside the executable (an install prefix's share/svod/Schemas, or a
/// development build's checkout), then ./Schemas; none is one line and exit 2.
@Suite struct SchemaLookupTests {
    let sample = TestPaths.packageRoot.appendingPathComponent("Samples/vpr-2019-2020-mbou-co-9.ods").path

    /// Runs `executable` in `directory` with `SVOD_SCHEMAS` removed from the environment (or set).
    func run(_ executable: String, _ args: [String], in directory: URL, schemasVariable: String? = nil) throws -> ProcessResult {
        var envArgs = ["-u", "SVOD_SCHEMAS"]
        if let schemasVariable { envArgs.append("SVOD_SCHEMAS=\(schemasVariable)") }
        return try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                              envArgs + ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path, executable] + args)
    }

    /// `install.sh --prefix` with the binary under test, into a fresh folder.
    func install(into prefix: URL) throws {
        let script = TestPaths.packageRoot.appendingPathComponent("install.sh").path
        let r = try runProcess(URL(fileURLWithPath: "/bin/bash"), [script, "--prefix", prefix.path, "--binary", TestPaths.svodBinary.path])
        try #require(r.status == 0, "\(r.stderr)")
    }

    @Test func anInstalledSvodFindsItsSchemasFromAnyFolder() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let prefix = dir.appendingPathComponent("prefix")
        try install(into: prefix)
        let svod = prefix.appendingPathComponent("bin/svod").path
        #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share/svod/Schemas/forms/vpr.yaml").path))
        let elsewhere = dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sample, toPath: elsewhere.appendingPathComponent("vpr.ods").path)

        let list = try run(svod, ["schemas", "list"], in: elsewhere)
        #expect(list.status == 0 && list.stdoutText.contains("vpr\tv"), "\(list.stdoutText)\(list.stderr)")
        let check = try run(svod, ["schemas", "check"], in: elsewhere)
        #expect(check.status == 0 && !check.stdoutText.hasPrefix("форм: 0") && check.stdoutText.contains("ошибок: 0"), "\(check.stdoutText)")
        let validate = try run(svod, ["validate", "vpr.ods"], in: elsewhere)
        #expect(validate.status == 0 && validate.stdoutText.contains("(vpr, версия"), "\(validate.stdoutText)\(validate.stderr)")
        let form = try run(svod, ["validate", "--form", "vpr", "vpr.ods"], in: elsewhere)
        #expect(form.status == 0 && form.stdoutText.contains("ошибок нет"), "\(form.stdoutText)\(form.stderr)")
        let school = try run(svod, ["template", "--form", "vpr", "--school", "co9", "-o", "t.xlsx"], in: elsewhere)
        #expect(school.status == 0, "\(school.stderr)")

        // Without the catalogue beside it, and none in the folder: one line, exit 2, for every command that needs one.
        try FileManager.default.removeItem(at: prefix.appendingPathComponent("share"))
        for args in [["schemas", "list"], ["schemas", "check"], ["schemas", "show", "vpr"], ["validate", "vpr.ods"],
                     ["validate", "--form", "vpr", "vpr.ods"], ["template", "--all", "-o", "out"]] {
            let r = try run(svod, args, in: elsewhere)
            #expect(r.status == 2, "\(args): \(r.status)")
            #expect(r.stderr.hasPrefix("svod: ошибка: не найдена папка схем") && r.stderr.hasSuffix("; укажите --schemas или SVOD_SCHEMAS\n")
                    && r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(args): \(r.stdoutText)")
        }
        let en = try run(svod, ["schemas", "list", "--lang", "en"], in: elsewhere)
        #expect(en.status == 2 && en.stderr.hasPrefix("svod: error: no schema folder found"), "\(en.stderr)")
        // ./Schemas is the last place looked at.
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Schemas"),
                                         to: elsewhere.appendingPathComponent("Schemas"))
        #expect(try run(svod, ["schemas", "list"], in: elsewhere).stdoutText.contains("vpr\tv"))
    }

    @Test func aDevelopmentBuildFindsItsCheckoutsSchemas() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let list = try run(TestPaths.svodBinary.path, ["schemas", "list"], in: dir)
        #expect(list.status == 0 && list.stdoutText.contains("vpr\tv"), "\(list.stderr)")
        let form = try run(TestPaths.svodBinary.path, ["validate", "--form", "vpr", sample], in: dir)
        #expect(form.status == 0, "\(form.stderr)")
    }

    @Test func explicitSettingsWinAndMustExist() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = dir.appendingPathComponent("demo")
        try FileManager.default.createDirectory(at: demo.appendingPathComponent("forms"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/templates/demo.yaml"),
                                         to: demo.appendingPathComponent("forms/demo.yaml"))
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Schemas/reference"),
                                         to: demo.appendingPathComponent("reference"))
        let svod = TestPaths.svodBinary.path
        let variable = try run(svod, ["schemas", "list"], in: dir, schemasVariable: demo.path)
        #expect(variable.status == 0 && variable.stdoutText.hasPrefix("demo\t") && !variable.stdoutText.contains("vpr"),
                "\(variable.stdoutText)\(variable.stderr)")
        let option = try run(svod, ["schemas", "list", "--schemas", TestPaths.packageRoot.appendingPathComponent("Schemas").path],
                             in: dir, schemasVariable: demo.path)
        #expect(option.stdoutText.contains("vpr\tv"), "--schemas beats SVOD_SCHEMAS")

        let missing = try run(svod, ["schemas", "list", "--schemas", "/nonexistent"], in: dir)
        #expect(missing.status == 2 && missing.stderr == "svod: ошибка: не найдена папка схем «/nonexistent» (--schemas); укажите --schemas или SVOD_SCHEMAS\n",
                "\(missing.stderr)")
        let variableMissing = try run(svod, ["validate", sample], in: dir, schemasVariable: "/nonexistent")
        #expect(variableMissing.status == 2 && variableMissing.stderr.contains("«/nonexistent» (SVOD_SCHEMAS)"), "\(variableMissing.stderr)")
        let empty = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let noForms = try run(svod, ["schemas", "check", empty.path], in: dir)
        #expect(noForms.status == 2 && noForms.stderr.contains("нет форм"), "\(noForms.stderr)")
        let checkMissing = try run(svod, ["schemas", "check", "/nonexistent"], in: dir)
        #expect(checkMissing.status == 2 && checkMissing.stderr.contains("не найдена папка схем «/nonexistent»"), "\(checkMissing.stderr)")
        let lookup = try run(svod, ["validate", "--form", "vpr", "--schemas", demo.path, sample], in: dir)
        #expect(lookup.status == 2 && lookup.stderr.contains("нет формы «vpr»; есть: demo"), "\(lookup.stderr)")
    }
}
