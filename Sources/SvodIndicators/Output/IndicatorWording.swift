import Foundation
import SvodSchema

/// How indicator outputs name schools, rows and numbers for people.
struct IndicatorWording {
    let catalog: SchemaCatalog

    /// The school's short name from the registry, or its code.
    func school(_ code: String) -> String {
        catalog.organisation(code: code).map { $0.short.first ?? $0.name } ?? code
    }

    /// A row's key in words, in the sheet's key order: «4 класс, Русский язык».
    func key(_ key: [String: String], form: String, sheet: String) -> String {
        guard let s = catalog.form(form)?.sheet(sheet) else { return key.sorted { $0.key < $1.key }.map(\.value).joined(separator: ", ") }
        return s.key.compactMap { field -> String? in
            guard let code = key[field] else { return nil }
            if case .code(let list)? = s.field(field)?.type, let item = catalog.list(list)?.items.first(where: { $0.code == code }) {
                return field == "class" ? "\(item.name) класс" : item.name
            }
            return field == "class" ? "\(code) класс" : code
        }.joined(separator: ", ")
    }
}
