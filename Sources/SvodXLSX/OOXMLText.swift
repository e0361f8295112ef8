import SvodXML

/// Text as OOXML stores it: `_xHHHH_` escapes for characters XML cannot carry.
enum OOXMLText {
    static let xmlNamespace = XMLNamespace("http://www.w3.org/XML/1998/namespace")

    /// Whether a `<t>` keeps its surrounding whitespace: only with `xml:space="preserve"`.
    ///
    /// Excel writes that attribute whenever a string starts or ends with whitespace and drops
    /// such whitespace when it is absent; calamine and openpyxl agree on the files in the
    /// conformance corpus that differ only in this, so svod trims the same way.
    static func preservesSpace(_ attributes: XMLAttributes, _ space: XMLToken, _ xml: XMLNamespaceToken) -> Bool {
        attributes.bytes(space, in: xml).map { $0.elementsEqual("preserve".utf8) } ?? false
    }

    /// Trims XML whitespace (space, tab, CR, LF) from the bytes after `start`.
    static func trimTail(_ buffer: inout [UInt8], from start: Int) {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while buffer.count > start, isSpace(buffer[buffer.count - 1]) { buffer.removeLast() }
        var lead = start
        while lead < buffer.count, isSpace(buffer[lead]) { lead += 1 }
        if lead > start { buffer.removeSubrange(start..<lead) }
    }

    /// Decodes `_xHHHH_` escapes (ECMA-376 Part 1, 22.9.2.19); `_x005F_` is a literal underscore,
    /// so `_x005F_x000D_` stays the text "_x000D_". Surrogate pairs combine; lone ones become U+FFFD.
    static func decode(_ bytes: [UInt8]) -> String {
        guard bytes.contains(0x5F) else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: decodeBytes(bytes), as: UTF8.self)
    }

    /// The same decoding, to UTF-8 bytes.
    static func decodeBytes(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x5F) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingHigh: UInt16?
        var i = 0
        func flushHigh() {
            if pendingHigh != nil { appendScalar(0xFFFD, &out); pendingHigh = nil }
        }
        while i < bytes.count {
            if bytes[i] == 0x5F, i + 6 < bytes.count, bytes[i + 1] == 0x78 || bytes[i + 1] == 0x58,
               bytes[i + 6] == 0x5F, let unit = hex4(bytes, i + 2) {
                if (0xD800...0xDBFF).contains(unit) {
                    flushHigh()
                    pendingHigh = unit
                } else if (0xDC00...0xDFFF).contains(unit) {
                    if let high = pendingHigh {
                        let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                        appendScalar(scalar, &out)
                        pendingHigh = nil
                    } else {
                        appendScalar(0xFFFD, &out)
                    }
                } else {
                    flushHigh()
                    appendScalar(UInt32(unit), &out)
                }
                i += 7
                continue
            }
            flushHigh()
            out.append(bytes[i])
            i += 1
        }
        flushHigh()
        return out
    }

    private static func hex4(_ b: [UInt8], _ at: Int) -> UInt16? {
        var v: UInt16 = 0
        for k in at..<(at + 4) {
            let c = b[k]
            let d: UInt16
            switch c {
            case 0x30...0x39: d = UInt16(c - 0x30)
            case 0x41...0x46: d = UInt16(c - 0x41 + 10)
            case 0x61...0x66: d = UInt16(c - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }

    private static func appendScalar(_ v: UInt32, _ out: inout [UInt8]) {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}

extension OOXMLText {
    /// Escapes what XML cannot carry as `_xHHHH_`, and the underscore of any literal
    /// `_xHHHH_` as `_x005F_`, so that a reader decoding the escapes gets `text` back.
    static func encode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        let scalars = Array(text.unicodeScalars)
        let utf8 = Array(text.utf8)
        var byteOffset = 0
        for s in scalars {
            let v = s.value
            let illegal = (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
            if illegal {
                out += "_x" + hex4(v) + "_"
            } else if v == 0x5F, utf8.withUnsafeBufferPointer({ OOXMLEscapePattern.matches($0, at: byteOffset) }) {
                out += "_x005F_"
            } else {
                out.unicodeScalars.append(s)
            }
            byteOffset += String(s).utf8.count
        }
        return out
    }

    private static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }
}
