/// Builds XML as bytes and hands them to a sink in large pieces.
///
/// Written by hand rather than through libxml2's xmlTextWriter: a workbook is a few fixed
/// shapes of markup around many small values, and escaping them inline costs a fraction of
/// a call per value through the C writer. What svod writes is checked against the OOXML and
/// ODF schemas with libxml2 (xmllint) in the tests.
public final class XMLWriter {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    private let flushThreshold: Int

    /// A writer that passes on its bytes whenever about `chunk` of them have gathered.
    public init(chunk: Int = 64 * 1024, sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        capacity = chunk * 2
        flushThreshold = chunk
        buffer = .allocate(capacity: capacity)
        self.sink = sink
    }

    deinit { buffer.deallocate() }

    /// Passes everything written so far to the sink.
    public func flush() throws {
        guard count > 0 else { return }
        try sink(UnsafeRawBufferPointer(start: buffer, count: count))
        count = 0
    }

    /// Flushes when a chunk has gathered; call between elements.
    @inline(__always)
    public func flushIfFull() throws {
        if count >= flushThreshold { try flush() }
    }

    @inline(__always)
    private func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = bigger
        capacity = newCapacity
    }

    /// Markup known to be well-formed: tag names, fixed attributes.
    public func raw(_ markup: StaticString) {
        let n = markup.utf8CodeUnitCount
        reserve(n)
        (buffer + count).update(from: markup.utf8Start, count: n)
        count += n
    }

    /// Markup built at run time that needs no escaping (names and numbers svod made).
    public func raw(_ markup: String) {
        var markup = markup
        markup.withUTF8 { bytes in
            reserve(bytes.count)
            (buffer + count).update(from: bytes.baseAddress!, count: bytes.count)
            count += bytes.count
        }
    }

    /// Bytes of markup that need no escaping.
    @inline(__always)
    /// Bytes as they are.
    public func raw(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { raw(bytes: $0) } }

    public func raw(bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        (buffer + count).update(from: bytes.baseAddress!, count: bytes.count)
        count += bytes.count
    }

    /// A byte of markup.
    @inline(__always)
    public func byte(_ b: UInt8) {
        reserve(1)
        buffer[count] = b
        count += 1
    }

    /// Character data, escaped; returns false (writing nothing) if the text holds a character
    /// XML 1.0 cannot carry, or, with `guardingOOXMLEscapes`, a literal `_xHHHH_` that an OOXML
    /// reader would decode: the caller then escapes the text its format's way.
    public func text(_ text: String, guardingOOXMLEscapes: Bool = false) -> Bool {
        escape(text, attribute: false, guardingOOXMLEscapes: guardingOOXMLEscapes)
    }

    /// An attribute value (without the quotes), escaped; false as for `text`.
    public func attribute(_ value: String) -> Bool {
        escape(value, attribute: true, guardingOOXMLEscapes: false)
    }

    /// Character data with any character XML cannot carry replaced by U+FFFD (for labels,
    /// titles and metadata, where a stray control character is not worth refusing a file).
    public func safeText(_ text: String) {
        if !self.text(text) { _ = self.text(XMLWriter.legal(text)) }
    }

    /// An attribute value with illegal characters replaced, as `safeText`.
    public func safeAttribute(_ value: String) {
        if !attribute(value) { _ = attribute(XMLWriter.legal(value)) }
    }

    /// `text` with every character XML 1.0 cannot carry replaced by U+FFFD.
    public static func legal(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let v = s.value
            let bad = (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
            out.append(bad ? "\u{FFFD}" : s)
        }
        return String(out)
    }

    private func escape(_ text: String, attribute: Bool, guardingOOXMLEscapes: Bool) -> Bool {
        var text = text
        return text.withUTF8 { src in
            // Worst case every byte becomes "&quot;".
            reserve(src.count * 6)
            let start = count
            var out = buffer + count
            var i = 0
            let n = src.count
            while i < n {
                let b = src[i]
                if b >= 0x3F {
                    if b == 0xEF, i + 2 < n, src[i + 1] == 0xBF, src[i + 2] >= 0xBE {
                        count = start
                        return false  // U+FFFE, U+FFFF
                    }
                    if b == 0x5F, guardingOOXMLEscapes, OOXMLEscapePattern.matches(src, at: i) {
                        count = start
                        return false
                    }
                    out.pointee = b; out += 1
                } else {
                    switch b {
                    case 0x26: out = put(out, "&amp;")
                    case 0x3C: out = put(out, "&lt;")
                    case 0x3E: out = put(out, "&gt;")
                    case 0x22 where attribute: out = put(out, "&quot;")
                    case 0x0D: out = put(out, "&#13;")
                    case 0x0A where attribute: out = put(out, "&#10;")
                    case 0x09 where attribute: out = put(out, "&#9;")
                    case 0x09, 0x0A: out.pointee = b; out += 1
                    case 0..<0x20:
                        count = start
                        return false
                    default: out.pointee = b; out += 1
                    }
                }
                i += 1
            }
            count = out - buffer
            return true
        }
    }

    @inline(__always)
    private func put(_ out: UnsafeMutablePointer<UInt8>, _ s: StaticString) -> UnsafeMutablePointer<UInt8> {
        out.update(from: s.utf8Start, count: s.utf8CodeUnitCount)
        return out + s.utf8CodeUnitCount
    }

    /// A decimal integer.
    public func int(_ value: Int) {
        reserve(21)
        if value < 0 { buffer[count] = 0x2D; count += 1 }
        var v = value.magnitude
        var digits = 1
        var t = v
        while t >= 10 { t /= 10; digits += 1 }
        var p = count + digits - 1
        repeat {
            buffer[p] = UInt8(truncatingIfNeeded: v % 10) + 0x30
            v /= 10
            p -= 1
        } while v > 0
        count += digits
    }

    /// A finite number in the shortest form that reads back to the same Double
    /// (integers without a fraction, as Excel and LibreOffice write them).
    public func number(_ value: Double) {
        if value == value.rounded(), abs(value) < 1e15 {
            int(Int(value))
        } else {
            let text = value.description
            raw(text.hasSuffix(".0") ? String(text.dropLast(2)) : text)
        }
    }
}

/// OOXML's `_xHHHH_` escape, which readers decode wherever it appears in text.
public enum OOXMLEscapePattern {
    /// Whether `_xHHHH_` starts at `i`.
    public static func matches(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i + 6 < s.count, s[i] == 0x5F, s[i + 1] == 0x78 || s[i + 1] == 0x58, s[i + 6] == 0x5F else { return false }
        for k in 2...5 {
            let c = s[i + k] | 0x20
            guard (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) else { return false }
        }
        return true
    }
}
