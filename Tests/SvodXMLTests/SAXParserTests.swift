import SvodLocale
import SvodXML
import Testing

/// Records events as text: "<name a=v>", "text", "</name>".
class Recorder: XMLHandler {
    var events: [String] = []
    var tRow: XMLToken?

    override func prepare(_ names: XMLNameTable) { tRow = names.token("row") }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        let attrs = attributes.all.map { " \($0.name)=\($0.value)" }.joined()
        events.append("<\(name.localString)\(attrs)>\(name.local == tRow ? "*" : "")")
    }

    override func endElement(_ name: XMLName) { events.append("</\(name.localString)>") }

    override func characters(_ text: UnsafeBufferPointer<UInt8>) {
        events.append("#" + String(decoding: text, as: UTF8.self))
    }
}

/// Adjacent text events are one logical text node.
func mergeText(_ events: [String]) -> [String] {
    var merged: [String] = []
    for e in events {
        if e.hasPrefix("#"), let last = merged.last, last.hasPrefix("#") {
            merged[merged.count - 1] += e.dropFirst()
        } else {
            merged.append(e)
        }
    }
    return merged
}

/// Parses `xml` on a parser thread, the input handed over in chunks of `chunk` bytes.
func parseAhead(_ xml: String, chunk: Int = 1 << 20, limits: XMLLimits = .default) throws -> [String] {
    let r = Recorder()
    let bytes = Array(xml.utf8)
    let input = ChunkedInput(bytes, chunk: chunk)
    let p = BackgroundSAXParser(handler: r, limits: limits, input: input.next)
    while try p.pump() {}
    return mergeText(r.events)
}

/// Bytes handed out a chunk at a time, counting the calls.
final class ChunkedInput: @unchecked Sendable {
    let bytes: [UInt8]
    let chunk: Int
    var offset = 0
    var calls = 0
    var failure: Error?
    private var scratch: [UInt8] = []

    init(_ bytes: [UInt8], chunk: Int, failure: Error? = nil) {
        self.bytes = bytes
        self.chunk = chunk
        self.failure = failure
    }

    func next() throws -> UnsafeRawBufferPointer? {
        calls += 1
        guard offset < bytes.count else {
            if let failure { throw failure }
            return nil
        }
        let end = min(offset + chunk, bytes.count)
        scratch = Array(bytes[offset..<end])
        offset = end
        return scratch.withUnsafeBytes { UnsafeRawBufferPointer($0) }
    }
}

@Suite struct SAXParserTests {
    /// Parses inline (push) and ahead (on a thread) and expects the same events or the same
    /// kind of refusal; returns the inline result.
    func parse(_ xml: String, chunk: Int = 1 << 20, limits: XMLLimits = .default) throws -> [String] {
        let inline = Result { try parseInline(xml, chunk: chunk, limits: limits) }
        let ahead = Result { try parseAhead(xml, chunk: chunk, limits: limits) }
        switch (inline, ahead) {
        case (.success(let a), .success(let b)):
            #expect(a == b, "inline and ahead disagree on \(xml.prefix(80))")
        case (.failure(let a), .failure(let b)):
            #expect(Self.kind(a) == Self.kind(b), "inline: \(a); ahead: \(b)")
        default:
            Issue.record("inline: \(inline); ahead: \(ahead)")
        }
        return try inline.get()
    }

    static func kind(_ error: Error) -> String {
        guard let e = error as? XMLError else { return "\(type(of: error))" }
        if case .malformed = e { return "malformed" }
        return "\(e)"
    }

    func parseInline(_ xml: String, chunk: Int, limits: XMLLimits) throws -> [String] {
        let r = Recorder()
        let p = SAXParser(handler: r, limits: limits)
        let bytes = Array(xml.utf8)
        var i = 0
        while i < bytes.count {
            let end = min(i + chunk, bytes.count)
            try Array(bytes[i..<end]).withUnsafeBytes { try p.feed($0) }
            i = end
        }
        try p.finish()
        return mergeText(r.events)
    }

    @Test func eventsWithNamespacesAndTokens() throws {
        let xml = #"<x:sheet xmlns:x="urn:a"><x:row r="1">a&amp;b<![CDATA[<c>]]></x:row></x:sheet>"#
        let events = try parse(xml)
        #expect(events == ["<sheet>", "<row r=1>*", "#a&b<c>", "</row>", "</sheet>"], "\(events)")
    }

    @Test func chunkBoundariesDoNotMatter() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a><row r=\"1\">Привет, мир</row><b/></a>"
        let whole = try parse(xml)
        for size in [1, 2, 3, 7, 64] { #expect(try parse(xml, chunk: size) == whole) }
    }

    @Test func doctypeIsRefused() {
        #expect(throws: XMLError.doctype) { _ = try parse("<!DOCTYPE a><a/>") }
    }

    @Test func billionLaughsIsRefusedBeforeAnyExpansion() {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for i in 1...9 { xml += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }
        xml += "]><lolz>&lol9;</lolz>"
        #expect(throws: XMLError.doctype) { _ = try parse(xml) }
    }

    @Test func externalEntityIsRefused() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><a>&xxe;</a>"
        #expect(throws: XMLError.doctype) { _ = try parse(xml) }
    }

    @Test func undeclaredEntityIsMalformed() {
        #expect { _ = try parse("<a>&nbsp;</a>") } throws: { error in
            if case XMLError.malformed = error { return true }
            return false
        }
    }

    @Test func depthIsCapped() {
        let deep = String(repeating: "<a>", count: 50) + String(repeating: "</a>", count: 50)
        #expect(throws: XMLError.tooDeep(limit: 20)) { _ = try parse(deep, limits: XMLLimits(maxDepth: 20)) }
        #expect((try? parse(deep, limits: XMLLimits(maxDepth: 60))) != nil)
    }

    @Test func bytesOutsideTheDeclaredEncodingAreNamed() {
        let xml = Array("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a>".utf8) + [0x85, 0x90, 0x8F, 0x9A, 0xFF, 0xFE] + Array("</a>".utf8)
        let expectation = { (error: Error) -> Bool in
            guard case XMLError.malformed(_, let detail) = error else { return false }
            return detail.contains("input conversion failed")
        }
        #expect(performing: {
            let p = SAXParser(handler: Recorder())
            try xml.withUnsafeBytes { try p.feed($0) }
            try p.finish()
        }, throws: expectation)
        #expect(performing: {
            let p = BackgroundSAXParser(handler: Recorder(), input: ChunkedInput(xml, chunk: 7).next)
            while try p.pump() {}
        }, throws: expectation)
    }

    @Test func malformedAndTruncatedDocumentsFail() {
        for xml in ["<a><b></a>", "<a>", "", "not xml", "<a attr=1/>"] {
            #expect(throws: XMLError.self) { _ = try parse(xml) }
        }
    }

    @Test func numbersFromBytes() {
        #expect(XMLNumber.double(Array("42".utf8)) == 42)
        #expect(XMLNumber.double(Array(" -0.5 ".utf8)) == -0.5)
        #expect(XMLNumber.double(Array("0.1".utf8)) == 0.1)
        #expect(XMLNumber.double(Array("1.5E-7".utf8)) == 1.5e-7)
        #expect(XMLNumber.double(Array("12345678901234567890123".utf8)) == 12345678901234567890123.0)
        #expect(XMLNumber.double(Array("3.14159265358979323846".utf8)) == 3.14159265358979323846)
        #expect(XMLNumber.double(Array("INF".utf8)) == .infinity)
        #expect(XMLNumber.double(Array("".utf8)) == nil)
        #expect(XMLNumber.double(Array("1,5".utf8)) == nil)
        #expect(XMLNumber.double(Array("0x10".utf8)) == nil)
        #expect(XMLNumber.double(Array("1 2".utf8)) == nil)
        #expect(XMLNumber.int(Array("1048576".utf8)) == 1_048_576)
        #expect(XMLNumber.int(Array("99999999999999999999999".utf8)) == nil)
    }
}
