import Foundation
import SvodWorkbook
import SvodXML

/// The parts of an ODS package other than the tables themselves.
enum ODSParts {
    static let mimetype = "application/vnd.oasis.opendocument.spreadsheet"
    static let header = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    static let namespaces = #"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#
        + #"xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" "#
        + #"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#
        + #"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#
        + #"xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" "#
        + #"xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" "#
        + #"xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" "#
        + #"xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" "#
        + #"xmlns:dc="http://purl.org/dc/elements/1.1/" "#
        + #"xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" "#
        + #"xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" "#

    /// `xml` (elements side by side) with svod's namespace declarations on each outer element:
    /// put into another document, it means the same whatever prefixes that document uses.
    static func declaringNamespaces(_ xml: [UInt8]) throws -> [UInt8] {
        var depth = XMLDepth()
        let declarations = namespaces.split(separator: " ").map { decl -> (String, String) in
            let parts = decl.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), String(parts[1].dropFirst().dropLast()))
        }
        return try XMLTagScanner.rewrite(xml) { tag, raw, out in
            if depth.enter(tag) == 0, tag.kind != .end {
                let missing = declarations.filter { d in !tag.attributes.contains { $0.name == d.0 } }
                out.append(contentsOf: tag.written(set: missing).utf8)
            } else {
                out.append(contentsOf: raw)
            }
        }
    }

    struct SheetEntry {
        var name: String
        var frozenRows: Int
        var frozenColumns: Int
        var autoFilter: CellRange?
        var tabColor: Color? = nil
    }

    /// From the XML declaration to the first table: automatic styles and validations.
    static func contentPrologue(styles: ODSStyleTable, validations: [(DataValidation, String, String)], to x: XMLWriter) throws {
        x.raw(header)
        x.raw("<office:document-content "); x.raw(namespaces); x.raw(#"office:version="1.3">"#)
        styles.write(x)
        // ODF's default reads criteria of SUMIF/COUNTIF… as regular expressions, so «Математика
        // (профильный уровень)» would match nothing; Excel's wildcards are what formulas mean.
        x.raw("<office:body><office:spreadsheet>")
        x.raw(#"<table:calculation-settings table:automatic-find-labels="false" table:use-regular-expressions="false" table:use-wildcards="true"/>"#)
        if !validations.isEmpty {
            x.raw("<table:content-validations>")
            for (v, name, sheet) in validations { try ODSValidation.write(v, name: name, sheet: sheet, to: x) }
            x.raw("</table:content-validations>")
        }
    }

    /// After the last table: named ranges, filter ranges, and the closing tags.
    static func contentEpilogue(names: [(name: String, address: String, isRange: Bool, sheet: String?)],
                                sheets: [SheetEntry], to x: XMLWriter) {
        if !names.isEmpty {
            x.raw("<table:named-expressions>")
            for n in names {
                let base = "$" + ODSValidation.quotedSheet(n.sheet ?? sheets.first?.name ?? "") + ".$A$1"
                if n.isRange {
                    x.raw(#"<table:named-range table:name=""#); x.safeAttribute(n.name)
                    x.raw(#"" table:base-cell-address=""#); x.safeAttribute(base)
                    x.raw(#"" table:cell-range-address=""#); x.safeAttribute(n.address); x.raw(#""/>"#)
                } else {
                    x.raw(#"<table:named-expression table:name=""#); x.safeAttribute(n.name)
                    x.raw(#"" table:base-cell-address=""#); x.safeAttribute(base)
                    x.raw(#"" table:expression=""#); x.safeAttribute(n.address); x.raw(#""/>"#)
                }
            }
            x.raw("</table:named-expressions>")
        }
        let filtered = sheets.filter { $0.autoFilter != nil }
        if !filtered.isEmpty {
            x.raw("<table:database-ranges>")
            for (i, s) in filtered.enumerated() {
                let f = s.autoFilter!
                let range = ODSValidation.address(s.name, f.start) + ":" + ODSValidation.address(s.name, f.end)
                x.raw(#"<table:database-range table:name="__Anonymous_Sheet_DB__"#); x.int(i)
                x.raw(#"" table:target-range-address=""#); x.safeAttribute(range)
                x.raw(#"" table:display-filter-buttons="true"/>"#)
            }
            x.raw("</table:database-ranges>")
        }
        x.raw("</office:spreadsheet></office:body></office:document-content>")
    }

    static func styles(pages: (layouts: String, masters: String) = ("", ""), looks: String = "", to x: XMLWriter) {
        x.raw(header)
        x.raw("<office:document-styles "); x.raw(namespaces); x.raw(#"office:version="1.3">"#)
        // Calibri 11, as in the XLSX svod writes: LibreOffice counts a column's width in characters
        // of the default font, so a width survives ODS → XLSX only with the same font.
        x.raw(#"<office:font-face-decls><style:font-face style:name="Calibri" svg:font-family="Calibri" style:font-family-generic="swiss"/></office:font-face-decls>"#)
        x.raw("<office:styles>")
        let font = #"<style:text-properties style:font-name="Calibri" fo:font-size="11pt" style:font-size-asian="11pt" style:font-size-complex="11pt"/>"#
        x.raw(#"<style:default-style style:family="table-cell">"# + font + "</style:default-style>")
        x.raw(#"<style:style style:name="Default" style:family="table-cell">"# + font + "</style:style>")
        x.raw(looks)
        x.raw("</office:styles>")
        x.raw(#"<office:automatic-styles><style:page-layout style:name="pm1"/>"#); x.raw(pages.layouts); x.raw("</office:automatic-styles>")
        x.raw(#"<office:master-styles><style:master-page style:name="Default" style:page-layout-name="pm1"/>"#); x.raw(pages.masters)
        x.raw("</office:master-styles>")
        x.raw("</office:document-styles>")
    }

    static func meta(_ p: DocumentProperties, application: String, to x: XMLWriter) {
        x.raw(header)
        x.raw("<office:document-meta "); x.raw(namespaces); x.raw(#"office:version="1.3"><office:meta>"#)
        x.raw("<meta:generator>"); x.safeText(application); x.raw("</meta:generator>")
        func element(_ tag: String, _ value: String?) {
            guard let value else { return }
            x.raw("<\(tag)>"); x.safeText(value); x.raw("</\(tag)>")
        }
        element("dc:title", p.title)
        element("dc:subject", p.subject)
        element("dc:description", p.description)
        element("meta:keyword", p.keywords)
        element("meta:initial-creator", p.creator)
        element("dc:creator", p.creator)
        let now = p.modified ?? CivilDateTime.now()
        x.raw("<meta:creation-date>"); x.raw(iso(p.created ?? now)); x.raw("</meta:creation-date>")
        x.raw("<dc:date>"); x.raw(iso(now)); x.raw("</dc:date>")
        for c in p.custom {
            x.raw(#"<meta:user-defined meta:name=""#); x.safeAttribute(c.name); x.raw(#"">"#); x.safeText(c.value)
            x.raw("</meta:user-defined>")
        }
        x.raw("</office:meta></office:document-meta>")
    }

    private static func iso(_ d: CivilDateTime) -> String {
        CivilDateTime(days: d.days, seconds: d.seconds.rounded(.down), hasTime: true).iso8601
    }

    /// View settings: the first visible sheet active, frozen panes where asked.
    static func settings(_ sheets: [SheetEntry], active: String, to x: XMLWriter) {
        x.raw(header)
        x.raw(#"<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#)
        x.raw(#"xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3"><office:settings>"#)
        x.raw(#"<config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views">"#)
        x.raw(#"<config:config-item-map-entry><config:config-item config:name="ViewId" config:type="string">view1</config:config-item>"#)
        let frozen = sheets.filter { $0.frozenRows > 0 || $0.frozenColumns > 0 || $0.tabColor != nil }
        // The schema wants at least one entry in a map: without frozen panes there is no map.
        if !frozen.isEmpty { x.raw(#"<config:config-item-map-named config:name="Tables">"#) }
        func item(_ name: String, _ type: String, _ value: Int) {
            x.raw(#"<config:config-item config:name=""#); x.raw(name); x.raw(#"" config:type=""#); x.raw(type); x.raw(#"">"#)
            x.int(value); x.raw("</config:config-item>")
        }
        for s in frozen {
            x.raw(#"<config:config-item-map-entry config:name=""#); x.safeAttribute(s.name); x.raw(#"">"#)
            item("HorizontalSplitMode", "short", s.frozenColumns > 0 ? 2 : 0)
            item("VerticalSplitMode", "short", s.frozenRows > 0 ? 2 : 0)
            item("HorizontalSplitPosition", "int", s.frozenColumns)
            item("VerticalSplitPosition", "int", s.frozenRows)
            item("ActiveSplitRange", "short", s.frozenRows > 0 ? 2 : 3)
            item("PositionLeft", "int", 0)
            item("PositionRight", "int", s.frozenColumns)
            item("PositionTop", "int", 0)
            item("PositionBottom", "int", s.frozenRows)
            if let tab = s.tabColor { item("TabColor", "int", Int(tab.red) << 16 | Int(tab.green) << 8 | Int(tab.blue)) }
            x.raw("</config:config-item-map-entry>")
        }
        if !frozen.isEmpty { x.raw("</config:config-item-map-named>") }
        x.raw(#"<config:config-item config:name="ActiveTable" config:type="string">"#); x.safeText(active)
        x.raw("</config:config-item></config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set>")
        x.raw("</office:settings></office:document-settings>")
    }

    static func manifest(to x: XMLWriter) {
        x.raw(header)
        x.raw(#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">"#)
        x.raw(#"<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type=""#)
        x.raw(mimetype); x.raw(#""/>"#)
        for part in ["content.xml", "styles.xml", "meta.xml", "settings.xml"] {
            x.raw(#"<manifest:file-entry manifest:full-path=""#); x.raw(part); x.raw(#"" manifest:media-type="text/xml"/>"#)
        }
        x.raw("</manifest:manifest>")
    }
}
