import Foundation
import SvodLocale

/// Where the form catalogue is, wherever svod is installed or run from.
///
/// In order: `--schemas DIR`; else `$SVOD_SCHEMAS`; else beside the executable — an install
/// prefix's `<prefix>/share/svod/Schemas` for `<prefix>/bin/svod`, or, for a development build
/// (`.build/<config>/svod`), the `Schemas/` of the checkout found by walking up from the
/// executable's real path; else `./Schemas`. What is named explicitly must be a catalogue; a
/// built-in place without forms is passed over.
enum SchemaLocation {
    /// The catalogue folder, or `SchemaFolderNotFound`.
    static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let explicit {
            guard hasForms(explicit) else { throw SchemaFolderNotFound(path: explicit, exists: exists(explicit), source: "--schemas") }
            return explicit
        }
        if let env = environment["SVOD_SCHEMAS"], !env.isEmpty {
            guard hasForms(env) else { throw SchemaFolderNotFound(path: env, exists: exists(env), source: "SVOD_SCHEMAS") }
            return env
        }
        let candidates = builtIn() + [(FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("Schemas")]
        if let found = candidates.first(where: hasForms) { return found }
        throw SchemaFolderNotFound(searched: candidates)
    }

    /// Places beside the executable, in the order they are tried.
    static func builtIn() -> [String] {
        guard let executable = executablePath() else { return [] }
        let bin = URL(fileURLWithPath: executable).deletingLastPathComponent()
        var places = [bin.deletingLastPathComponent().appendingPathComponent("share/svod/Schemas").standardizedFileURL.path]
        // A development build: the checkout holding Package.swift above `.build/<triple>/<config>/svod`.
        var dir = bin
        for _ in 0..<8 {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                places.append(dir.appendingPathComponent("Schemas").path)
                break
            }
            let up = dir.deletingLastPathComponent()
            if up.path == dir.path { break }
            dir = up
        }
        return places
    }

    /// The running executable's path with every symbolic link resolved.
    static func executablePath() -> String? {
        #if os(Linux)
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: target).resolvingSymlinksInPath().path
        }
        #endif
        guard let path = Bundle.main.executablePath ?? CommandLine.arguments.first.flatMap({ $0.contains("/") ? $0 : nil }) else {
            return nil
        }
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// A catalogue has form files: `forms/*.yaml`, or `*.yaml` in a folder without `forms/` (as `SchemaCatalog` reads it).
    static func hasForms(_ directory: String) -> Bool {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
        let forms = (directory as NSString).appendingPathComponent("forms")
        let dir = fm.fileExists(atPath: forms) ? forms : directory
        return ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).contains { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
    }

    private static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}

/// No catalogue where one was named, or none anywhere svod looks.
struct SchemaFolderNotFound: LocalizedFailure {
    var path: String?
    var exists = false
    var source: String?
    var searched: [String] = []

    init(path: String, exists: Bool, source: String?) {
        self.path = path
        self.exists = exists
        self.source = source
    }

    init(searched: [String]) { self.searched = searched }

    var kind: FailureKind { .unreadable }

    var message: LocalizedText {
        let hint = (ru: "укажите --schemas или SVOD_SCHEMAS", en: "give --schemas or SVOD_SCHEMAS")
        guard let path else {
            let places = searched.map { "«\($0)»" }.joined(separator: ", ")
            let placesEn = searched.map { "'\($0)'" }.joined(separator: ", ")
            return .init(ru: "не найдена папка схем (искали: \(places)); \(hint.ru)",
                         en: "no schema folder found (looked in \(placesEn)); \(hint.en)")
        }
        let from = source.map { " (\($0))" } ?? ""
        if exists {
            return .init(ru: "не найдена папка схем «\(path)»\(from): в ней нет форм (forms/*.yaml); \(hint.ru)",
                         en: "'\(path)'\(from) is not a schema folder: it holds no forms (forms/*.yaml); \(hint.en)")
        }
        return .init(ru: "не найдена папка схем «\(path)»\(from); \(hint.ru)",
                     en: "schema folder '\(path)'\(from) not found; \(hint.en)")
    }
}
