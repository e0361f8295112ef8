import SvodSchema

/// The list item a school most likely meant when it typed something not in the list
/// («Школа № 10» → «МБОУ ЦО № 10», «Матемтика» → «Математика»), by the catalogue's one
/// suggester (`NameSuggester`); a school by the registry's own lookup, which knows the kinds' words.
struct ListSuggestion {
    private let suggest: (String) -> String?

    /// Suggestions from one list; the registry's when it is `organisations`.
    init(_ list: CodeList, catalog: SchemaCatalog) {
        if list.id == "organisations" {
            suggest = { typed in catalog.organisations(near: typed, limit: 1).first.map { $0.short.first ?? $0.name } }
        } else {
            let suggester = NameSuggester(names: list.items.map { [$0.name, $0.code] + $0.aliases })
            suggest = { typed in suggester.suggestions(for: typed, limit: 1).first.map { list.items[$0].name } }
        }
    }

    /// The nearest item's name, or nil when none is close enough to be worth saying.
    func nearest(_ typed: String) -> String? { suggest(typed) }
}
