import Foundation
import SvodWorkbook
import SvodXML

/// The comments of a patched sheet: a new comments part and drawing when the sheet has none,
/// else added to the ones it has — a cell already commented gets the mark's text after its own.
enum CommentsPatch {
    /// `comments` added to the comments part `bytes`, under `author`.
    static func merge(_ comments: [(CellReference, Comment)], into bytes: [UInt8], author: String) throws -> [UInt8] {
        var authors = 0
        var depth = XMLDepth()
        var current: CellReference?
        var done = Set<CellReference>()
        let byCell = Dictionary(comments.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        var prefix = ""
        func run(_ text: String) -> String {
            "<\(prefix)r><\(prefix)t xml:space=\"preserve\">\(XMLTagScanner.escape(text))</\(prefix)t></\(prefix)r>"
        }
        return try XMLTagScanner.rewrite(bytes) { tag, raw, out in
            func emit(_ s: String) { out.append(contentsOf: s.utf8) }
            let local = tag.localName
            let level = depth.enter(tag)
            if level == 0, tag.kind != .end { prefix = tag.prefix.isEmpty ? "" : tag.prefix + ":" }
            if level == 2, local == "author", tag.kind != .end { authors += 1 }
            if level == 1, local == "authors", tag.kind == .end { emit("<\(prefix)author>\(XMLTagScanner.escape(author))</\(prefix)author>") }
            if level == 2, local == "comment", tag.kind == .start { current = tag.value("ref").flatMap { CellReference($0) } }
            if level == 3, local == "text", tag.kind == .end, let c = current, let mark = byCell[c] {
                emit(run("\n\n" + mark.text))
                done.insert(c)
            }
            if level == 1, local == "commentList", tag.kind == .end {
                for (ref, c) in comments where !done.contains(ref) {
                    emit("<\(prefix)comment ref=\"\(ref.a1)\" authorId=\"\(authors)\"><\(prefix)text>\(run(c.text))</\(prefix)text></\(prefix)comment>")
                    done.insert(ref)
                }
            }
            out.append(contentsOf: raw)
        }
    }

    /// Cells that have a comment in the comments part `bytes`.
    static func commented(_ bytes: [UInt8]) throws -> Set<CellReference> {
        var cells = Set<CellReference>()
        try XMLTagScanner.tags(bytes) { tag in
            if tag.localName == "comment", tag.kind != .end, let ref = tag.value("ref").flatMap({ CellReference($0) }) { cells.insert(ref) }
        }
        return cells
    }

    /// The note shapes of `comments` added at the end of the VML drawing `bytes`, with a shape type of their own.
    static func mergeVML(_ comments: [(CellReference, Comment)], into bytes: [UInt8]) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "</xml>", options: .backwards) else { return bytes }
        let shapes = XLSXComments.bytes { XLSXComments.writeShapes(comments, typeID: "_svod_t202", idPrefix: "_svod_s", to: $0) }
        return Array(text[..<end.lowerBound].utf8) + shapes + Array(text[end.lowerBound...].utf8)
    }
}
