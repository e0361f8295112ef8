import Foundation

/// Small XLSX packages assembled from XML snippets, for tests of one trap each.
public enum XLSXFixture {
    public static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    public static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A worksheet part around `sheetData` rows (and anything after sheetData, such as merges).
    public static func sheet(_ rows: String, after: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(main)" xmlns:r="\(rel)"><sheetData>\(rows)</sheetData>\(after)</worksheet>
        """
    }

    /// A shared-strings part from `<si>` items.
    public static func sharedStrings(_ items: [String]) -> String {
        "<?xml version=\"1.0\"?><sst xmlns=\"\(main)\">" + items.joined() + "</sst>"
    }

    /// A styles part whose cellXfs use these number-format ids, with custom formats.
    public static func styles(formatIds: [Int], custom: [Int: String] = [:]) -> String {
        let fmts = custom.sorted { $0.key < $1.key }.map {
            "<numFmt numFmtId=\"\($0.key)\" formatCode=\"\($0.value.replacingOccurrences(of: "\"", with: "&quot;"))\"/>"
        }.joined()
        let xfs = formatIds.map { "<xf numFmtId=\"\($0)\" fontId=\"0\"/>" }.joined()
        return "<?xml version=\"1.0\"?><styleSheet xmlns=\"\(main)\"><numFmts>\(fmts)</numFmts><cellXfs>\(xfs)</cellXfs></styleSheet>"
    }

    /// A whole package: sheets named and ordered as given, optional shared strings and styles.
    public static func package(sheets: [(name: String, xml: String)], sharedStrings: String? = nil,
                               styles: String? = nil, workbookExtra: String = "", sheetAttributes: [String] = [],
                               date1904: Bool = false, extraParts: [(String, String)] = []) -> [UInt8] {
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", """
            <?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
            """)
        zip.add("_rels/.rels", """
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        var sheetEntries = ""
        var rels = ""
        for (i, s) in sheets.enumerated() {
            let extra = i < sheetAttributes.count ? " " + sheetAttributes[i] : ""
            sheetEntries += "<sheet name=\"\(s.name)\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"\(extra)/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
            zip.add("xl/worksheets/sheet\(i + 1).xml", s.xml)
        }
        if let sharedStrings {
            rels += "<Relationship Id=\"rIdS\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            zip.add("xl/sharedStrings.xml", sharedStrings)
        }
        if let styles {
            rels += "<Relationship Id=\"rIdT\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>"
            zip.add("xl/styles.xml", styles)
        }
        zip.add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)</Relationships>
            """)
        let pr = date1904 ? "<workbookPr date1904=\"1\"/>" : ""
        zip.add("xl/workbook.xml", """
            <?xml version="1.0"?><workbook xmlns="\(main)" xmlns:r="\(rel)">\(pr)<sheets>\(sheetEntries)</sheets>\(workbookExtra)</workbook>
            """)
        for (name, text) in extraParts { zip.add(name, text) }
        return zip.build()
    }
}

/// Small ODS packages and flat ODF documents assembled from XML snippets.
public enum ODSFixture {
    public static let namespaces = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
        """

    /// content.xml around the tables of a spreadsheet body.
    public static func content(_ tables: String, automaticStyles: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?><office:document-content \(namespaces) office:version="1.3">\
        <office:automatic-styles>\(automaticStyles)</office:automatic-styles>\
        <office:body><office:spreadsheet>\(tables)</office:spreadsheet></office:body></office:document-content>
        """
    }

    /// A flat ODF (.fods) document with the same body.
    public static func flat(_ tables: String, automaticStyles: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?><office:document \(namespaces) office:version="1.3" \
        office:mimetype="application/vnd.oasis.opendocument.spreadsheet">\
        <office:automatic-styles>\(automaticStyles)</office:automatic-styles>\
        <office:body><office:spreadsheet>\(tables)</office:spreadsheet></office:body></office:document>
        """
    }

    /// A zipped ODS with `mimetype` first and a manifest (optionally claiming encryption).
    public static func package(content: String, encrypted: Bool = false, mimetype: String? = nil) -> [UInt8] {
        var zip = ZipBuilder()
        zip.add("mimetype", mimetype ?? "application/vnd.oasis.opendocument.spreadsheet")
        let encryption = encrypted ? """
            <manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm \
            manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data>
            """ : ""
        zip.add("META-INF/manifest.xml", """
            <?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">\
            <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\
            <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">\(encryption)</manifest:file-entry></manifest:manifest>
            """)
        zip.add("content.xml", content)
        return zip.build()
    }
}
