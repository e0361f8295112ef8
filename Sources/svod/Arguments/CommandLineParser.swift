import SvodLocale
import SvodSchema

/// Reads a command line against the declarations: the command path first (`schemas list`), then
/// options anywhere among the positional arguments (`--name value`, `--name=value`, `-o value`;
/// `--` ends options). Every mistake is one `UsageError` in the language `--lang` asks for,
/// wherever `--lang` stands, even when the mistake comes before it.
struct CommandLineParser {
    let root: CommandSpec

    /// What the command line asks for.
    enum Outcome {
        case run(CommandSpec, ParsedCall)
        case help(CommandSpec, path: [String], language: Language)
        case version(Language)
    }

    /// The language of the line: the last `--lang ru|en` before `--`; Russian otherwise (and
    /// for a value that is neither, which the parser then reports in Russian).
    static func language(of arguments: [String]) -> Language {
        var language = Language.ru
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a == "--lang", i + 1 < arguments.count {
                language = Language(rawValue: arguments[i + 1].lowercased()) ?? .ru
                i += 1
            } else if a.hasPrefix("--lang=") {
                language = Language(rawValue: String(a.dropFirst(7)).lowercased()) ?? .ru
            }
            i += 1
        }
        return language
    }

    func parse(_ arguments: [String]) throws -> Outcome {
        let language = Self.language(of: arguments)
        var spec = root
        var path = [root.name]
        var rest = arguments[...]
        var wantsHelp = false

        // The command path: words naming subcommands, with --lang, --help and --version allowed among them.
        while !spec.subcommands.isEmpty {
            guard let word = rest.first else {
                return .help(spec, path: path, language: language)
            }
            if word == "-h" || word == "--help" {
                wantsHelp = true
                rest = rest.dropFirst()
                continue
            }
            if word == "--version" { return .version(language) }
            if word == "--lang" || word.hasPrefix("--lang=") {
                guard let value = word == "--lang" ? rest.dropFirst().first : String(word.dropFirst(7)) else {
                    throw missingValue("--lang", CommandSpec.language)
                }
                _ = try checked(value, for: CommandSpec.language, written: "--lang")
                rest = rest.dropFirst(word == "--lang" ? 2 : 1)
                continue
            }
            if word.hasPrefix("-") && word != "-" {
                throw unknownOption(word, path: path, language)
            }
            rest = rest.dropFirst()
            if word == "help" && path.count == 1 {
                // `svod help`, `svod help validate`, `svod help schemas list`.
                var target = root
                var targetPath = path
                var words = Array(rest)
                if let lang = words.firstIndex(of: "--lang") { words.removeSubrange(lang..<min(lang + 2, words.count)) }
                for name in words where !name.hasPrefix("-") {
                    if target.subcommands.isEmpty { break }
                    guard let sub = target.subcommands.first(where: { $0.name == name }) else {
                        throw unknownCommand(name, in: target, path: targetPath)
                    }
                    target = sub
                    targetPath.append(name)
                }
                return .help(target, path: targetPath, language: language)
            }
            guard let sub = spec.subcommands.first(where: { $0.name == word }) else {
                throw unknownCommand(word, in: spec, path: path)
            }
            spec = sub
            path.append(word)
        }
        if wantsHelp { return .help(spec, path: path, language: language) }

        var call = ParsedCall(path: path, language: language, spec: spec)
        var positional: [String] = []
        var onlyPositional = false
        let tokens = Array(rest)
        // Help wins over any other mistake on the line: `svod validate --bogus --help` helps.
        let beforeEnd = tokens.prefix { $0 != "--" }
        if beforeEnd.contains("-h") || beforeEnd.contains("--help") { return .help(spec, path: path, language: language) }
        if beforeEnd.contains("--version") { return .version(language) }
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            i += 1
            if onlyPositional || token == "-" || !token.hasPrefix("-") {
                positional.append(token)
                continue
            }
            if token == "--" {
                onlyPositional = true
                continue
            }
            var inline: String?
            let option: OptionSpec
            let written: String
            if token.hasPrefix("--") {
                var name = String(token.dropFirst(2))
                if let eq = name.firstIndex(of: "=") {
                    inline = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                written = "--\(name)"
                guard let o = spec.option(long: name) else { throw unknownOption(written, path: path, language, in: spec) }
                option = o
            } else {
                let letters = Array(token.dropFirst())
                written = "-\(letters[0])"
                guard let o = spec.option(short: letters[0]) else { throw unknownOption(token, path: path, language, in: spec) }
                if letters.count > 1 {
                    guard !o.isFlag else { throw unknownOption(token, path: path, language, in: spec) }
                    inline = String(letters.dropFirst()).hasPrefix("=") ? String(letters.dropFirst(2)) : String(letters.dropFirst())
                }
                option = o
            }
            if option.isFlag {
                if inline != nil {
                    throw UsageError(ru: "\(written): этот параметр пишется без значения", en: "\(written) takes no value")
                }
                call.flags.insert(option.name)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else if i < tokens.count, !tokens[i].hasPrefix("--") {
                value = tokens[i]
                i += 1
            } else {
                throw missingValue(written, option)
            }
            call.values[option.name] = try checked(value, for: option, written: written)
        }

        // Positional arguments in declaration order: the required ones first take theirs, an
        // optional or variadic one what is left.
        var queue = positional[...]
        for (n, argument) in spec.arguments.enumerated() {
            let laterRequired = spec.arguments[(n + 1)...].filter { $0.count == .one || $0.count == .oneOrMore }.count
            switch argument.count {
            case .one:
                guard let v = queue.popFirst() else { throw missingArgument(argument, spec: spec, path: path) }
                call.arguments[argument.key] = [v]
            case .optional:
                if queue.count > laterRequired, let v = queue.popFirst() { call.arguments[argument.key] = [v] }
            case .oneOrMore:
                let take = queue.count - laterRequired
                guard take > 0 else { throw missingArgument(argument, spec: spec, path: path) }
                call.arguments[argument.key] = Array(queue.prefix(take))
                queue = queue.dropFirst(take)
            case .zeroOrMore:
                let take = max(queue.count - laterRequired, 0)
                call.arguments[argument.key] = Array(queue.prefix(take))
                queue = queue.dropFirst(take)
            }
        }
        if let extra = queue.first {
            let usage = Self.usage(spec, path: path, language: .ru)
            let usageEn = Self.usage(spec, path: path, language: .en)
            throw UsageError(ru: "лишний аргумент «\(extra)»; использование: \(usage)",
                             en: "unexpected argument '\(extra)'; usage: \(usageEn)")
        }
        for option in spec.options where option.required && call.values[option.name] == nil {
            let command = path.joined(separator: " ")
            throw UsageError(ru: "не указан параметр \(option.usage(.ru)); см. \(command) --help",
                             en: "missing option \(option.usage(.en)); see \(command) --help")
        }
        return .run(spec, call)
    }

    /// A value checked against the option's choices (case aside: `--format JSON` is json).
    private func checked(_ value: String, for option: OptionSpec, written: String) throws -> String {
        guard !option.choices.isEmpty else { return value }
        if option.choices.contains(value) { return value }
        if let match = option.choices.first(where: { $0.lowercased() == value.lowercased() }) { return match }
        throw UsageError.badChoice(written, value, option.choices)
    }

    private func missingValue(_ written: String, _ option: OptionSpec) -> UsageError {
        if !option.choices.isEmpty {
            return UsageError(ru: "\(written): не указано значение — ожидается \(UsageError.listing(option.choices, .ru))",
                              en: "\(written): missing value — expected \(UsageError.listing(option.choices, .en))")
        }
        return UsageError(ru: "\(written): не указано значение (\(option.placeholder?.ru ?? ""))",
                          en: "\(written): missing value (\(option.placeholder?.en ?? ""))")
    }

    private func unknownOption(_ written: String, path: [String], _ language: Language, in spec: CommandSpec? = nil) -> UsageError {
        let command = path.joined(separator: " ")
        let hint = guess(written.drop { $0 == "-" }.split(separator: "=").first.map(String.init) ?? "",
                         among: ((spec?.options ?? []) + CommandSpec.global).map(\.name)).map { "--" + $0 }
        return UsageError(ru: "неизвестный параметр «\(written)» для \(command)\(hint.map { " (может быть, \($0)?)" } ?? ""); см. \(command) --help",
                          en: "unknown option '\(written)' for \(command)\(hint.map { " (did you mean \($0)?)" } ?? ""); see \(command) --help")
    }

    /// The one name nearest to a mistyped one, if one is near.
    private func guess(_ typed: String, among names: [String]) -> String? {
        guard typed.count >= 3 else { return nil }
        return NameSuggester.suggestions(for: typed.replacingOccurrences(of: "-", with: " "),
                                         among: names.map { $0.replacingOccurrences(of: "-", with: " ") }, limit: 1)
            .first.map { $0.replacingOccurrences(of: " ", with: "-") }
    }

    private func unknownCommand(_ word: String, in spec: CommandSpec, path: [String]) -> UsageError {
        let command = path.joined(separator: " ")
        let names = spec.subcommands.map(\.name)
        let known = names.joined(separator: ", ")
        let hint = guess(word, among: names)
        let ru = hint.map { " (может быть, \($0)?)" } ?? "", en = hint.map { " (did you mean \($0)?)" } ?? ""
        if path.count == 1 {
            return UsageError(ru: "неизвестная команда «\(word)»\(ru); команды: \(known); см. svod --help",
                              en: "unknown command '\(word)'\(en); commands: \(known); see svod --help")
        }
        return UsageError(ru: "неизвестная команда «\(word)» для \(command)\(ru); команды: \(known); см. \(command) --help",
                          en: "unknown command '\(word)' for \(command)\(en); commands: \(known); see \(command) --help")
    }

    private func missingArgument(_ argument: ArgumentSpec, spec: CommandSpec, path: [String]) -> UsageError {
        let command = path.joined(separator: " ")
        return UsageError(
            ru: "не указан \(argument.placeholder.ru); использование: \(Self.usage(spec, path: path, language: .ru)); см. \(command) --help",
            en: "missing \(argument.placeholder.en); usage: \(Self.usage(spec, path: path, language: .en)); see \(command) --help")
    }

    /// `svod validate ФАЙЛ|ПАПКА... [параметры]`.
    static func usage(_ spec: CommandSpec, path: [String], language: Language) -> String {
        let command = path.joined(separator: " ")
        if !spec.subcommands.isEmpty {
            return "\(command) \(language == .ru ? "КОМАНДА" : "COMMAND") [\(language == .ru ? "параметры" : "options")]"
        }
        if let usage = spec.usage { return "\(command) \(usage(language))" }
        let arguments = spec.arguments.map { $0.usage(language) }
        let required = spec.options.filter(\.required).map { $0.usage(language) }
        return ([command] + arguments + required + ["[\(language == .ru ? "параметры" : "options")]"]).joined(separator: " ")
    }
}
