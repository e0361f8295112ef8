import Foundation
import SvodWorkbook
import SvodXML

/// The small parts of a package: content types, relationships, workbook, properties.
enum XLSXPackageParts {
    struct SheetEntry {
        var name: String
        var visibility: SheetVisibility
        var hasComments: Bool
        var autoFilter: CellRange?
        var repeatRows: ClosedRange<Int>? = nil
    }

    /// The rows a sheet prints on every page, as Excel names them: `'ВПР'!$1:$2`.
    static func printTitles(_ sheet: String, _ rows: ClosedRange<Int>) -> String {
        "\(quotedSheet(sheet))!$\(rows.lowerBound + 1):$\(rows.upperBound + 1)"
    }

    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    static func contentTypes(_ sheets: [SheetEntry], hasCustomProperties: Bool, to x: XMLWriter) {
        x.raw(header)
        x.raw(#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#)
        x.raw(#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#)
        x.raw(#"<Default Extension="xml" ContentType="application/xml"/>"#)
        if sheets.contains(where: \.hasComments) {
            x.raw(#"<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>"#)
        }
        x.raw(#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#)
        for (i, s) in sheets.enumerated() {
            x.raw("<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")
            if s.hasComments {
                x.raw("<Override PartName=\"/xl/comments\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml\"/>")
            }
        }
        x.raw(#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#)
        x.raw(#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#)
        x.raw(#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#)
        if hasCustomProperties {
            x.raw(#"<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>"#)
        }
        x.raw("</Types>")
    }

    static func rootRelationships(hasCustomProperties: Bool, to x: XMLWriter) {
        x.raw(header)
        x.raw(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#)
        x.raw(#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#)
        x.raw(#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#)
        x.raw(#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#)
        if hasCustomProperties {
            x.raw(#"<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>"#)
        }
        x.raw("</Relationships>")
    }

    static func workbookRelationships(sheetCount: Int, to x: XMLWriter) {
        x.raw(header)
        x.raw(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#)
        for i in 1...sheetCount {
            x.raw("<Relationship Id=\"rId\(i)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>")
        }
        x.raw("<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>")
        x.raw("</Relationships>")
    }

    static func sheetRelationships(sheet: Int, to x: XMLWriter) {
        x.raw(header)
        x.raw(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#)
        x.raw("<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing\" Target=\"../drawings/vmlDrawing\(sheet).vml\"/>")
        x.raw("<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"../comments\(sheet).xml\"/>")
        x.raw("</Relationships>")
    }

    /// `xl/workbook.xml`; `names` are already in Excel syntax.
    static func workbook(_ sheets: [SheetEntry], names: [DefinedName], to x: XMLWriter) {
        x.raw(header)
        x.raw(#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#)
        x.raw(#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        let active = sheets.firstIndex { $0.visibility == .visible } ?? 0
        x.raw(#"<bookViews><workbookView activeTab=""#); x.int(active); x.raw(#""/></bookViews><sheets>"#)
        for (i, s) in sheets.enumerated() {
            x.raw(#"<sheet name=""#); x.safeAttribute(s.name); x.raw(#"" sheetId=""#); x.int(i + 1); x.raw(#"""#)
            switch s.visibility {
            case .visible: break
            case .hidden: x.raw(#" state="hidden""#)
            case .veryHidden: x.raw(#" state="veryHidden""#)
            }
            x.raw(#" r:id="rId"#); x.int(i + 1); x.raw(#""/>"#)
        }
        x.raw("</sheets>")
        // Excel keeps each filter's range as a hidden name; it repairs the file without one.
        var all = names
        for (i, s) in sheets.enumerated() {
            if let rows = s.repeatRows {
                all.append(DefinedName(name: "_xlnm.Print_Titles", refersTo: printTitles(s.name, rows), localSheet: i))
            }
            if let f = s.autoFilter {
                let ref = "\(quotedSheet(s.name))!$\(CellReference.columnName(f.start.column))$\(f.start.row + 1):$\(CellReference.columnName(f.end.column))$\(f.end.row + 1)"
                all.append(DefinedName(name: "_xlnm._FilterDatabase", refersTo: ref, localSheet: i))
            }
        }
        if !all.isEmpty {
            x.raw("<definedNames>")
            for n in all {
                x.raw(#"<definedName name=""#); x.safeAttribute(n.name); x.raw(#"""#)
                if let local = n.localSheet { x.raw(#" localSheetId=""#); x.int(local); x.raw(#"""#) }
                if n.name == "_xlnm._FilterDatabase" { x.raw(#" hidden="1""#) }
                x.raw(">"); x.safeText(n.refersTo); x.raw("</definedName>")
            }
            x.raw("</definedNames>")
        }
        // Cached values are what other readers see; Excel recomputes on opening all the same.
        x.raw(#"<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>"#)
    }

    /// A sheet name as a formula prefix: quoted unless plainly a word.
    static func quotedSheet(_ name: String) -> String {
        let plain = name.first.map { !$0.isNumber } == true && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            && CellReference(name) == nil
        return plain ? name : "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func core(_ p: DocumentProperties, to x: XMLWriter) {
        x.raw(header)
        x.raw(#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#)
        x.raw(#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#)
        x.raw(#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#)
        func element(_ tag: String, _ value: String?) {
            guard let value else { return }
            x.raw("<\(tag)>"); x.safeText(value); x.raw("</\(tag)>")
        }
        element("dc:title", p.title)
        element("dc:subject", p.subject)
        element("dc:creator", p.creator)
        element("cp:keywords", p.keywords)
        element("dc:description", p.description)
        let created = w3cdtf(p.created ?? .now())
        x.raw(#"<dcterms:created xsi:type="dcterms:W3CDTF">"#); x.raw(created); x.raw("</dcterms:created>")
        x.raw(#"<dcterms:modified xsi:type="dcterms:W3CDTF">"#); x.raw(w3cdtf(p.modified ?? .now())); x.raw("</dcterms:modified>")
        x.raw("</cp:coreProperties>")
    }

    static func app(_ sheets: [SheetEntry], application: String, to x: XMLWriter) {
        x.raw(header)
        x.raw(#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#)
        x.raw(#"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#)
        x.raw("<Application>"); x.safeText(application); x.raw("</Application>")
        x.raw("<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Листы</vt:lpstr></vt:variant>")
        x.raw("<vt:variant><vt:i4>\(sheets.count)</vt:i4></vt:variant></vt:vector></HeadingPairs>")
        x.raw("<TitlesOfParts><vt:vector size=\"\(sheets.count)\" baseType=\"lpstr\">")
        for s in sheets { x.raw("<vt:lpstr>"); x.safeText(s.name); x.raw("</vt:lpstr>") }
        x.raw("</vt:vector></TitlesOfParts></Properties>")
    }

    static func custom(_ p: DocumentProperties, to x: XMLWriter) {
        x.raw(header)
        x.raw(#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" "#)
        x.raw(#"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#)
        for (i, prop) in p.custom.enumerated() {
            x.raw(#"<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid=""#); x.int(i + 2)
            x.raw(#"" name=""#); x.safeAttribute(prop.name); x.raw(#""><vt:lpwstr>"#); x.safeText(prop.value)
            x.raw("</vt:lpwstr></property>")
        }
        x.raw("</Properties>")
    }

    /// "2026-11-29T07:25:02Z".
    static func w3cdtf(_ d: CivilDateTime) -> String {
        let day = CivilDateTime(days: d.days, seconds: d.seconds.rounded(.down), hasTime: true).iso8601
        return day + "Z"
    }
}
