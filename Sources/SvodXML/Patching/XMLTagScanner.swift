import Foundation

/// How deep a scan is: `level` of a tag is the number of elements around it (an end tag is
/// seen inside its own element, so it counts one less than the open elements).
public struct XMLDepth {
    public private(set) var open = 0
    /// A scan at the top, or `open` elements deep (a piece of a part scanned on its own).
    public init(open: Int = 0) { self.open = open }
    /// The level of `tag`, then steps past it.
    public mutating func enter(_ tag: XMLTag) -> Int {
        switch tag.kind {
        case .start: open += 1; return open - 1
        case .end: open -= 1; return open
        case .empty: return open
        }
    }
}

/// An element tag as written: its kind, qualified name, attributes and raw bytes.
public struct XMLTag {
    /// `<a …>`, `</a>` or `<a …/>`.
    public enum Kind: Sendable { case start, end, empty }
    public let kind: Kind
    /// The qualified name as written (`x:c`, `c`).
    public let name: String
    /// The attributes in order, values as written (entities not decoded).
    public let attributes: [(name: String, raw: String)]

    /// A tag of `kind` named `name` with `attributes` (values as written).
    public init(kind: Kind, name: String, attributes: [(name: String, raw: String)]) {
        self.kind = kind
        self.name = name
        self.attributes = attributes
    }

    /// The name without its prefix.
    public var localName: Substring { name.split(separator: ":", maxSplits: 1).last ?? Substring(name) }
    /// The prefix, empty for none.
    public var prefix: String { name.contains(":") ? String(name.split(separator: ":", maxSplits: 1)[0]) : "" }

    /// An attribute's value, entities decoded; nil when absent.
    public func value(_ attribute: String) -> String? {
        attributes.first { $0.name == attribute }.map { XMLTagScanner.decode($0.raw) }
    }

    /// The tag written again with `set` attributes replaced or added (values escaped here) and
    /// `removed` ones left out; the others keep their bytes. `kind` may turn `<a/>` into `<a>`.
    public func written(set: [(String, String)] = [], removed: Set<String> = [], as kind: Kind? = nil) -> String {
        let kind = kind ?? self.kind
        if kind == .end { return "</\(name)>" }
        var out = "<" + name
        var pending = set
        for a in attributes where !removed.contains(a.name) {
            if let i = pending.firstIndex(where: { $0.0 == a.name }) {
                out += " \(a.name)=\"\(XMLTagScanner.escape(pending[i].1))\""
                pending.remove(at: i)
            } else {
                out += " \(a.name)=\"\(a.raw.replacingOccurrences(of: "\"", with: "&quot;"))\""
            }
        }
        for (n, v) in pending { out += " \(n)=\"\(XMLTagScanner.escape(v))\"" }
        return out + (kind == .empty ? "/>" : ">")
    }
}

/// Splits well-formed XML into element tags and everything else, keeping every byte, chunk by
/// chunk: a part is copied with a few tags changed or added and the rest left as it was.
///
/// The part was parsed by libxml2 before (the file was read to be checked), so the scanner can
/// trust its well-formedness; it still refuses a tag longer than `maxTagBytes`, and never
/// resolves entities or reads a DTD.
public final class XMLTagScanner {
    /// Receives the bytes between tags (text, comments, CDATA, processing instructions) as they are.
    public var onBytes: (UnsafeRawBufferPointer) throws -> Void
    /// Receives each element tag; the handler writes what should stand in its place.
    public var onTag: (XMLTag, UnsafeRawBufferPointer) throws -> Void
    private var carry: [UInt8] = []
    private let maxTagBytes: Int

    /// A scanner handing on bytes and tags; a tag over `maxTagBytes` is refused.
    public init(maxTagBytes: Int = 16 << 20, onBytes: @escaping (UnsafeRawBufferPointer) throws -> Void,
                onTag: @escaping (XMLTag, UnsafeRawBufferPointer) throws -> Void) {
        self.maxTagBytes = maxTagBytes
        self.onBytes = onBytes
        self.onTag = onTag
    }

    /// `bytes` copied with each tag replaced by what `onTag` appends to the output (the tag's
    /// own bytes, or others); everything between tags is copied as it is.
    public static func rewrite(_ bytes: [UInt8], _ onTag: @escaping (XMLTag, UnsafeRawBufferPointer, inout [UInt8]) throws -> Void) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1024)
        let scanner = XMLTagScanner(onBytes: { out.append(contentsOf: $0) }, onTag: { try onTag($0, $1, &out) })
        try bytes.withUnsafeBytes { try scanner.feed($0) }
        try scanner.finish()
        return out
    }

    /// Each tag of `bytes`, in order.
    public static func tags(_ bytes: [UInt8], _ body: @escaping (XMLTag) throws -> Void) throws {
        let scanner = XMLTagScanner(onBytes: { _ in }, onTag: { tag, _ in try body(tag) })
        try bytes.withUnsafeBytes { try scanner.feed($0) }
        try scanner.finish()
    }

    /// Scans the next chunk; markup cut by the chunk's end waits for the next.
    public func feed(_ chunk: UnsafeRawBufferPointer) throws {
        if carry.isEmpty {
            let used = try scan(chunk)
            if used < chunk.count { carry.append(contentsOf: chunk[used...]) }
        } else {
            carry.append(contentsOf: chunk)
            let buffer = carry
            carry = []
            try buffer.withUnsafeBytes { b in
                let used = try scan(b)
                if used < b.count { carry.append(contentsOf: b[used...]) }
            }
        }
        if carry.count > maxTagBytes { throw XMLError.tagTooLong(limit: maxTagBytes) }
    }

    /// Ends the document: markup left open is an error.
    public func finish() throws {
        if !carry.isEmpty {
            let rest = carry
            carry = []
            if rest.contains(UInt8(ascii: "<")) { throw XMLError.malformed(line: 0, detail: "the document ends inside markup") }
            try rest.withUnsafeBytes { try onBytes($0) }
        }
    }

    /// Hands on what `b` holds whole; returns how many bytes were used.
    private func scan(_ b: UnsafeRawBufferPointer) throws -> Int {
        var i = 0
        var textStart = 0
        let n = b.count
        while i < n {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            guard let end = Self.markupEnd(b, from: i) else { break }
            if i > textStart { try onBytes(UnsafeRawBufferPointer(rebasing: b[textStart..<i])) }
            let markup = UnsafeRawBufferPointer(rebasing: b[i..<end])
            if let tag = Self.tag(markup) { try onTag(tag, markup) } else { try onBytes(markup) }
            i = end
            textStart = end
        }
        // Text up to the next '<' (or the end) can go at once; markup cut short waits.
        let stop = i < n ? i : n
        if stop > textStart { try onBytes(UnsafeRawBufferPointer(rebasing: b[textStart..<stop])) }
        return stop
    }

    /// The index just past the markup starting at `i`, nil when it is not all in `b`.
    private static func markupEnd(_ b: UnsafeRawBufferPointer, from i: Int) -> Int? {
        func starts(_ s: String, at k: Int) -> Bool {
            let u = Array(s.utf8)
            guard k + u.count <= b.count else { return false }
            for j in 0..<u.count where b[k + j] != u[j] { return false }
            return true
        }
        func find(_ s: String, from k: Int) -> Int? {
            let u = Array(s.utf8)
            var j = k
            while j + u.count <= b.count {
                if b[j] == u[0] && starts(s, at: j) { return j + u.count }
                j += 1
            }
            return nil
        }
        if starts("<!--", at: i) { return find("-->", from: i + 4) }
        if starts("<![CDATA[", at: i) { return find("]]>", from: i + 9) }
        if starts("<?", at: i) { return find("?>", from: i + 2) }
        if i + 9 > b.count && (i + 1 >= b.count || b[i + 1] == UInt8(ascii: "!")) { return nil }  // cannot tell yet
        var quote: UInt8 = 0
        var bracket = 0
        var j = i + 1
        while j < b.count {
            let c = b[j]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: "[") {
                bracket += 1
            } else if c == UInt8(ascii: "]") {
                bracket -= 1
            } else if c == UInt8(ascii: ">") && bracket <= 0 {
                return j + 1
            }
            j += 1
        }
        return nil
    }

    /// The element tag `m` (one whole piece of markup) is, or nil for a comment, CDATA, PI or declaration.
    public static func tag(_ m: UnsafeRawBufferPointer) -> XMLTag? {
        guard m.count >= 3 else { return nil }
        let second = m[1]
        if second == UInt8(ascii: "!") || second == UInt8(ascii: "?") { return nil }
        let s = String(decoding: m, as: UTF8.self)
        if second == UInt8(ascii: "/") {
            let name = s.dropFirst(2).dropLast().trimmingCharacters(in: .whitespacesAndNewlines)
            return XMLTag(kind: .end, name: name, attributes: [])
        }
        let empty = m[m.count - 2] == UInt8(ascii: "/")
        let body = s.utf8.dropFirst().dropLast(empty ? 2 : 1)
        var bytes = Array(body)
        bytes.append(0x20)
        var k = 0
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        while k < bytes.count && !isSpace(bytes[k]) { k += 1 }
        let name = String(decoding: bytes[0..<k], as: UTF8.self)
        var attributes: [(String, String)] = []
        while k < bytes.count {
            while k < bytes.count && isSpace(bytes[k]) { k += 1 }
            guard k < bytes.count else { break }
            let nameStart = k
            while k < bytes.count && bytes[k] != UInt8(ascii: "=") && !isSpace(bytes[k]) { k += 1 }
            let attribute = String(decoding: bytes[nameStart..<k], as: UTF8.self)
            while k < bytes.count && (isSpace(bytes[k]) || bytes[k] == UInt8(ascii: "=")) { k += 1 }
            guard k < bytes.count, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") else { break }
            let quote = bytes[k]
            k += 1
            let valueStart = k
            while k < bytes.count && bytes[k] != quote { k += 1 }
            attributes.append((attribute, String(decoding: bytes[valueStart..<min(k, bytes.count)], as: UTF8.self)))
            k += 1
        }
        return XMLTag(kind: empty ? .empty : .start, name: name, attributes: attributes)
    }

    /// Text for an attribute value: `&`, `<`, `"` and control whitespace escaped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// An attribute value as written, its five entities and character references decoded.
    public static func decode(_ raw: String) -> String {
        guard raw.contains("&") else { return raw }
        var out = ""
        var rest = Substring(raw)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let hex = entity.hasPrefix("#x") || entity.hasPrefix("#X")
                let digits = entity.dropFirst(hex ? 2 : 1)
                if entity.hasPrefix("#"), let v = UInt32(digits, radix: hex ? 16 : 10), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else {
                    out += rest[amp...semi]
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
