import Foundation
import SvodLocale
import SvodPackage
import SvodWorkbook
import SvodXML
import SvodZip

/// An ODS document copied with additions only: marked cells (a style derived from their own
/// with a fill, an annotation) and a table put first and shown first. Every part but
/// `content.xml`, `settings.xml` (the table opened at) and `styles.xml` (when the added table
/// prints on a page of its own) is carried over as it was stored — meta with the template's
/// `svod.form`, manifest, pictures, macros — and in those only the changed elements differ.
public enum ODSPatch {
    /// What a patch did.
    public struct Outcome: Sendable {
        /// Cells given a fill or a comment.
        public var markedCells = 0
    }

    /// Writes `source` with `patch` applied to `target` (whole or not at all).
    public static func apply(_ patch: WorkbookPatch, source: String, to target: String) throws -> Outcome {
        let (marks, firstSheet, author, options) = (patch.marks, patch.firstSheet, patch.author, patch.options)
        let archive = try ZipArchive(path: source)
        guard let contentEntry = archive.entry(named: "content.xml") else { throw ReadError.missingPart("content.xml") }
        let output = try PackageOutput(path: target, level: options.compressionLevel)
        do {
            var added: ODSAddedTable?
            if let first = firstSheet {
                let table = ODSAddedTable(options: options)
                try first.write(table)
                added = table
            }
            let x = output.xml()
            var head: DeflatedSegment?
            let table = try added?.table.map(ODSParts.declaringNamespaces)
            let content = ContentPatch(marks: marks, addedTable: table, author: author, out: { x.raw($0) }, cut: {
                try x.flush()
                head = try output.finishSegment(final: false)
            })
            let scanner = XMLTagScanner(onBytes: { try content.bytes($0) }, onTag: { try content.tag($0, $1) })
            try PackagePart.scan(contentEntry, in: archive, with: scanner, output: x)
            guard let head else { throw ReadError(.notSpreadsheet, .init(ru: "в content.xml нет тела документа", en: "content.xml has no body")) }
            let tail = try output.finishSegment(final: true)
            let styles = try output.segment(final: false) { w in
                if let added { w.raw(try ODSParts.declaringNamespaces(added.automaticStyles())) }
                for xml in content.derived { w.raw(xml) }
            }
            var stylesPart: DeflatedSegment?
            if let pages = added?.pageStyles, !pages.layouts.isEmpty, let entry = archive.entry(named: "styles.xml") {
                let patched = try Self.addingPages(pages, to: archive.read(entry))
                stylesPart = try output.segment { $0.raw(patched) }
            }
            var settings: DeflatedSegment?
            if let name = added?.name, let entry = archive.entry(named: "settings.xml") {
                let patched = try Self.activeTable(name, in: archive.read(entry))
                settings = try output.segment { $0.raw(patched) }
            }
            try output.commit { zip in
                for entry in archive.entries {
                    switch entry.name {
                    case "content.xml": try zip.add(entry.name, segments: [head, styles, tail])
                    case "settings.xml" where settings != nil: try zip.add(entry.name, segments: [settings!])
                    case "styles.xml" where stylesPart != nil: try zip.add(entry.name, segments: [stylesPart!])
                    default: try zip.addCopy(of: entry, from: archive)
                    }
                }
            }
            return Outcome(markedCells: content.markedCells)
        } catch {
            output.discard()
            throw error
        }
    }

    /// `styles.xml` with the page layouts and master pages of the added table put at the ends of their lists.
    static func addingPages(_ pages: (layouts: String, masters: String), to bytes: [UInt8]) throws -> [UInt8] {
        let layouts = try ODSParts.declaringNamespaces(Array(pages.layouts.utf8)), masters = try ODSParts.declaringNamespaces(Array(pages.masters.utf8))
        var depth = XMLDepth()
        var placed = (layouts: false, masters: false)
        return try XMLTagScanner.rewrite(bytes) { tag, raw, out in
            let level = depth.enter(tag)
            let local = tag.localName
            if level == 1, tag.kind == .end, local == "automatic-styles" { out += layouts; placed.layouts = true }
            if level == 1, tag.kind == .end, local == "master-styles" { out += masters; placed.masters = true }
            if level == 1, tag.kind == .empty, local == "automatic-styles" || local == "master-styles" {
                out.append(contentsOf: tag.written(as: .start).utf8)
                out += local == "automatic-styles" ? layouts : masters
                out.append(contentsOf: "</\(tag.name)>".utf8)
                if local == "automatic-styles" { placed.layouts = true } else { placed.masters = true }
                return
            }
            // A document without the lists gets them before its end.
            if level == 0, tag.kind == .end {
                let office = tag.prefix.isEmpty ? "" : tag.prefix + ":"
                if !placed.layouts { out.append(contentsOf: "<\(office)automatic-styles>".utf8); out += layouts; out.append(contentsOf: "</\(office)automatic-styles>".utf8) }
                if !placed.masters { out.append(contentsOf: "<\(office)master-styles>".utf8); out += masters; out.append(contentsOf: "</\(office)master-styles>".utf8) }
            }
            out.append(contentsOf: raw)
        }
    }

    /// `settings.xml` with the table LibreOffice opens at set to `name`.
    static func activeTable(_ name: String, in bytes: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var replacing = false
        let scanner = XMLTagScanner(onBytes: { if !replacing { out.append(contentsOf: $0) } }, onTag: { tag, raw in
            if replacing, tag.kind == .end {
                out.append(contentsOf: XMLTagScanner.escape(name).utf8)
                replacing = false
            }
            out.append(contentsOf: raw)
            if tag.localName == "config-item", tag.kind == .start,
               tag.attributes.first(where: { $0.name.hasSuffix(":name") }).map({ XMLTagScanner.decode($0.raw) }) == "ActiveTable" {
                replacing = true
            }
        })
        try bytes.withUnsafeBytes { try scanner.feed($0) }
        try scanner.finish()
        return out
    }
}
