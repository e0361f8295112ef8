import SvodLocale

/// What a command accepts, declared once: its help, its usage errors and its parsing all come
/// from this, in Russian or English (ArgumentParser's messages and headings are English only).
struct CommandSpec: Sendable {
    /// The word typed after its parent (`validate`, `list`); `svod` for the root.
    let name: String
    /// One line: what the command does (the command list and the help's first line).
    let summary: LocalizedText
    /// Paragraphs after the usage line in its help.
    var discussion: LocalizedText? = nil
    /// The usage after the command's path, when the generated one would not say enough
    /// (`(--form ID | --all) -o ФАЙЛ`).
    var usage: LocalizedText? = nil
    /// Positional arguments, in order.
    var arguments: [ArgumentSpec] = []
    /// Options and flags (every command also takes `--lang` and `-h`/`--help`).
    var options: [OptionSpec] = []
    /// Commands below this one (`schemas list`); a command has these or runs itself.
    var subcommands: [CommandSpec] = []
    /// Runs the command with what the parser read; nil for a command that only groups others.
    var run: (@Sendable (ParsedCall) throws -> Void)? = nil

    /// The option with this long name or short letter.
    func option(long: String) -> OptionSpec? { (options + CommandSpec.global).first { $0.name == long } }
    func option(short: Character) -> OptionSpec? { (options + CommandSpec.global).first { $0.short == short } }

    /// `--lang`, accepted by every command wherever it stands on the line.
    static let language = OptionSpec.choice("lang", Language.self, default: .ru,
                                            .init(ru: "Язык сообщений и справки.", en: "Language of messages and help."))
    /// Options every command takes.
    static let global: [OptionSpec] = [language]
}

/// A positional argument.
struct ArgumentSpec: Sendable {
    enum Count: Sendable { case one, optional, oneOrMore, zeroOrMore }
    /// The key the command reads it by.
    let key: String
    /// How it is shown in usage and help (`ФАЙЛ` / `FILE`).
    let placeholder: LocalizedText
    let count: Count
    let help: LocalizedText

    init(_ key: String, _ placeholder: LocalizedText, _ count: Count = .one, _ help: LocalizedText) {
        self.key = key
        self.placeholder = placeholder
        self.count = count
        self.help = help
    }

    /// `ФАЙЛ`, `[ПАПКА]`, `ФАЙЛ...`.
    func usage(_ language: Language) -> String {
        switch count {
        case .one: return placeholder(language)
        case .optional: return "[\(placeholder(language))]"
        case .oneOrMore: return placeholder(language) + "..."
        case .zeroOrMore: return "[\(placeholder(language))...]"
        }
    }
}

/// An option taking a value (`--format json`, `-o out.xlsx`, `--schemas=DIR`) or a flag (`--strict`).
struct OptionSpec: Sendable {
    /// The long name without dashes.
    let name: String
    /// The one-letter form, if any (`-o`).
    var short: Character? = nil
    /// The value's placeholder; nil for a flag.
    var placeholder: LocalizedText?
    /// The values accepted, if only some are; empty for any.
    var choices: [String] = []
    /// The value used when the option is not given.
    var defaultValue: String? = nil
    /// Whether the command cannot run without it.
    var required = false
    let help: LocalizedText

    var isFlag: Bool { placeholder == nil }

    /// `--long`, or `-s, --long`.
    var names: String { short.map { "-\($0), --\(name)" } ?? "--\(name)" }

    /// A flag: present or not.
    static func flag(_ name: String, _ help: LocalizedText) -> OptionSpec {
        OptionSpec(name: name, placeholder: nil, help: help)
    }

    /// An option with any value.
    static func value(_ name: String, short: Character? = nil, _ placeholder: LocalizedText, required: Bool = false,
                      _ help: LocalizedText) -> OptionSpec {
        OptionSpec(name: name, short: short, placeholder: placeholder, required: required, help: help)
    }

    /// An option whose value is one of an enumeration's raw values.
    static func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, default value: T? = nil,
                                                           _ help: LocalizedText) -> OptionSpec where T.RawValue == String {
        let choices = T.allCases.map(\.rawValue)
        let shown = choices.joined(separator: "|")
        return OptionSpec(name: name, placeholder: .init(ru: shown, en: shown), choices: choices,
                          defaultValue: value?.rawValue, help: help)
    }

    /// `--format text|json|html`, `--strict`.
    func usage(_ language: Language) -> String {
        guard let placeholder else { return names }
        return "\(names) \(placeholder(language))"
    }
}

/// What the parser read from the command line for one command.
struct ParsedCall: Sendable {
    /// The words naming the command: `["svod", "schemas", "list"]`.
    let path: [String]
    /// `--lang`, already applied to every message.
    let language: Language
    /// The command's declaration.
    let spec: CommandSpec
    /// Option values (the last one given wins), without defaults.
    var values: [String: String] = [:]
    /// Flags given.
    var flags: Set<String> = []
    /// Positional arguments by key.
    var arguments: [String: [String]] = [:]

    /// `svod schemas list`.
    var command: String { path.joined(separator: " ") }

    /// An option's value, or its default.
    func value(_ name: String) -> String? { values[name] ?? spec.option(long: name)?.defaultValue }

    /// An option's value read as an enumeration (its choices were checked by the parser).
    func choice<T: RawRepresentable>(_ name: String, _ type: T.Type) -> T? where T.RawValue == String {
        value(name).flatMap(T.init(rawValue:))
    }

    /// Whether a flag was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The single value of a positional argument.
    func argument(_ key: String) -> String? { arguments[key]?.first }

    /// Every value of a positional argument.
    func all(_ key: String) -> [String] { arguments[key] ?? [] }
}

/// A wrong call: one line on standard error, exit status 2.
struct UsageError: Error {
    let message: LocalizedText

    init(_ message: LocalizedText) { self.message = message }
    init(ru: String, en: String) { message = .init(ru: ru, en: en) }

    /// `--format: «pdf» — ожидается text, json или html`.
    static func badChoice(_ option: String, _ value: String, _ choices: [String]) -> UsageError {
        UsageError(ru: "\(option): «\(value)» — ожидается \(listing(choices, .ru))",
                   en: "\(option): '\(value)' — expected \(listing(choices, .en))")
    }

    /// «a, b или c» / "a, b or c".
    static func listing(_ items: [String], _ language: Language) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (language == .ru ? " или " : " or ") + items.last!
    }
}

/// Ends the command with this exit status (the message, if any, was already printed).
struct ExitCode: Error {
    let rawValue: Int32
    init(_ rawValue: Int32) { self.rawValue = rawValue }
}
