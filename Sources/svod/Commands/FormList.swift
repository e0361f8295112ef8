import SvodSchema

/// `--form a,b`: the forms a command is narrowed to, read and checked against the catalogue once.
enum FormList {
    /// The ids given (comma-separated), or none.
    static func parse(_ call: ParsedCall) -> [String] {
        call.value("form").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
    }

    /// Refuses an id the catalogue does not have, naming the ones it does.
    static func check(_ ids: [String], in catalog: SchemaCatalog) throws {
        for id in ids where catalog.form(id) == nil {
            throw UsageError(ru: "--form: нет формы «\(id)»; есть: \(catalog.forms.map(\.id).joined(separator: ", "))",
                             en: "--form: there is no form '\(id)'; known: \(catalog.forms.map(\.id).joined(separator: ", "))")
        }
    }
}
