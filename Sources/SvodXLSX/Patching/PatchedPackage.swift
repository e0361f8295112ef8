import Foundation
import SvodPackage
import SvodWorkbook
import SvodXML
import SvodZip

/// The parts of a source package a patch reads and rewrites, and the order they are laid out in.
final class PatchedPackage {
    private let archive: ZipArchive
    private let xmlLimits: XMLLimits
    private let workbookPart: String
    private let workbookRels: [Relationship]
    private let sheets: [(name: String, part: String?)]
    private let activeTab: Int
    private let stylesPart: String?
    private var taken: Set<String>
    /// Replaced parts by name, and new ones in the order made.
    private var replaced: [String: DeflatedSegment] = [:]
    private var added: [(String, DeflatedSegment)] = []
    private var contentTypes: [(extension: String?, part: String?, type: String)] = []
    private var dropped: Set<String> = []

    static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    static let spreadsheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml."

    init(archive: ZipArchive, xmlLimits: XMLLimits) throws {
        self.archive = archive
        self.xmlLimits = xmlLimits
        taken = Set(archive.entries.map { $0.name.lowercased() })
        let root = try XLSXReader.relationships(of: "", in: archive, limits: xmlLimits)
        workbookPart = root.first { $0.kind == "officeDocument" && !$0.external }?.target ?? "xl/workbook.xml"
        let bytes = try Self.read(workbookPart, archive)
        if String(decoding: bytes.prefix(4096), as: UTF8.self).contains("purl.oclc.org/ooxml") {
            throw PatchUnsupported(why: "Strict Open XML")
        }
        workbookRels = try XLSXReader.relationships(of: workbookPart, in: archive, limits: xmlLimits)
        let byID = Dictionary(workbookRels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var sheets: [(String, String?)] = []
        var activeTab = 0
        try XMLTagScanner.tags(bytes) { tag in
            if tag.localName == "sheet", tag.kind != .end, let name = tag.value("name") {
                let id = tag.attributes.first { $0.name.hasSuffix(":id") }.map { XMLTagScanner.decode($0.raw) }
                let rel = id.flatMap { byID[$0] }
                sheets.append((name, rel?.kind == "worksheet" ? rel?.target : nil))
            }
            if tag.localName == "workbookView", tag.kind != .end, let a = tag.value("activeTab").flatMap(Int.init) { activeTab = a }
        }
        self.sheets = sheets
        self.activeTab = activeTab
        stylesPart = workbookRels.first { $0.kind == "styles" && !$0.external }?.target
    }

    static func read(_ part: String, _ archive: ZipArchive) throws -> [UInt8] {
        guard let entry = archive.entry(named: part) else { throw ReadError.missingPart(part) }
        do { return try archive.read(entry) } catch { throw ReadError.wrap(error, part: part) }
    }

    /// A part name the package does not have yet, from `stem` + n + `ext`.
    private func fresh(_ stem: String, _ ext: String) -> String {
        var n = 1
        while taken.contains("\(stem)\(n)\(ext)".lowercased()) { n += 1 }
        taken.insert("\(stem)\(n)\(ext)".lowercased())
        return "\(stem)\(n)\(ext)"
    }

    func write(_ patch: WorkbookPatch, into output: PackageOutput) throws -> XLSXPatch.Outcome {
        var outcome = XLSXPatch.Outcome()
        let styles = try StylesPatch(stylesPart.flatMap { try? Self.read($0, archive) })
        var addedSheet: (name: String, part: String, titles: ClosedRange<Int>?)?
        if let first = patch.firstSheet {
            let writer = AddedSheet(output: output, xfBase: styles.addedBase, options: patch.options)
            try first.write(writer)
            guard let segment = writer.segment else { throw WriteError.misuse("the added sheet was not written") }
            styles.add(writer.styleTable)
            let part = fresh("xl/worksheets/svod-sheet", ".xml")
            added.append((part, segment))
            contentTypes.append((nil, part, Self.spreadsheetType + "worksheet+xml"))
            addedSheet = (first.name, part, writer.repeatRows)
        }
        let known = Set(sheets.map(\.name))
        outcome.missingSheets = patch.marks.keys.filter { !known.contains($0) }.sorted()
        for (index, sheet) in sheets.enumerated() {
            guard let part = sheet.part else { continue }
            let marks = patch.marks[sheet.name] ?? [:]
            let active = index == activeTab && addedSheet != nil
            guard !marks.isEmpty || active else { continue }
            outcome.markedCells += try patchSheet(part, marks: marks, unselect: addedSheet != nil, styles: styles, author: patch.author, output: output)
        }
        if let stylesPart, archive.entry(named: stylesPart) != nil {
            replaced[stylesPart.lowercased()] = try output.segment { $0.raw(try styles.write()) }
        } else if let stylesPart {
            // Named by the workbook and missing from the package: made under that name.
            added.append((stylesPart, try output.segment { $0.raw(try styles.write()) }))
            contentTypes.append((nil, stylesPart, Self.spreadsheetType + "styles+xml"))
        } else {
            let part = fresh("xl/svod-styles", ".xml")
            added.append((part, try output.segment { $0.raw(try styles.write()) }))
            contentTypes.append((nil, part, Self.spreadsheetType + "styles+xml"))
            newWorkbookRels.append(("styles", "/" + part))
        }
        if let calc = workbookRels.first(where: { $0.kind == "calcChain" && !$0.external }), addedSheet != nil {
            dropped.insert(calc.target.lowercased())
        }
        try patchWorkbook(adding: addedSheet, output: output)
        try patchContentTypes(output: output)
        try commit(output)
        return outcome
    }

    private var newWorkbookRels: [(kind: String, target: String)] = []
    /// Shape-id blocks (`o:idmap data`) the package's drawings take, and those given to new ones.
    private var shapeBlocks: Set<Int>?

    /// A block of shape ids no drawing of the package uses: Excel wants a workbook's note shapes distinct.
    private func nextShapeBlock() -> Int {
        if shapeBlocks == nil {
            var used = Set<Int>()
            for entry in archive.entries where entry.name.lowercased().hasSuffix(".vml") {
                guard let bytes = try? archive.read(entry, maxBytes: 16 << 20) else { continue }
                let text = String(decoding: bytes, as: UTF8.self)
                for m in text.matches(of: /data="([0-9, ]+)"/) {
                    for n in m.1.split(separator: ",") { if let v = Int(n.trimmingCharacters(in: .whitespaces)) { used.insert(v) } }
                }
            }
            shapeBlocks = used
        }
        var block = 1
        while shapeBlocks!.contains(block) { block += 1 }
        shapeBlocks!.insert(block)
        return block
    }

    /// What the schema puts after `definedNames` in a workbook.
    static let afterDefinedNames: Set<String> = ["calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                                                 "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"]

    /// Streams one sheet through `SheetPatch`, then its comments, drawing and relationships.
    private func patchSheet(_ part: String, marks: [CellReference: PatchMark], unselect: Bool, styles: StylesPatch,
                            author: String, output: PackageOutput) throws -> Int {
        guard let entry = archive.entry(named: part) else { throw ReadError.missingPart(part) }
        let rels = try XLSXReader.relationships(of: part, in: archive, limits: xmlLimits)
        var ids = RelationshipIDs(rels)
        let drawingID = ids.next()
        let x = output.xml()
        let patcher = SheetPatch(marks: Set(marks.filter { $0.value.fill != nil }.keys), unselect: unselect, drawingID: marks.isEmpty ? nil : drawingID, strict: false,
                                 styleOf: { base, ref in styles.marked(base, fill: marks[ref]?.fill ?? .errorFill) },
                                 out: { x.raw($0) },
                                 passthrough: { b in x.raw(bytes: b.assumingMemoryBound(to: UInt8.self)) })
        let scanner = XMLTagScanner(onBytes: { b in x.raw(bytes: b.assumingMemoryBound(to: UInt8.self)) }, onTag: { try patcher.tag($0, $1) })
        try PackagePart.scan(entry, in: archive, with: scanner, output: x)
        replaced[part.lowercased()] = try output.finishSegment(final: true)
        guard !marks.isEmpty else { return patcher.markedCells }
        let comments = marks.sorted { ($0.key.row, $0.key.column) < ($1.key.row, $1.key.column) }.map { ($0.key, Comment($0.value.comment, author: author)) }
        var newRels: [(id: String, kind: String, target: String)] = []
        // The comments part: the sheet's own, with these added, or a new one.
        // The cells the sheet's own comments part already notes: their drawing has their shapes.
        var already = Set<CellReference>()
        if let existing = rels.first(where: { $0.kind == "comments" && !$0.external }), archive.entry(named: existing.target) != nil {
            let bytes = try Self.read(existing.target, archive)
            already = try CommentsPatch.commented(bytes)
            let merged = try CommentsPatch.merge(comments, into: bytes, author: author)
            replaced[existing.target.lowercased()] = try output.segment { $0.raw(merged) }
        } else {
            let commentsPart = fresh("xl/svod-comments", ".xml")
            added.append((commentsPart, try output.segment { XLSXComments.writeComments(comments, to: $0) }))
            contentTypes.append((nil, commentsPart, Self.spreadsheetType + "comments+xml"))
            newRels.append((ids.next(), "comments", "/" + commentsPart))
        }
        // The drawing: the one the sheet's legacyDrawing names, with these notes' shapes added, or a new one.
        if let id = patcher.existingDrawingID, let vml = rels.first(where: { $0.id == id && !$0.external }), archive.entry(named: vml.target) != nil {
            let merged = CommentsPatch.mergeVML(comments.filter { !already.contains($0.0) }, into: try Self.read(vml.target, archive))
            replaced[vml.target.lowercased()] = try output.segment { $0.raw(merged) }
        } else {
            let drawing = fresh("xl/drawings/svod-vmlDrawing", ".vml")
            let block = nextShapeBlock()
            added.append((drawing, try output.segment { XLSXComments.writeVML(comments, block: block, to: $0) }))
            contentTypes.append(("vml", nil, "application/vnd.openxmlformats-officedocument.vmlDrawing"))
            newRels.append((drawingID, "vmlDrawing", "/" + drawing))
        }
        try writeRelationships(of: part, adding: newRels, output: output)
        // Cells given a fill, and those given a comment alone.
        return patcher.markedCells + marks.values.filter { $0.fill == nil }.count
    }

    /// `part`'s relationships with `adding` appended (a new `.rels` when it has none).
    private func writeRelationships(of part: String, adding: [(id: String, kind: String, target: String)], removing: Set<String> = [],
                                    output: PackageOutput) throws {
        guard !adding.isEmpty || !removing.isEmpty else { return }
        let relsPart = PartName.relsPart(for: part)
        let records = adding.map { "<Relationship Id=\"\($0.id)\" Type=\"\(Self.relationshipType)\($0.kind)\" Target=\"\(XMLTagScanner.escape($0.target))\"/>" }.joined()
        guard let entry = archive.entry(named: relsPart) else {
            added.append((relsPart, try output.segment {
                $0.raw(XLSXPackageParts.header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"# + records + "</Relationships>")
            }))
            return
        }
        let out = try XMLTagScanner.rewrite(Self.read(entry.name, archive)) { tag, raw, out in
            if tag.localName == "Relationship", tag.kind != .end, let id = tag.value("Id"), removing.contains(id) { return }
            if tag.localName == "Relationships", tag.kind == .end { out.append(contentsOf: records.utf8) }
            if tag.localName == "Relationships", tag.kind == .empty {
                out.append(contentsOf: (tag.written(as: .start) + records + "</\(tag.name)>").utf8)
                return
            }
            out.append(contentsOf: raw)
        }
        replaced[entry.name.lowercased()] = try output.segment { $0.raw(out) }
    }

    /// `workbook.xml` with the added sheet first: sheet-scoped names and the active tab moved by one.
    private func patchWorkbook(adding sheet: (name: String, part: String, titles: ClosedRange<Int>?)?, output: PackageOutput) throws {
        var ids = RelationshipIDs(workbookRels)
        var relsToAdd = newWorkbookRels.map { (id: ids.next(), kind: $0.kind, target: $0.target) }
        let calc = workbookRels.filter { $0.kind == "calcChain" && dropped.contains($0.target.lowercased()) }.map(\.id)
        guard let sheet else {
            try writeRelationships(of: workbookPart, adding: relsToAdd, removing: Set(calc), output: output)
            return
        }
        let sheetRel = ids.next()
        relsToAdd.append((sheetRel, "worksheet", "/" + sheet.part))
        try writeRelationships(of: workbookPart, adding: relsToAdd, removing: Set(calc), output: output)
        let bytes = try Self.read(workbookPart, archive)
        var maxID = 0
        try XMLTagScanner.tags(bytes) { tag in
            if tag.localName == "sheet", let id = tag.value("sheetId").flatMap(Int.init) { maxID = max(maxID, id) }
        }
        var prefix = ""
        var depth = XMLDepth()
        let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        // The added sheet's heading printed on every page, as Excel names it: among the names, or in names put before what follows them.
        func titles() -> String {
            sheet.titles.map { "<\(prefix)definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">\(XMLTagScanner.escape(XLSXPackageParts.printTitles(sheet.name, $0)))</\(prefix)definedName>" } ?? ""
        }
        var titlesWritten = sheet.titles == nil
        let out = try XMLTagScanner.rewrite(bytes) { tag, raw, out in
            let local = tag.localName
            let level = depth.enter(tag)
            if level == 0, tag.kind != .end { prefix = tag.prefix.isEmpty ? "" : tag.prefix + ":" }
            if level == 1, !titlesWritten, tag.kind != .end, Self.afterDefinedNames.contains(String(local)) {
                out.append(contentsOf: ("<\(prefix)definedNames>" + titles() + "</\(prefix)definedNames>").utf8)
                titlesWritten = true
            }
            if level == 0, tag.kind == .end, !titlesWritten {
                out.append(contentsOf: ("<\(prefix)definedNames>" + titles() + "</\(prefix)definedNames>").utf8)
                titlesWritten = true
            }
            if local == "sheets", tag.kind != .end {
                let first = "<\(prefix)sheet xmlns:svodr=\"\(relNS)\" name=\"\(XMLTagScanner.escape(sheet.name))\" sheetId=\"\(maxID + 1)\" svodr:id=\"\(sheetRel)\"/>"
                out.append(contentsOf: (tag.written(as: .start) + first + (tag.kind == .empty ? "</\(tag.name)>" : "")).utf8)
            } else if local == "workbookView", tag.kind != .end {
                out.append(contentsOf: tag.written(set: [("activeTab", "0"), ("firstSheet", "0")]).utf8)
            } else if level == 1, local == "definedNames", tag.kind != .end {
                out.append(contentsOf: (tag.written(as: .start) + (titlesWritten ? "" : titles()) + (tag.kind == .empty ? "</\(tag.name)>" : "")).utf8)
                titlesWritten = true
            } else if local == "definedName", tag.kind != .end, let scope = tag.value("localSheetId").flatMap(Int.init) {
                out.append(contentsOf: tag.written(set: [("localSheetId", "\(scope + 1)")]).utf8)
            } else {
                out.append(contentsOf: raw)
            }
        }
        replaced[workbookPart.lowercased()] = try output.segment { $0.raw(out) }
    }

    /// `[Content_Types].xml` with the new parts' types, and none for a dropped part.
    private func patchContentTypes(output: PackageOutput) throws {
        let name = "[Content_Types].xml"
        let bytes = try Self.read(name, archive)
        var defaults = Set<String>()
        try XMLTagScanner.tags(bytes) { tag in
            if tag.localName == "Default", let e = tag.value("Extension") { defaults.insert(e.lowercased()) }
        }
        var records = ""
        var seen = Set<String>()
        for t in contentTypes {
            if let e = t.extension {
                guard !defaults.contains(e), seen.insert("ext:" + e).inserted else { continue }
                records += "<Default Extension=\"\(e)\" ContentType=\"\(t.type)\"/>"
            } else if let p = t.part {
                records += "<Override PartName=\"/\(XMLTagScanner.escape(p))\" ContentType=\"\(t.type)\"/>"
            }
        }
        let out = try XMLTagScanner.rewrite(bytes) { [dropped] tag, raw, out in
            if tag.localName == "Override", let p = tag.value("PartName"), dropped.contains(String(p.drop { $0 == "/" }).lowercased()) { return }
            if tag.localName == "Types", tag.kind == .end { out.append(contentsOf: records.utf8) }
            out.append(contentsOf: raw)
        }
        replaced[name.lowercased()] = try output.segment { $0.raw(out) }
    }

    /// The package laid out in the source's order, replaced parts in their places, new ones after.
    private func commit(_ output: PackageOutput) throws {
        try output.commit { zip in
            for entry in archive.entries {
                if dropped.contains(entry.name.lowercased()) { continue }
                if let segment = replaced[entry.name.lowercased()] {
                    try zip.add(entry.name, segments: [segment])
                } else {
                    try zip.addCopy(of: entry, from: archive)
                }
            }
            for (name, segment) in added { try zip.add(name, segments: [segment]) }
        }
    }
}

/// Relationship ids for the parts a patch adds, `rIdSvod1`, `rIdSvod2`…, none the part's relationships have.
struct RelationshipIDs {
    private var taken: Set<String>
    private var n = 0
    init(_ rels: [Relationship]) { taken = Set(rels.map(\.id)) }
    mutating func next() -> String {
        repeat { n += 1 } while taken.contains("rIdSvod\(n)")
        taken.insert("rIdSvod\(n)")
        return "rIdSvod\(n)"
    }
}
