#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers in their XML Schema lexical forms (`xsd:double`, `xsd:int`), parsed from bytes.
public enum XMLNumber {
    private static let exactPowers: [Double] = (0...22).map { pow(10, Double($0)) }

    /// Parses an `xsd:double` such as "42", "-0.5", "1.5E-7", "INF"; surrounding XML
    /// whitespace is ignored; nil when malformed.
    ///
    /// Short decimals take Clinger's fast path (mantissa below 2^53 and at most 22 fraction
    /// digits divide exactly-representable numbers, so the result is correctly rounded);
    /// everything else goes to strtod.
    public static func double(_ bytes: [UInt8]) -> Double? {
        bytes.withUnsafeBufferPointer { double($0) }
    }

    /// Parses an `xsd:double` held in a buffer (the hot path: attribute values, `<v>` text).
    public static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var negative = false
        var seenDot = false
        var start = true
        var trailing = false
        var simple = true
        var any = false
        for b in bytes {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D:
                if any { trailing = true }
                continue
            case 0x30...0x39 where !trailing:
                any = true
                start = false
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(b - 0x30)
                    if mantissa != 0 { digits += 1 }
                    if seenDot { fraction += 1 }
                } else {
                    simple = false
                }
            case 0x2E where !seenDot && !trailing:
                seenDot = true
                start = false
            case 0x2D where start:
                negative = true
                start = false
            case 0x2B where start:
                start = false
            default:
                simple = false
            }
            if !simple { break }
        }
        if simple {
            guard any else { return nil }
            guard mantissa < (1 << 53), fraction <= 22 else { return slow(bytes) }
            let v = Double(mantissa) / exactPowers[fraction]
            return negative ? -v : v
        }
        return slow(bytes)
    }

    /// Parses an integer attribute such as a row number or a repeat count.
    public static func int(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { int($0) }
    }

    /// Parses an integer held in a buffer.
    public static func int(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var n = 0
        var any = false
        var negative = false
        var first = true
        let (start, end) = trimmedBounds(bytes)
        for b in bytes[start..<end] {
            if first && (b == 0x2D || b == 0x2B) { negative = b == 0x2D; first = false; continue }
            first = false
            guard (0x30...0x39).contains(b) else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(b - 0x30))
            if o1 || o2 { return nil }
            n = s
            any = true
        }
        return any ? (negative ? -n : n) : nil
    }

    /// The bounds of `bytes` without leading and trailing XML whitespace.
    private static func trimmedBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return (start, end)
    }

    private static func slow(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let (start, end) = trimmedBounds(bytes)
        // Trim by index and bound the length before copying: a cell of megabytes of spaces
        // must cost one scan, not a quadratic series of removals.
        guard start < end, end - start < 400 else { return nil }
        var trimmed = Array(bytes[start..<end])
        switch trimmed {
        case Array("INF".utf8), Array("+INF".utf8): return .infinity
        case Array("-INF".utf8): return -.infinity
        case Array("NaN".utf8): return .nan
        default: break
        }
        // strtod also accepts hex floats and "inf"/"nan" words; the XML forms do not.
        for b in trimmed where !(0x30...0x39).contains(b) && b != 0x2E && b != 0x2D && b != 0x2B && b != 0x45 && b != 0x65 {
            return nil
        }
        trimmed.append(0)
        return trimmed.withUnsafeBufferPointer { buf -> Double? in
            let p = UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self)
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(p, &end)
            guard let end, end - UnsafeMutablePointer(mutating: p) == buf.count - 1 else { return nil }
            return v
        }
    }
}
