import Foundation
import SvodXML
import Testing

/// A recorder that fails at its `limit`-th start tag, as a handler does on a bad cell.
final class FailingRecorder: Recorder {
    struct Stop: Error, Equatable {}
    let limit: Int
    var starts = 0

    init(limit: Int) { self.limit = limit }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        starts += 1
        if starts == limit { failure = Stop() }
        super.startElement(name, attributes)
    }
}

@Suite struct BackgroundSAXParserTests {
    static func sheet(rows: Int) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"urn:s\" xmlns:r=\"urn:r\"><sheetData>"
            + (1...rows).map { "<row r=\"\($0)\" r:id=\"x\($0)\"><c r=\"A\($0)\" t=\"s\"><v>\($0 * 7)</v></c><c r=\"B\($0)\"><is><t xml:space=\"preserve\"> Иванов &amp; К° </t></is></c></row>" }.joined()
            + "</sheetData></worksheet>"
    }

    @Test func eventsAcrossManyTapesMatchTheInlineParser() throws {
        let xml = Self.sheet(rows: 20_000)  // about 2.5 MB of events: many tapes
        let inline = try SAXParserTests().parseInline(xml, chunk: 65_536, limits: .default)
        for chunk in [4096, 65_536, 1 << 20] {
            #expect(try parseAhead(xml, chunk: chunk) == inline)
        }
        #expect(inline.count == 20_000 * 14 + 4)
    }

    /// A reader slower than the parser, then a parser slower than the reader: each side waits
    /// for the other in turn, and every event still arrives once, in order.
    @Test func eitherSideMayWaitForTheOther() throws {
        final class Slow: Recorder {
            var count = 0
            override func endElement(_ name: XMLName) {
                count += 1
                if count % 20_000 == 0 { Thread.sleep(forTimeInterval: 0.01) }
                super.endElement(name)
            }
        }
        final class SlowInput: @unchecked Sendable {
            let inner: ChunkedInput
            init(_ inner: ChunkedInput) { self.inner = inner }
            func next() throws -> UnsafeRawBufferPointer? {
                if inner.calls % 100 == 99 { Thread.sleep(forTimeInterval: 0.01) }
                return try inner.next()
            }
        }
        let xml = Self.sheet(rows: 40_000)  // about ten tapes of events
        let expected = try SAXParserTests().parseInline(xml, chunk: 65_536, limits: .default)
        let slowReader = Slow()
        let p1 = BackgroundSAXParser(handler: slowReader, input: ChunkedInput(Array(xml.utf8), chunk: 65_536).next)
        while try p1.pump() {}
        #expect(mergeText(slowReader.events) == expected)
        let fastReader = Recorder()
        let p2 = BackgroundSAXParser(handler: fastReader, input: SlowInput(ChunkedInput(Array(xml.utf8), chunk: 16_384)).next)
        while try p2.pump() {}
        #expect(mergeText(fastReader.events) == expected)
    }

    @Test func eventsBiggerThanATapeArriveWhole() throws {
        let text = String(repeating: "абв&lt;", count: 100_000)
        let attribute = String(repeating: "x", count: 300_000)
        let xml = "<a v=\"\(attribute)\"><b>\(text)</b><c/></a>"
        let events = try SAXParserTests().parse(xml, chunk: 7_000)
        #expect(events.count == 7)
        #expect(events[0] == "<a v=\(attribute)>")
        #expect(events[2] == "#" + String(repeating: "абв<", count: 100_000))
    }

    @Test func aHandlerFailureStopsTheParserEarly() throws {
        let bytes = Array(Self.sheet(rows: 20_000).utf8)
        let input = ChunkedInput(bytes, chunk: 4096)
        let handler = FailingRecorder(limit: 1000)
        let parser = BackgroundSAXParser(handler: handler, input: input.next)
        #expect(throws: FailingRecorder.Stop()) { while try parser.pump() {} }
        // No event after the failing one reached the handler, and the input was not read to its end.
        #expect(handler.starts == 1000)
        #expect(input.offset < bytes.count / 2)
        #expect(throws: FailingRecorder.Stop()) { _ = try parser.pump() } // the stream stays failed
    }

    @Test func droppingTheParserStopsItsThread() throws {
        let bytes = Array(Self.sheet(rows: 20_000).utf8)
        let input = ChunkedInput(bytes, chunk: 4096)
        do {
            let parser = BackgroundSAXParser(handler: Recorder(), input: input.next)
            #expect(try parser.pump())
        }
        // The parser's deinit waited for its thread: the input is no longer read.
        let calls = input.calls
        Thread.sleep(forTimeInterval: 0.05)
        #expect(input.calls == calls)
        #expect(input.offset < bytes.count)
    }

    @Test func anInputFailureIsReportedAsItself() {
        struct Inflate: Error, Equatable {}
        let input = ChunkedInput(Array(Self.sheet(rows: 100).utf8), chunk: 1000, failure: Inflate())
        let parser = BackgroundSAXParser(handler: Recorder(), input: input.next)
        #expect(throws: Inflate()) { while try parser.pump() {} }
    }

    @Test func anUnstartedParserFreesItself() {
        let input = ChunkedInput(Array("<a/>".utf8), chunk: 10)
        _ = BackgroundSAXParser(handler: Recorder(), input: input.next)
        #expect(input.calls == 0)
    }
}
