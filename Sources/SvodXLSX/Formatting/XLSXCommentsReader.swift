import SvodWorkbook
import SvodXML

/// Reads a sheet's comments part (`xl/comments1.xml`): each note's cell, author and text.
final class XLSXCommentsReader: XMLHandler {
    private(set) var comments: [CellReference: Comment] = [:]
    private var authors: [String] = []
    private var inAuthor = false
    private var current: (ref: CellReference, author: Int)?
    private var text = ""
    private var inText = false
    private var phonetic = 0
    private var t: [String: XMLToken] = [:]
    /// Notes are short; a hostile part cannot make them large.
    private static let maxText = 32_767, maxComments = 100_000

    override func prepare(_ names: XMLNameTable) {
        for n in ["ref", "authorId"] { t[n] = names.token(n) }
    }

    override func startElement(_ name: XMLName, _ a: XMLAttributes) {
        switch name.localString {
        case "author": inAuthor = true; text = ""
        case "comment":
            guard comments.count < Self.maxComments, let ref = t["ref"].flatMap({ a.string($0) }).flatMap({ CellReference($0.split(separator: ":").first.map(String.init) ?? "") }) else { return }
            current = (ref, t["authorId"].flatMap { a.string($0) }.flatMap { Int($0) } ?? -1)
            text = ""
        case "t": inText = current != nil || inAuthor
        case "rPh": phonetic += 1
        default: break
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard (inText && phonetic == 0) || inAuthor, text.utf8.count + bytes.count <= Self.maxText else { return }
        text += String(decoding: bytes, as: UTF8.self)
    }

    override func endElement(_ name: XMLName) {
        switch name.localString {
        case "author": authors.append(text); inAuthor = false; text = ""
        case "t": inText = false
        case "rPh": phonetic -= 1
        case "comment":
            guard let c = current else { return }
            let author = c.author >= 0 && c.author < authors.count ? authors[c.author] : ""
            comments[c.ref] = Comment(OOXMLText.decode(Array(text.utf8)), author: author)
            current = nil
        default: break
        }
    }
}
