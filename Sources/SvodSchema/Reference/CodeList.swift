import Foundation
import SvodLocale
import Yams

/// A reference list of codes (subjects, classes, profiles, directions): what a `code` field may hold.
public struct CodeList: Sendable {
    /// One entry: its code, its name, and other spellings schools use.
    public struct Item: Sendable, Equatable {
        /// The code stored in consolidated data.
        public var code: String
        /// The name shown to people and written in templates.
        public var name: String
        /// Other spellings accepted («Матем.», «Алгебра и начала анализа»…).
        public var aliases: [String]
    }

    /// Id used by fields (`list: subjects`).
    public var id: String
    /// Title in both languages.
    public var title: LocalizedText
    /// The entries in order.
    public var items: [Item]
    /// Where it was declared.
    public var source: SourceLocation

    /// Reads `lists:` from a reference file: each list with `id`, `title` and `items`
    /// (an item is `{code, name, aliases}` or just a name, which is then its own code).
    public static func load(_ text: String, file: String) -> ([CodeList], [SchemaIssue]) {
        let log = IssueLog()
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { return ([], []) }
            root = node
        } catch {
            log.add(SourceLocation(file: file, line: 1, column: 1), ru: "не YAML: \(error)", en: "not YAML: \(error)")
            return ([], log.issues)
        }
        guard let top = YAMLObject(root, file: file, issues: log, what: "справочник") else { return ([], log.issues) }
        var lists: [CodeList] = []
        for o in top.objects("lists", what: "список") {
            let id = o.string("id", required: true) ?? ""
            let title = o.localized("title", required: true) ?? ("", "")
            var items: [Item] = []
            if let seq = o.value("items")?.sequence {
                for node in seq {
                    if let name = node.scalar?.string {
                        items.append(Item(code: name, name: name, aliases: []))
                    } else if let item = YAMLObject(node, file: file, issues: log, what: "элемент") {
                        let name = item.string("name", required: true) ?? ""
                        items.append(Item(code: item.string("code") ?? name, name: name, aliases: item.strings("aliases")))
                        item.reportUnknownKeys()
                    }
                }
            } else {
                log.add(o.location, ru: "у списка «\(id)» нет элементов («items»)", en: "list '\(id)' has no 'items'")
            }
            var codes = Set<String>()
            for i in items where !codes.insert(i.code).inserted {
                log.add(o.location(of: "items"), ru: "код «\(i.code)» повторяется в списке «\(id)»", en: "code '\(i.code)' repeats in list '\(id)'")
            }
            o.reportUnknownKeys()
            lists.append(CodeList(id: id, title: LocalizedText(ru: title.ru, en: title.en), items: items, source: o.location))
        }
        // `organisations:` and `thresholds:` are ReferenceLoader's.
        _ = top.value("organisations")
        _ = top.value("thresholds")
        top.reportUnknownKeys()
        return (lists, log.issues)
    }
}
