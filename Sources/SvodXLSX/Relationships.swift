import SvodXML

/// One relationship of an OPC part: where it points and what it is.
struct Relationship {
    let id: String
    /// The last path segment of the type URI (`worksheet`, `sharedStrings`…): Transitional
    /// and Strict spell the prefix differently and agree on this.
    let kind: String
    /// The target part name, resolved against the source part and normalised.
    let target: String
    let external: Bool
}

/// Reads a `.rels` part.
final class RelationshipsParser: XMLHandler {
    private let sourcePart: String
    private(set) var relationships: [Relationship] = []
    private var tRelationship: XMLToken?, tId: XMLToken?, tType: XMLToken?, tTarget: XMLToken?, tMode: XMLToken?

    /// `sourcePart` is the part the `.rels` describes ("" for the package itself).
    init(sourcePart: String) { self.sourcePart = sourcePart }

    override func prepare(_ names: XMLNameTable) {
        tRelationship = names.token("Relationship")
        tId = names.token("Id")
        tType = names.token("Type")
        tTarget = names.token("Target")
        tMode = names.token("TargetMode")
    }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        guard name.local == tRelationship, let id = attributes.string(tId!),
              let type = attributes.string(tType!), let target = attributes.string(tTarget!) else { return }
        let external = attributes.string(tMode!)?.lowercased() == "external"
        let kind = type.split(separator: "/").last.map(String.init) ?? type
        relationships.append(Relationship(
            id: id, kind: kind, target: external ? target : PartName.resolve(target, from: sourcePart),
            external: external))
    }
}

/// OPC part-name arithmetic.
enum PartName {
    /// Resolves a relationship target against the part that holds the relationship:
    /// absolute ("/xl/…"), relative ("worksheets/…") and "../" targets, backslashes too.
    static func resolve(_ target: String, from source: String) -> String {
        let t = target.replacingOccurrences(of: "\\", with: "/")
        var stack: [Substring]
        if t.hasPrefix("/") {
            stack = []
        } else {
            stack = source.split(separator: "/")
            if !stack.isEmpty { stack.removeLast() }  // the source part's own file name
        }
        for seg in t.split(separator: "/") {
            switch seg {
            case ".": continue
            case "..": if !stack.isEmpty { stack.removeLast() }
            default: stack.append(seg)
            }
        }
        return stack.joined(separator: "/")
    }

    /// The `.rels` part describing `part`: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
    static func relsPart(for part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return "\(part[..<slash])/_rels/\(part[part.index(after: slash)...]).rels"
    }
}
