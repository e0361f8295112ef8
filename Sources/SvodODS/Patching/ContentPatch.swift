import Foundation
import SvodWorkbook
import SvodXML

/// `content.xml` copied tag by tag with marked cells given a derived style and an annotation,
/// a table put first, and the derived styles added to the automatic styles. A repeated row or
/// cell holding a mark is split around it (only that element is held in memory); rows and
/// cells the school left out are added after fillers. Everything else keeps its bytes.
///
/// One pass: the part is written in two pieces around the end of the automatic styles
/// (`cut` is called there), and the styles, known only at the end, go between them.
final class ContentPatch {
    private let marks: [String: [Int: [Int: PatchMark]]]  // table → row → column → mark
    private let addedTable: [UInt8]?
    private let author: String
    private let out: ([UInt8]) -> Void
    private let cut: () throws -> Void

    private var depth = XMLDepth()
    private var ns: [String: String] = [:]  // namespace URI → prefix with colon
    private var cutDone = false
    private var tableAdded = false
    // Automatic cell styles by name, as written, for deriving marked styles from.
    private var automatic: [String: [UInt8]] = [:]
    private var capturing: (name: String, level: Int, bytes: [UInt8])?
    /// The derived styles' XML, for the automatic styles.
    private(set) var derived: [String] = []
    private var derivedNames: [String: String] = [:]
    private(set) var markedCells = 0
    // Position in the current table.
    private var table: [Int: [Int: PatchMark]]?
    private var tableLevel = -1
    private var row = 0
    private var columns: [(first: Int, last: Int, style: String?)] = []
    private var columnCount = 0
    /// The marked row being streamed: its marks and the next column.
    private var rowMarks: [Int: PatchMark]?
    private var rowLevel = -1
    private var column = 0
    /// An element held whole (a repeated row or a cell with marks): its level and bytes.
    private var held: (level: Int, kind: Held, bytes: [UInt8])?
    private enum Held { case row(first: Int, count: Int), cell(first: Int, count: Int) }
    /// A held element longer than this is not split: the copy is made another way (a real
    /// form's repeated row is a few hundred bytes).
    static let maxHeld = 32 << 20

    static let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let tableNS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let styleNS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    static let foNS = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
    static let textNS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    static let dcNS = "http://purl.org/dc/elements/1.1/"

    init(marks: [String: [CellReference: PatchMark]], addedTable: [UInt8]?, author: String,
         out: @escaping ([UInt8]) -> Void, cut: @escaping () throws -> Void) {
        var byTable: [String: [Int: [Int: PatchMark]]] = [:]
        for (name, cells) in marks {
            for (ref, mark) in cells { byTable[name, default: [:]][ref.row, default: [:]][ref.column] = mark }
        }
        self.marks = byTable
        self.addedTable = addedTable
        self.author = author
        self.out = out
        self.cut = cut
    }

    private func p(_ uri: String) -> String { ns[uri] ?? "" }

    // MARK: the stream

    func bytes(_ raw: UnsafeRawBufferPointer) throws {
        if held != nil {
            held!.bytes.append(contentsOf: raw)
            if held!.bytes.count > Self.maxHeld { throw PatchUnsupported(why: "a repeated row or cell over \(Self.maxHeld >> 20) MiB") }
            return
        }
        if capturing != nil { capturing!.bytes.append(contentsOf: raw) }
        out(Array(raw))
    }

    func tag(_ tag: XMLTag, _ raw: UnsafeRawBufferPointer) throws {
        let level = depth.enter(tag)
        if held != nil {
            held!.bytes.append(contentsOf: raw)
            if held!.bytes.count > Self.maxHeld { throw PatchUnsupported(why: "a repeated row or cell over \(Self.maxHeld >> 20) MiB") }
            if tag.kind == .end && level == held!.level { try release() }
            return
        }
        if level == 0, tag.kind != .end { readNamespaces(tag) }
        let local = tag.localName
        if try prologue(tag, local, level, raw) { return }
        if tableLevel < 0, local == "table", tag.kind == .start, !tableAdded, let added = addedTable {
            out(added)
            tableAdded = true
        }
        if tableLevel < 0, local == "table", tag.kind == .start, let name = tag.value(p(Self.tableNS) + "name") {
            table = marks[name]
            tableLevel = level
            row = 0
            columns = []
            columnCount = 0
        }
        if tableLevel >= 0, level == tableLevel, tag.kind == .end {
            if let marked = table { writeMissingRows(marked, before: Int.max) }
            table = nil
            tableLevel = -1
            return emit(raw)
        }
        guard let marked = table, tableLevel >= 0 else { return emit(raw) }
        if rowMarks == nil {
            if local == "table-column", tag.kind != .end {
                let n = repeatCount(tag, "number-columns-repeated")
                columns.append((columnCount, columnCount + n - 1, tag.value(p(Self.tableNS) + "default-cell-style-name")))
                columnCount += n
            }
            if local == "named-expressions", tag.kind != .end, level == tableLevel + 1 { writeMissingRows(marked, before: Int.max) }
            if local == "table-row", tag.kind != .end { return try startRow(tag, raw, level, marked) }
            return emit(raw)
        }
        // Inside a marked row that is streamed.
        if level == rowLevel, tag.kind == .end {
            writeMissingCells(before: Int.max)
            rowMarks = nil
            return emit(raw)
        }
        if level == rowLevel + 1, tag.kind != .end, local == "table-cell" || local == "covered-table-cell" {
            let n = repeatCount(tag, "number-columns-repeated")
            let first = column
            writeMissingCells(before: first)
            column = first + n
            guard (first..<(first + n)).contains(where: { rowMarks?[$0] != nil }) else { return emit(raw) }
            held = (level, .cell(first: first, count: n), Array(raw))
            if tag.kind == .empty { try release() }
            return
        }
        emit(raw)
    }

    /// The automatic styles: cell styles captured, and the cut made where the derived ones go;
    /// true when the tag has been written.
    private func prologue(_ tag: XMLTag, _ local: Substring, _ level: Int, _ raw: UnsafeRawBufferPointer) throws -> Bool {
        guard !cutDone else { return false }
        if local == "automatic-styles", level == 1 {
            if tag.kind == .end {
                try makeCut()
                emit(raw)
                return true
            }
            if tag.kind == .empty {
                out(Array(tag.written(as: .start).utf8))
                try makeCut()
                out(Array("</\(tag.name)>".utf8))
                return true
            }
            return false
        }
        if local == "body", level == 1, tag.kind != .end {
            // No automatic styles at all: they are made before the body.
            out(Array("<\(p(Self.office))automatic-styles>".utf8))
            try makeCut()
            out(Array("</\(p(Self.office))automatic-styles>".utf8))
            return false
        }
        if level == 2, local == "style", tag.kind != .end, tag.value(p(Self.styleNS) + "family") == "table-cell",
           let name = tag.value(p(Self.styleNS) + "name") {
            if tag.kind == .empty { automatic[name] = Array(raw) } else { capturing = (name, level, []) }
        }
        if var c = capturing {
            c.bytes.append(contentsOf: raw)
            if tag.kind == .end && level == c.level {
                automatic[c.name] = c.bytes
                capturing = nil
            } else {
                capturing = c
            }
        }
        return false
    }

    private func makeCut() throws {
        cutDone = true
        try cut()
    }

    private func emit(_ raw: UnsafeRawBufferPointer) { out(Array(raw)) }

    private func readNamespaces(_ tag: XMLTag) {
        for a in tag.attributes where a.name.hasPrefix("xmlns:") {
            ns[XMLTagScanner.decode(a.raw)] = String(a.name.dropFirst(6)) + ":"
        }
    }

    private func repeatCount(_ tag: XMLTag, _ attribute: String) -> Int {
        max(1, min(tag.value(p(Self.tableNS) + attribute).flatMap(Int.init) ?? 1, 1 << 20))
    }

    // MARK: rows and cells

    private func startRow(_ tag: XMLTag, _ raw: UnsafeRawBufferPointer, _ level: Int, _ marked: [Int: [Int: PatchMark]]) throws {
        let n = repeatCount(tag, "number-rows-repeated")
        writeMissingRows(marked, before: row)
        let first = row
        row += n
        guard marked.keys.contains(where: { $0 >= first && $0 < first + n }) else { return emit(raw) }
        if n > 1 || tag.kind == .empty {
            held = (level, .row(first: first, count: n), Array(raw))
            if tag.kind == .empty { try release() }
            return
        }
        rowMarks = marked[first]
        rowLevel = level
        column = 0
        emit(raw)
    }

    /// The held element is complete: it is written split around its marks.
    private func release() throws {
        guard let h = held else { return }
        held = nil
        let element = try HeldElement(h.bytes)
        switch h.kind {
        case .cell(let first, let count):
            out(Array(splitCell(element, first: first, count: count, marks: rowMarks ?? [:]).utf8))
        case .row(let first, let count):
            for run in Self.runs(first: first, count: count, marked: { self.table?[$0] != nil }) {
                if !run.marked {
                    out(Array((element.tag(setting: "number-rows-repeated", run.count, prefix: p(Self.tableNS)) + element.inner + element.end).utf8))
                    continue
                }
                out(Array(element.tag(setting: "number-rows-repeated", 1, prefix: p(Self.tableNS), open: true).utf8))
                try streamRow(run.first, content: element.inner, level: h.level)
                out(Array(element.closing.utf8))
            }
        }
    }

    /// A held row's cells, through the stream's own cell logic: the row taken as open at `level`
    /// while its content is fed, its missing marked cells written at the end.
    private func streamRow(_ index: Int, content: String, level: Int) throws {
        let outer = depth
        rowMarks = table?[index]
        rowLevel = level
        column = 0
        depth = XMLDepth(open: level + 1)
        let scanner = XMLTagScanner(onBytes: { [self] in try bytes($0) }, onTag: { [self] in try tag($0, $1) })
        try Array(content.utf8).withUnsafeBytes { try scanner.feed($0) }
        try scanner.finish()
        writeMissingCells(before: Int.max)
        rowMarks = nil
        depth = outer
    }

    /// A cell element split into runs: unmarked ones repeated as they were, each marked one alone with its style and note.
    private func splitCell(_ element: HeldElement, first: Int, count: Int, marks: [Int: PatchMark]) -> String {
        var s = ""
        let t = p(Self.tableNS)
        for run in Self.runs(first: first, count: count, marked: { marks[$0] != nil }) {
            guard run.marked, let mark = marks[run.first] else {
                s += element.tag(setting: "number-columns-repeated", run.count, prefix: t) + element.inner + element.end
                continue
            }
            markedCells += 1
            var set: [(String, String)] = []
            if let fill = mark.fill {
                let base = element.start.value(t + "style-name") ?? columnStyle(run.first)
                set.append((t + "style-name", derivedStyle(base: base, fill: fill)))
            }
            s += element.tag(setting: "number-columns-repeated", 1, prefix: t, also: set, open: true) + annotated(element.inner, mark.comment) + element.closing
        }
        return s
    }

    /// The cell's content with the comment: added to its annotation, or as a new one first.
    private func annotated(_ inner: String, _ comment: String) -> String {
        let text = p(Self.textNS)
        let paragraphs = comment.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "<\(text)p>\(XMLTagScanner.escape(String($0)))</\(text)p>" }.joined()
        let office = p(Self.office)
        if let end = inner.range(of: "</\(office)annotation>") {
            return String(inner[..<end.lowerBound]) + "<\(text)p/>" + paragraphs + String(inner[end.lowerBound...])
        }
        let dc = ns[Self.dcNS].map { "<\($0)creator>" } ?? "<dc:creator xmlns:dc=\"\(Self.dcNS)\">"
        let dcEnd = ns[Self.dcNS].map { "</\($0)creator>" } ?? "</dc:creator>"
        return "<\(office)annotation \(office)display=\"false\">\(dc)\(XMLTagScanner.escape(author))\(dcEnd)\(paragraphs)</\(office)annotation>" + inner
    }

    /// The name of `base` with `fill`: a copy of an automatic style, or a child of a named one.
    private func derivedStyle(base: String?, fill: Color) -> String {
        let key = (base ?? "") + "/" + fill.hex
        if let n = derivedNames[key] { return n }
        let name = "svod-m\(derived.count + 1)"
        let style = p(Self.styleNS), fo = p(Self.foNS)
        let color = "#" + fill.hex.lowercased()
        let xml: String
        if let base, let raw = automatic[base], let element = try? HeldElement(raw) {
            let set = (try? Self.settingBackground(element.inner, style: style, fo: fo, color: color)) ?? nil
            let inner = set ?? "<\(style)table-cell-properties \(fo)background-color=\"\(color)\"/>" + element.inner
            xml = element.tag(setting: nil, 0, prefix: "", also: [(style + "name", name)], open: true) + inner + element.closing
        } else {
            xml = "<\(style)style \(style)name=\"\(name)\" \(style)family=\"table-cell\" \(style)parent-style-name=\"\(XMLTagScanner.escape(base ?? "Default"))\">"
                + "<\(style)table-cell-properties \(fo)background-color=\"\(color)\"/></\(style)style>"
        }
        derived.append(xml)
        derivedNames[key] = name
        return name
    }

    /// `inner` with the background of its `table-cell-properties` set; nil when it has none.
    static func settingBackground(_ inner: String, style: String, fo: String, color: String) throws -> String? {
        var found = false
        let out = try XMLTagScanner.rewrite(Array(inner.utf8)) { tag, raw, out in
            if !found, tag.localName == "table-cell-properties", tag.kind != .end {
                found = true
                out.append(contentsOf: tag.written(set: [(fo + "background-color", color)]).utf8)
            } else {
                out.append(contentsOf: raw)
            }
        }
        return found ? String(decoding: out, as: UTF8.self) : nil
    }

    /// The default cell style of column `col`, from the table's columns.
    private func columnStyle(_ col: Int) -> String? { columns.first { $0.first <= col && col <= $0.last }?.style }

    private func writeMissingCells(before limit: Int) {
        guard let marks = rowMarks else { return }
        let t = p(Self.tableNS)
        for col in marks.keys.sorted() where col >= column && col < limit {
            if col > column { out(Array("<\(t)table-cell\(col - column > 1 ? " \(t)number-columns-repeated=\"\(col - column)\"" : "")/>".utf8)) }
            let mark = marks[col]!
            let style = mark.fill.map { " \(t)style-name=\"\(derivedStyle(base: columnStyle(col), fill: $0))\"" } ?? ""
            out(Array("<\(t)table-cell\(style)>\(annotated("", mark.comment))</\(t)table-cell>".utf8))
            markedCells += 1
            column = col + 1
        }
    }

    private func writeMissingRows(_ marked: [Int: [Int: PatchMark]], before limit: Int) {
        let t = p(Self.tableNS)
        for r in marked.keys.sorted() where r >= row && r < limit {
            if r > row {
                out(Array("<\(t)table-row\(r - row > 1 ? " \(t)number-rows-repeated=\"\(r - row)\"" : "")><\(t)table-cell/></\(t)table-row>".utf8))
            }
            rowMarks = marked[r]
            column = 0
            out(Array("<\(t)table-row>".utf8))
            writeMissingCells(before: Int.max)
            out(Array("</\(t)table-row>".utf8))
            rowMarks = nil
            row = r + 1
        }
    }

    /// Consecutive runs of `first..<first+count`, marked positions alone.
    static func runs(first: Int, count: Int, marked: (Int) -> Bool) -> [(first: Int, count: Int, marked: Bool)] {
        var runs: [(Int, Int, Bool)] = []
        var i = first
        while i < first + count {
            if marked(i) { runs.append((i, 1, true)); i += 1; continue }
            var j = i
            while j < first + count && !marked(j) { j += 1 }
            runs.append((i, j - i, false))
            i = j
        }
        return runs
    }
}

/// An element held whole: its start tag, what is inside, its end tag.
struct HeldElement {
    let start: XMLTag
    let inner: String
    let end: String
    var isEmpty: Bool { start.kind == .empty }
    /// The end to write after an element made open (an empty one gets one).
    var closing: String { isEmpty ? "</\(start.name)>" : end }

    init(_ bytes: [UInt8]) throws {
        // The first '>' outside quotes ends the start tag.
        var quote: UInt8 = 0
        var close = 0
        while close < bytes.count {
            let c = bytes[close]
            if quote != 0 { if c == quote { quote = 0 } } else if c == 0x22 || c == 0x27 { quote = c } else if c == UInt8(ascii: ">") { break }
            close += 1
        }
        guard close < bytes.count, let tag = bytes[0...close].withUnsafeBytes({ XMLTagScanner.tag($0) }) else {
            throw XMLError.malformed(line: 0, detail: "an element cut short")
        }
        start = tag
        if tag.kind == .empty {
            inner = ""
            end = ""
        } else {
            let text = String(decoding: bytes[(close + 1)...], as: UTF8.self)
            let endStart = text.range(of: "</", options: .backwards)?.lowerBound ?? text.endIndex
            inner = String(text[..<endStart])
            end = String(text[endStart...])
        }
    }

    /// The start tag with the repeat attribute `name` set to `count` (left out at 1), `also` set, made open when asked.
    func tag(setting name: String?, _ count: Int, prefix: String, also: [(String, String)] = [], open: Bool = false) -> String {
        var set = also
        var removed = Set<String>()
        if let name {
            if count > 1 { set.append((prefix + name, "\(count)")) } else { removed.insert(prefix + name) }
        }
        return start.written(set: set, removed: removed, as: open ? .start : start.kind)
    }
}
