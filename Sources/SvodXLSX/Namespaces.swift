import SvodXML

/// OOXML namespaces, each known by its Transitional and its Strict URI.
enum NS {
    static let relationships = XMLNamespace(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships")
    static let markupCompatibility = XMLNamespace("http://schemas.openxmlformats.org/markup-compatibility/2006")
}

/// Skips `mc:Choice` branches of `mc:AlternateContent`: svod understands no extension a
/// Choice requires, so the Fallback branch (or plain content) is what it reads.
struct AlternateContentFilter {
    private var skipDepth = 0
    private var choice: XMLToken?
    private var mc: XMLNamespaceToken?

    mutating func prepare(_ names: XMLNameTable) {
        choice = names.token("Choice")
        mc = names.namespace(NS.markupCompatibility)
    }

    /// Call on every start tag; true while inside a skipped branch.
    mutating func skipStart(_ name: XMLName) -> Bool {
        if skipDepth > 0 { skipDepth += 1; return true }
        if name.local == choice, name.isIn(mc!) { skipDepth = 1; return true }
        return false
    }

    /// Call on every end tag; true while inside (or closing) a skipped branch.
    mutating func skipEnd() -> Bool {
        if skipDepth > 0 { skipDepth -= 1; return true }
        return false
    }
}
