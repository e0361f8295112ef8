import Foundation
import SvodLocale
import Yams

/// What a batch run works on and how: the folders, the store, the outputs asked for and the
/// limits. Read from a YAML config (`svod batch --config FILE`); every setting may also be given
/// as a flag, which wins over the file.
public struct BatchSettings: Equatable, Sendable {
    /// Where files arrive.
    public var inbox = ""
    /// Where each school's answers are written (`<outbox>/<school>/`).
    public var outbox = ""
    /// Where originals go once handled: `accepted/YYYY-MM-DD/`, `rejected/YYYY-MM-DD/`.
    public var archive = ""
    /// The store (SQLite file) accepted files are imported into.
    public var store = ""
    /// The form catalogue; nil: the one svod finds by itself.
    public var schemas: String?
    /// The period being collected; a file of another period is refused. Nil: any.
    public var period: String?
    /// Consolidated workbooks (.xlsx, .ods, .json) refreshed when something new was accepted; they need `period`.
    public var consolidate: [String] = []
    /// Every accepted file also kept in this format in the outbox (`ods` or `xlsx`); nil: none.
    public var convert: String?
    /// Seconds a file must have been left unchanged before it is taken (it may still be being written).
    public var settle: Double = 60
    /// At most this many files per run; nil: all.
    public var maxFiles: Int?
    /// Seconds after which no new file is started; nil: no limit.
    public var timeBudget: Double?
    /// Where the JSON log lines go: a file, or nil for standard error.
    public var log: String?

    /// Empty settings, to be filled from a config and flags.
    public init() {}

    /// The keys a config may hold, as written in it.
    static let keys: Set<String> = ["inbox", "outbox", "archive", "store", "schemas", "period", "consolidate", "convert",
                                    "settle", "max-files", "time-budget", "log"]

    /// Reads a YAML config; relative paths in it are relative to the config's folder.
    public static func load(config path: String) throws -> BatchSettings {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BatchSettingsError(.init(ru: "конфигурация «\(path)» не прочитана", en: "the config '\(path)' could not be read"))
        }
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch {
            throw BatchSettingsError(.init(ru: "конфигурация «\(path)»: не YAML (\(error))", en: "the config '\(path)' is not YAML (\(error))"))
        }
        guard let map = node as? [String: Any] else {
            throw BatchSettingsError(.init(ru: "конфигурация «\(path)»: ожидается словарь «ключ: значение»", en: "the config '\(path)': a mapping of keys to values is expected"))
        }
        var s = BatchSettings()
        let base = (path as NSString).deletingLastPathComponent
        func resolved(_ p: String) -> String { p.hasPrefix("/") || base.isEmpty ? p : (base as NSString).appendingPathComponent(p) }
        for (key, value) in map.sorted(by: { $0.key < $1.key }) {
            guard keys.contains(key) else {
                throw BatchSettingsError(.init(ru: "конфигурация «\(path)»: неизвестный ключ «\(key)»; есть: \(keys.sorted().joined(separator: ", "))",
                                               en: "the config '\(path)': unknown key '\(key)'; known: \(keys.sorted().joined(separator: ", "))"))
            }
            try s.set(key, value, from: path, resolve: resolved)
        }
        return s
    }

    private mutating func set(_ key: String, _ value: Any, from path: String, resolve: (String) -> String) throws {
        func text() throws -> String {
            if let t = value as? String { return t }
            if let n = value as? Int { return String(n) }
            if let d = value as? Double { return String(d) }
            throw BatchSettingsError(.init(ru: "конфигурация «\(path)»: «\(key)» — ожидается строка", en: "the config '\(path)': '\(key)' must be a string"))
        }
        func number() throws -> Double {
            if let n = value as? Int { return Double(n) }
            if let d = value as? Double { return d }
            throw BatchSettingsError(.init(ru: "конфигурация «\(path)»: «\(key)» — ожидается число", en: "the config '\(path)': '\(key)' must be a number"))
        }
        switch key {
        case "inbox": inbox = resolve(try text())
        case "outbox": outbox = resolve(try text())
        case "archive": archive = resolve(try text())
        case "store": store = resolve(try text())
        case "schemas": schemas = resolve(try text())
        case "period": period = try text()
        case "consolidate":
            if let list = value as? [Any] { consolidate = try list.map { v in
                guard let t = v as? String else { throw BatchSettingsError(.init(ru: "конфигурация «\(path)»: «consolidate» — список путей", en: "the config '\(path)': 'consolidate' is a list of paths")) }
                return resolve(t)
            } } else { consolidate = [resolve(try text())] }
        case "convert": convert = try text()
        case "settle": settle = try number()
        case "max-files": maxFiles = Int(try number())
        case "time-budget": timeBudget = try number()
        case "log": let t = try text(); log = t == "stderr" ? nil : resolve(t)
        default: break
        }
    }

    /// Refuses settings a run cannot start with: what is missing or contradictory, in one line.
    public func check() throws {
        for (name, value) in [("inbox", inbox), ("outbox", outbox), ("archive", archive), ("store", store)] where value.isEmpty {
            throw BatchSettingsError(.init(ru: "не указано «\(name)» (в конфигурации или --\(name))", en: "'\(name)' is not given (in the config or as --\(name))"))
        }
        if let convert, !["ods", "xlsx"].contains(convert) {
            throw BatchSettingsError(.init(ru: "convert: «\(convert)» — ожидается ods или xlsx", en: "convert: '\(convert)' — ods or xlsx expected"))
        }
        if !consolidate.isEmpty && period == nil {
            throw BatchSettingsError(.init(ru: "consolidate: свод пишется за период — укажите period", en: "consolidate: a consolidation is of a period — give period"))
        }
        for c in consolidate where !["xlsx", "ods", "json"].contains((c as NSString).pathExtension.lowercased()) {
            throw BatchSettingsError(.init(ru: "consolidate: «\(c)» — свод пишется в .xlsx, .ods или .json", en: "consolidate: '\(c)' — written to .xlsx, .ods or .json"))
        }
        if settle < 0 || (maxFiles ?? 1) < 1 || (timeBudget ?? 1) <= 0 {
            throw BatchSettingsError(.init(ru: "settle, max-files, time-budget — положительные числа", en: "settle, max-files, time-budget must be positive numbers"))
        }
        // Nothing svod writes may lie in the inbox (it would be taken as a school's file), nor the inbox in what svod writes.
        func full(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.path + "/" }
        let named = [("inbox", inbox), ("outbox", outbox), ("archive", archive)]
        for (a, x) in named {
            for (b, y) in named where a != b && full(y).hasPrefix(full(x)) {
                throw BatchSettingsError(.init(ru: "inbox, outbox и archive — три разные папки, ни одна не внутри другой (\(b) внутри \(a))",
                                               en: "inbox, outbox and archive must be three folders, none inside another (\(b) is inside \(a))"))
            }
        }
        let written = [("store", store), ("log", log ?? "")] + consolidate.map { ("consolidate", $0) }
        for (name, path) in written where !path.isEmpty && full(path).hasPrefix(full(inbox)) {
            throw BatchSettingsError(.init(ru: "\(name): «\(path)» лежит во входящих — его приняли бы за файл школы", en: "\(name): '\(path)' is inside the inbox — it would be taken for a school's file"))
        }
    }
}

/// A config or flag the run cannot start with.
public struct BatchSettingsError: LocalizedFailure {
    public let message: LocalizedText
    public var kind: FailureKind { .unreadable }
    init(_ message: LocalizedText) { self.message = message }
}
