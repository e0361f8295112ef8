import SvodXML
import Testing

@Suite struct XMLWriterTests {
    /// What `body` wrote, and what it returned.
    func written(_ body: (XMLWriter) -> Bool = { _ in true }) throws -> (ok: Bool, text: String) {
        var out: [UInt8] = []
        let x = XMLWriter(chunk: 16) { out += $0 }
        let ok = body(x)
        try x.flush()
        return (ok, String(decoding: out, as: UTF8.self))
    }

    @Test func escapesMarkupInTextAndAttributes() throws {
        #expect(try written { $0.text("a<b>&c\"d'\r\n\t") } == (true, "a&lt;b&gt;&amp;c\"d'&#13;\n\t"))
        #expect(try written { $0.attribute("a<\"b\"\n\t") } == (true, "a&lt;&quot;b&quot;&#10;&#9;"))
        #expect(try written { $0.text("Ёжик № 5 — «ёлка» 🎓") } == (true, "Ёжик № 5 — «ёлка» 🎓"))
    }

    @Test(arguments: ["a\u{1}b", "\u{0}", "x\u{FFFE}", "\u{FFFF}", "\u{1F}"])
    func refusesWhatXMLCannotCarryAndWritesNothing(_ bad: String) throws {
        #expect(try written { $0.text(bad) } == (false, ""))
    }

    @Test func replacesWhenAskedAndPassesLookalikes() throws {
        #expect(try written { $0.safeText("a\u{1}b"); return true }.text == "a\u{FFFD}b")
        #expect(try written { $0.text("\u{FFFD}\u{EFBF}") } == (true, "\u{FFFD}\u{EFBF}"))
    }

    @Test func guardsLiteralOOXMLEscapesOnlyWhenAsked() throws {
        #expect(try written { $0.text("_x0041_", guardingOOXMLEscapes: true) } == (false, ""))
        #expect(try written { $0.text("_x0041_") } == (true, "_x0041_"))
        #expect(try written { $0.text("_x004_ _xZZZZ_", guardingOOXMLEscapes: true) } == (true, "_x004_ _xZZZZ_"))
    }

    static let numbers: [(Double, String)] = [
        (0.0, "0"), (-0.0, "0"), (15, "15"), (-12.5, "-12.5"), (0.1, "0.1"), (1e-7, "1e-07"),
        (123_456_789_012, "123456789012"), (1e15, "1000000000000000"), (1e16, "1e+16"), (1.0 / 3, "0.3333333333333333"),
    ]

    @Test(arguments: numbers)
    func writesNumbersShortestFirst(_ value: Double, _ text: String) throws {
        #expect(try written { $0.number(value); return true }.text == text)
        #expect(Double(text) == value)
    }

    @Test func writesIntegers() throws {
        #expect(try written { $0.int(0); $0.raw(" "); $0.int(-42); $0.raw(" "); $0.int(Int.max); return true }.text == "0 -42 \(Int.max)")
    }
}
