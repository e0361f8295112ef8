import SvodLocale

/// A command's help, entirely in one language: its summary, usage, discussion, arguments,
/// options (with their defaults) and subcommands, wrapped to 80 columns.
enum HelpText {
    static let width = 80

    static func render(_ spec: CommandSpec, path: [String], language: Language, version: String) -> String {
        let ru = language == .ru
        let command = path.joined(separator: " ")
        var out = ""
        let title = path.count == 1 ? "\(command) \(version)" : command
        out += wrap("\(title) — \(lowercasedFirst(spec.summary(language)))", indent: 0) + "\n\n"
        out += (ru ? "Использование: " : "Usage: ") + CommandLineParser.usage(spec, path: path, language: language) + "\n"
        if path.count == 1 {
            out += (ru ? "               svod help КОМАНДА" : "       svod help COMMAND") + "\n"
        }
        if let discussion = spec.discussion {
            for paragraph in discussion(language).components(separatedBy: "\n") {
                out += "\n" + wrap(paragraph, indent: 0) + "\n"
            }
        }
        if !spec.subcommands.isEmpty {
            out += "\n" + (ru ? "Команды:" : "Commands:") + "\n"
            var rows = spec.subcommands.map { ($0.name, $0.summary(language)) }
            if path.count == 1 {
                rows.append(("help", ru ? "Справка по команде: svod help КОМАНДА." : "Help on a command: svod help COMMAND."))
            }
            out += table(rows)
        }
        if !spec.arguments.isEmpty {
            out += "\n" + (ru ? "Аргументы:" : "Arguments:") + "\n"
            out += table(spec.arguments.map { ($0.usage(language), $0.help(language)) })
        }
        out += "\n" + (ru ? "Параметры:" : "Options:") + "\n"
        var rows: [(String, String)] = (spec.options + CommandSpec.global).map { option in
            var help = option.help(language)
            if let value = option.defaultValue {
                help += ru ? " По умолчанию: \(value)." : " Default: \(value)."
            }
            if option.required { help += ru ? " Обязателен." : " Required." }
            return (option.usage(language), help)
        }
        if path.count == 1 { rows.append(("--version", ru ? "Показать версию svod." : "Show svod's version.")) }
        rows.append(("-h, --help", ru ? "Показать эту справку." : "Show this help."))
        out += table(rows)
        if !spec.subcommands.isEmpty {
            out += "\n" + (ru ? "Подробнее о команде: \(command) КОМАНДА --help." : "More on a command: \(command) COMMAND --help.") + "\n"
        }
        return out
    }

    /// «Проверить заполненные формы» as it reads after a dash; «XLSX…» stays as it is.
    private static func lowercasedFirst(_ text: String) -> String {
        let letters = Array(text.prefix(2))
        guard letters.count == 2, letters[1].isLowercase else { return text }
        return letters[0].lowercased() + text.dropFirst()
    }

    /// Two columns: names on the left, their text wrapped beside them.
    private static func table(_ rows: [(String, String)]) -> String {
        let column = min(max(rows.map { $0.0.count }.max() ?? 0, 8) + 4, 30)
        var out = ""
        for (name, text) in rows {
            let left = "  " + name
            if left.count + 2 <= column {
                let padded = left + String(repeating: " ", count: column - left.count)
                out += padded + String(wrap(text, indent: column).dropFirst(column)) + "\n"
            } else {
                out += left + "\n" + wrap(text, indent: column) + "\n"
            }
        }
        return out
    }

    /// Words filled to the width, every line indented by `indent` spaces.
    static func wrap(_ text: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty && indent + line.count + 1 + word.count > width {
                lines.append(pad + line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        lines.append(pad + line)
        return lines.joined(separator: "\n")
    }
}
