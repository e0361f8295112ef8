import SvodWorkbook
import SvodXML

/// A sheet's comments part and the legacy VML drawing Excel needs to show them.
enum XLSXComments {
    static func writeComments(_ comments: [(CellReference, Comment)], to x: XMLWriter) {
        var authors: [String] = []
        for (_, c) in comments where !authors.contains(c.author) { authors.append(c.author) }
        x.raw(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
        x.raw("\n")
        x.raw(#"<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>"#)
        for a in authors { x.raw("<author>"); x.safeText(a); x.raw("</author>") }
        x.raw("</authors><commentList>")
        for (ref, c) in comments {
            x.raw(#"<comment ref=""#); x.raw(ref.a1); x.raw(#"" authorId=""#); x.int(authors.firstIndex(of: c.author)!)
            x.raw(#""><text><t xml:space="preserve">"#)
            if !x.text(c.text, guardingOOXMLEscapes: true) { _ = x.text(OOXMLText.encode(c.text)) }
            x.raw("</t></text></comment>")
        }
        x.raw("</commentList></comments>")
    }

    /// One hidden note shape per comment, anchored beside its cell (what Excel itself writes);
    /// the drawing takes the block of shape ids `block` (ids from block × 1024 + 1), one a sheet.
    static func writeVML(_ comments: [(CellReference, Comment)], block: Int, to x: XMLWriter) {
        x.raw(#"<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" "#)
        x.raw(#"xmlns:x="urn:schemas-microsoft-com:office:excel">"#)
        x.raw("<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"\(block)\"/></o:shapelayout>")
        writeShapes(comments, typeID: "_x0000_t202", idPrefix: "_x0000_s", first: block * 1024 + 1, to: x)
        x.raw("</xml>")
    }

    /// The note shape type `typeID` and a shape per comment, ids `idPrefix` + `first`…: a patched
    /// drawing gets ids of its own beside the shapes it has.
    static func writeShapes(_ comments: [(CellReference, Comment)], typeID: String, idPrefix: String, first: Int = 1025, to x: XMLWriter) {
        x.raw("<v:shapetype id=\"\(typeID)\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">")
        x.raw(#"<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>"#)
        for (i, (ref, _)) in comments.enumerated() {
            x.raw("<v:shape id=\"\(idPrefix)\(first + i)\" type=\"#\(typeID)\"")
            x.raw(##" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:144pt;height:79pt;z-index:"##)
            x.int(i + 1)
            x.raw(##";visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">"##)
            x.raw(##"<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>"##)
            x.raw(#"<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></v:textbox>"#)
            x.raw(#"<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>"#)
            let c = ref.column, r = ref.row
            x.raw("<x:Anchor>\(c + 1), 15, \(max(0, r - 1)), 10, \(c + 3), 15, \(r + 3), 4</x:Anchor>")
            x.raw("<x:AutoFill>False</x:AutoFill><x:Row>"); x.int(r); x.raw("</x:Row><x:Column>"); x.int(c)
            x.raw("</x:Column></x:ClientData></v:shape>")
        }
    }

    /// What `body` writes, as bytes.
    static func bytes(_ body: (XMLWriter) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        let x = XMLWriter { out.append(contentsOf: $0) }
        body(x)
        try? x.flush()
        return out
    }
}
