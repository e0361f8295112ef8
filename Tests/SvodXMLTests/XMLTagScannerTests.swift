import Foundation
import SvodXML
import Testing

/// The tag scanner keeps every byte, however the part is cut into chunks.
@Suite struct XMLTagScannerTests {
    static let document = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        + #"<x:worksheet xmlns:x="urn:main" a='1 > 0'><!-- a <c> in a comment --><x:sheetData>"#
        + #"<x:row r="2"><x:c r="B2" s="3"><x:v>7</x:v></x:c><x:c r="C2" t="inlineStr"><x:is><x:t>&lt;&amp;&#1099;</x:t></x:is></x:c></x:row>"#
        + #"<![CDATA[ <not a tag> ]]><?pi keep > this?></x:sheetData><x:empty q="&quot;да&quot;"/></x:worksheet>"#

    func scan(_ text: String, chunk: Int) throws -> (out: [UInt8], tags: [XMLTag]) {
        var out: [UInt8] = []
        var tags: [XMLTag] = []
        let scanner = XMLTagScanner(onBytes: { out.append(contentsOf: $0) }, onTag: { tag, raw in tags.append(tag); out.append(contentsOf: raw) })
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            try bytes[i..<min(i + chunk, bytes.count)].withUnsafeBytes { try scanner.feed($0) }
            i += chunk
        }
        try scanner.finish()
        return (out, tags)
    }

    @Test(arguments: [1, 2, 3, 7, 64, 100_000])
    func everyByteComesBackWhateverTheChunks(_ chunk: Int) throws {
        let (out, tags) = try scan(Self.document, chunk: chunk)
        #expect(out == Array(Self.document.utf8))
        #expect(tags.map(\.name) == ["x:worksheet", "x:sheetData", "x:row", "x:c", "x:v", "x:v", "x:c", "x:c", "x:is", "x:t", "x:t", "x:is", "x:c",
                                     "x:row", "x:sheetData", "x:empty", "x:worksheet"])
        #expect(tags[0].value("a") == "1 > 0" && tags[0].prefix == "x" && tags[0].localName == "worksheet")
        #expect(tags[3].value("s") == "3" && tags[3].kind == .start)
        #expect(tags[15].kind == .empty && tags[15].value("q") == "\"да\"")
        #expect(tags[4].kind == .start && tags[5].kind == .end)
    }

    @Test func aTagIsWrittenAgainWithOnlyTheAttributesChanged() {
        let tag = XMLTag(kind: .empty, name: "c", attributes: [("r", "B2"), ("s", "3"), ("t", "n")])
        #expect(tag.written(set: [("s", "12")]) == #"<c r="B2" s="12" t="n"/>"#)
        #expect(tag.written(set: [("s", "1 < 2")], removed: ["t"], as: .start) == #"<c r="B2" s="1 &lt; 2">"#)
        #expect(XMLTag(kind: .start, name: "sheetView", attributes: [("tabSelected", "1"), ("workbookViewId", "0")]).written(removed: ["tabSelected"])
                == #"<sheetView workbookViewId="0">"#)
    }

    @Test func markupLeftOpenAndOverlongTagsAreRefused() throws {
        #expect(throws: XMLError.self) { _ = try scan("<a><b c=\"1\"", chunk: 4) }
        let scanner = XMLTagScanner(maxTagBytes: 16, onBytes: { _ in }, onTag: { _, _ in })
        #expect(throws: XMLError.tagTooLong(limit: 16)) {
            try Array("<a b=\"\(String(repeating: "x", count: 40))".utf8).withUnsafeBytes { try scanner.feed($0) }
        }
    }

    @Test func entitiesAndCharacterReferencesAreDecoded() {
        #expect(XMLTagScanner.decode("a &amp; b &lt;&gt; &#1099;&#x44B; &quot;&apos; &unknown;") == "a & b <> ыы \"' &unknown;")
        #expect(XMLTagScanner.escape("<\"&\n>") == "&lt;&quot;&amp;&#10;&gt;")
    }
}
