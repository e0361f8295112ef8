extension SchemaCatalog {
    /// The spellings an organisation is known by: its code, its short names, its full name.
    static func spellings(_ o: Organisation) -> [String] { [o.code] + o.short + [o.name] }

    /// The organisation `text` names — its code, one of its short names or its full name,
    /// compared as `NameSuggester.normalized` does (case, ё/е, quotes, «№» spacing aside).
    public func organisation(matching text: String) -> Organisation? {
        NameSuggester(names: organisations.map(SchemaCatalog.spellings)).match(text).map { organisations[$0] }
    }

    /// The organisations nearest to `text`, best first («Школа № 10» → МБОУ ЦО № 10, not the
    /// kindergarten № 10: a kind's everyday words count for its organisations).
    public func organisations(near text: String, limit: Int = 3) -> [Organisation] {
        let suggester = NameSuggester(names: organisations.map(SchemaCatalog.spellings),
                                      keywords: organisations.map { SchemaCatalog.kindWords[$0.kind] ?? [] })
        return suggester.suggestions(for: text, limit: limit).map { organisations[$0] }
    }

    /// Words people use for an organisation of a kind without them being in its names.
    static let kindWords: [String: [String]] = [
        "general-school": ["школа", "сош", "оош", "средняя", "общеобразовательная"],
        "primary-school": ["школа", "начальная", "нош"],
        "kindergarten": ["детский", "сад", "садик", "доу"],
        "additional-education": ["дополнительное", "до"],
    ]
}
