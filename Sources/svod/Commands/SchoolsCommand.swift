import Foundation
import SvodLocale
import SvodSchema

/// `svod schools`: the registry of organisations — what `--school` and the title sheet accept.
struct SchoolsCommand: Command {
    static let spec = CommandSpec(
        name: "schools",
        summary: .init(ru: "Реестр организаций: код, краткое и полное название, вид.",
                       en: "The registry of organisations: code, short and full name, kind."),
        discussion: .init(
            ru: "Школу в svod template --school и на листе «Титул» можно указать кодом, кратким или полным названием "
                + "(регистр, «№» с пробелом или без, ё/е и кавычки не важны). Вывод text — по строке на организацию, "
                + "через табуляцию; json — массив объектов code, short, name, kind.",
            en: "A school is given to svod template --school and on the sheet «Титул» by its code, short or full name "
                + "(case, «№» with or without a space, ё/е and quotes aside). The text output is one line per organisation, "
                + "tab-separated; json is an array of objects code, short, name, kind."),
        options: [
            .value("kind", .init(ru: "ВИД", en: "KIND"),
                   .init(ru: "Только организации этого вида (general-school, kindergarten…).", en: "Only organisations of this kind (general-school, kindergarten…).")),
            .choice("format", ShowFormat.self, default: .text, .init(ru: "Формат вывода.", en: "Output format.")),
            SchemasCommand.option,
        ],
        run: perform)

    let kind: String?
    let format: ShowFormat
    let location: SchemasCommand.Location
    let common: CommonOptions

    init(_ call: ParsedCall) throws {
        kind = call.value("kind")
        format = call.choice("format", ShowFormat.self)!
        location = try SchemasCommand.Location(call)
        common = CommonOptions(call)
    }

    func run() throws {
        let catalog = try SchemasCommand.load(location.directory, common.lang)
        var organisations = catalog.organisations
        if let kind {
            organisations = organisations.filter { $0.kind == kind }
            if organisations.isEmpty {
                let kinds = Array(Set(catalog.organisations.map(\.kind))).sorted().joined(separator: ", ")
                throw UsageError(ru: "--kind: нет организаций вида «\(kind)»; виды: \(kinds)",
                                 en: "--kind: no organisations of kind '\(kind)'; kinds: \(kinds)")
            }
        }
        let out = OutputBuffer()
        switch format {
        case .text:
            for o in organisations {
                out.write([o.code, o.short.first ?? "", o.name, o.kind].map(Self.field).joined(separator: "\t") + "\n")
            }
        case .json:
            let items = organisations.map { o in
                "{\"code\": \(CellText.quoted(o.code)), \"short\": \(o.short.first.map(CellText.quoted) ?? "null"), "
                    + "\"name\": \(CellText.quoted(o.name)), \"kind\": \(CellText.quoted(o.kind))}"
            }
            out.write("[" + items.joined(separator: ",\n ") + "]\n")
        }
        out.flush()
    }

    /// A field of the tab-separated listing, kept on one line.
    private static func field(_ s: String) -> String {
        s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// The organisation a person named (code, short or full name), or `UnknownSchool` with the nearest ones.
    static func find(_ text: String, in catalog: SchemaCatalog) throws -> Organisation {
        if let o = catalog.organisation(matching: text) { return o }
        throw UnknownSchool(text: text, near: catalog.organisations(near: text))
    }
}

/// No organisation of the registry goes by the name given.
struct UnknownSchool: LocalizedFailure {
    let text: String
    let near: [Organisation]
    var kind: FailureKind { .unreadable }
    var message: LocalizedText {
        let ru = "нет организации «\(text)» в реестре (код, краткое или полное название; список — svod schools)"
        let en = "there is no organisation '\(text)' in the registry (a code, short or full name; see svod schools)"
        guard !near.isEmpty else { return .init(ru: ru, en: en) }
        let names = near.map { o in
            let shown = o.short.first ?? o.name
            return (ru: "\(guillemets(shown)) (\(o.code))", en: "\(shown.contains("«") ? shown : "'\(shown)'") (\(o.code))")
        }
        return .init(ru: ru + "; может быть, " + UsageError.listing(names.map(\.ru), .ru) + "?",
                     en: en + "; did you mean " + UsageError.listing(names.map(\.en), .en) + "?")
    }
}
