import Foundation
import SvodTestSupport
import SvodZip

/// The XML of files svod writes, validated with `xmllint` against the standards' own schemas in
/// `../shared/schemas`: ECMA-376 Transitional (SpreadsheetML, OPC content types and
/// relationships, extended and custom document properties) for XLSX, OASIS ODF 1.3 RelaxNG
/// (and its manifest schema) for ODS.
///
/// xmllint takes many files per run, so the parts are grouped by schema and each schema is
/// loaded once per group, not once per part; the ODF schema is the slow one (see
/// `groupingRows`), so its group is split by size over the processors. `docProps/core.xml` is
/// left out: its schema imports Dublin Core from the network.
enum StandardSchemas {
    static let xmllint = URL(fileURLWithPath: "/usr/bin/xmllint")

    /// `../shared/schemas`, or nil (the tests print a notice and skip) without it or without xmllint.
    static var folder: URL? {
        guard let shared = TestPaths.shared, FileManager.default.isExecutableFile(atPath: xmllint.path) else { return nil }
        let url = shared.appendingPathComponent("schemas")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("odf/schema.rng").path) ? url : nil
    }

    /// One part of a written file and the xmllint arguments naming its schema.
    struct Part {
        let file: String
        let name: String
        let schema: [String]
    }

    /// The parts of `path` (XLSX or ODS, by its extension) the schemas cover, and what is wrong
    /// with the package itself (the first entry, a stored `mimetype`).
    static func parts(of path: String, schemas: URL, zip: ZipArchive) throws -> (parts: [Part], problems: [String]) {
        let names = zip.entries.map(\.name)
        let file = URL(fileURLWithPath: path).lastPathComponent
        var parts: [Part] = []
        var problems: [String] = []
        func add(_ name: String, _ kind: String, _ schema: String) { parts.append(Part(file: path, name: name, schema: [kind, schemas.appendingPathComponent(schema).path])) }
        if path.lowercased().hasSuffix(".ods") {
            if names.first != "mimetype" { problems.append("\(file): mimetype is not the first entry") }
            if let m = zip.entry(named: "mimetype") {
                if m.method != 0 { problems.append("\(file): mimetype must be stored") }
                if try zip.read(m) != Array("application/vnd.oasis.opendocument.spreadsheet".utf8) { problems.append("\(file): wrong mimetype") }
            }
            for n in ["content.xml", "styles.xml", "meta.xml", "settings.xml"] { add(n, "--relaxng", "odf/schema.rng") }
            add("META-INF/manifest.xml", "--relaxng", "odf/manifest-schema.rng")
        } else {
            if names.first != "[Content_Types].xml" { problems.append("\(file): [Content_Types].xml is not the first entry") }
            for n in names where n.hasPrefix("xl/") && n.hasSuffix(".xml") { add(n, "--schema", "ooxml/sml.xsd") }
            add("[Content_Types].xml", "--schema", "ooxml/opc-contentTypes.xsd")
            for n in names where n.hasSuffix(".rels") { add(n, "--schema", "ooxml/opc-relationships.xsd") }
            add("docProps/app.xml", "--schema", "ooxml/shared-documentPropertiesExtended.xsd")
            if names.contains("docProps/custom.xml") { add("docProps/custom.xml", "--schema", "ooxml/shared-documentPropertiesCustom.xsd") }
        }
        return (parts, problems)
    }

    /// Every part of every file validated; one line per problem (file, part, xmllint's first
    /// messages), none when all is valid. `scratch` receives the parts as files.
    static func problems(files: [String], scratch: URL, schemas: URL) throws -> [String] {
        var problems: [String] = []
        var jobs: [(part: Part, path: String, size: Int)] = []
        for path in files {
            let zip = try ZipArchive(path: path)
            let (parts, packageProblems) = try parts(of: path, schemas: schemas, zip: zip)
            problems += packageProblems
            for part in parts {
                guard let entry = zip.entry(named: part.name) else {
                    problems.append("\(URL(fileURLWithPath: path).lastPathComponent): \(part.name) missing")
                    continue
                }
                var xml = try zip.read(entry)
                // Known defects and extensions, removed before validating (shared/schemas/README.md):
                // ECMA's sml.xsd types <t> and <v> as simple strings, so it rejects the xml:space
                // Excel itself writes; calcext: attributes are LibreOffice's extension (error cells),
                // foreign to strict ODF and removed as ODF 1.3 Part 3, 3.17 describes.
                xml = removing(#" xml:space="preserve""#, from: xml)
                xml = removing(#" calcext:value-type="error""#, from: xml)
                if part.name == "content.xml", part.schema.first == "--relaxng" { xml = groupingRows(xml) }
                let file = scratch.appendingPathComponent("part\(jobs.count).xml")
                try write(xml, to: file.path)
                jobs.append((part, file.path, xml.count))
            }
        }
        // One xmllint per schema, the big groups split by size (largest first into the lightest bin).
        let bins = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var runs: [(schema: [String], paths: [String])] = []
        for schema in Set(jobs.map(\.part.schema)).sorted(by: { $0.joined() < $1.joined() }) {
            let group = jobs.filter { $0.part.schema == schema }.sorted { $0.size > $1.size }
            let total = group.reduce(0) { $0 + $1.size }
            var split = Array(repeating: (size: 0, paths: [String]()), count: total > 1 << 20 ? min(bins, group.count) : 1)
            for job in group {
                let i = split.indices.min { split[$0].size < split[$1].size }!
                split[i].size += job.size
                split[i].paths.append(job.path)
            }
            runs += split.map { (schema, $0.paths) }
        }
        let calls = runs.map { ["--noout", "--nonet"] + $0.schema + $0.paths }
        let outputs = Outputs(count: calls.count)
        DispatchQueue.concurrentPerform(iterations: calls.count) { i in
            let r = try? runProcess(xmllint, calls[i])
            outputs.set(i, r?.stderr ?? "xmllint could not run")
        }
        let text = outputs.all.joined(separator: "\n")
        var messages: [String: [String]] = [:]
        var valid = Set<String>()
        for line in text.split(separator: "\n") {
            if line.hasSuffix(" validates") { valid.insert(String(line.dropLast(" validates".count))); continue }
            if let colon = line.firstIndex(of: ":") { messages[String(line[..<colon]), default: []].append("line " + line[line.index(after: colon)...]) }
        }
        for job in jobs where !valid.contains(job.path) {
            let details = (messages[job.path] ?? ["no verdict from xmllint"]).prefix(4).joined(separator: "\n    ")
            problems.append("\(URL(fileURLWithPath: job.part.file).lastPathComponent): \(job.part.name) does not validate:\n    \(details)")
        }
        return problems
    }

    /// Rows per `table:table-row-group` in `groupingRows`.
    static let rowsPerGroup = 256

    /// `content.xml` with each long table's rows wrapped, `rowsPerGroup` at a time, in
    /// `table:table-row-group`s. libxml2 validates a long run of sibling rows in time that grows
    /// much faster than the run (a sheet of 2,000 rows: 1,000 take 1.1 s, 2,000 take 7.8 s),
    /// while a row group holds exactly what a table holds (`table-rows-and-groups`) and no row's
    /// validity depends on its siblings, so the grouped document is valid exactly when the
    /// original is — in a fraction of the time. svod writes rows directly in the table (its
    /// printed heading rows in a `table:table-header-rows`, left as they are), never groups or
    /// nested tables, and `<` in text is always escaped, so the tags found are its rows.
    static func groupingRows(_ xml: [UInt8]) -> [UInt8] {
        let headers = zip(offsets(of: "<table:table-header-rows>", in: xml), offsets(of: "</table:table-header-rows>", in: xml)).map { $0...$1 }
        let rowStarts = offsets(of: "<table:table-row", in: xml).filter { i in
            let next = i + "<table:table-row".utf8.count
            return next < xml.count && (xml[next] == 0x20 || xml[next] == 0x3E) && !headers.contains { $0.contains(i) }
        }
        let closes = offsets(of: "</table:table>", in: xml)
        var inserts: [(Int, String)] = []
        var r = 0
        for close in closes {
            var rows: [Int] = []
            while r < rowStarts.count, rowStarts[r] < close { rows.append(rowStarts[r]); r += 1 }
            guard rows.count > rowsPerGroup else { continue }
            for (k, start) in rows.enumerated() where k % rowsPerGroup == 0 {
                inserts.append((start, k == 0 ? "<table:table-row-group>" : "</table:table-row-group><table:table-row-group>"))
            }
            inserts.append((close, "</table:table-row-group>"))
        }
        guard !inserts.isEmpty else { return xml }
        var out: [UInt8] = []
        out.reserveCapacity(xml.count + inserts.count * 48)
        var from = 0
        for (at, text) in inserts {
            out += xml[from..<at]
            out += Array(text.utf8)
            from = at
        }
        out += xml[from...]
        return out
    }

    /// Where `needle` occurs in `bytes` (memchr and memcmp: the tests run unoptimised, and a
    /// byte loop in Swift would cost seconds over the corpus).
    static func offsets(of needle: String, in bytes: [UInt8]) -> [Int] {
        let n = Array(needle.utf8)
        var out: [Int] = []
        bytes.withUnsafeBytes { hay in
            n.withUnsafeBytes { nb in
                guard let base = hay.baseAddress, let first = n.first, hay.count >= n.count else { return }
                var at = 0
                while at <= hay.count - n.count, let p = memchr(base + at, Int32(first), hay.count - n.count + 1 - at) {
                    let i = base.distance(to: UnsafeRawPointer(p))
                    if memcmp(p, nb.baseAddress!, n.count) == 0 {
                        out.append(i)
                        at = i + n.count
                    } else {
                        at = i + 1
                    }
                }
            }
        }
        return out
    }

    /// Writes a file with plain POSIX calls (Foundation's `Data.write` took more than twice as
    /// long over the thousand parts of the corpus).
    static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        try bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
                done += n
            }
        }
    }

    /// `bytes` without any occurrence of `text`.
    static func removing(_ text: String, from bytes: [UInt8]) -> [UInt8] {
        let found = offsets(of: text, in: bytes)
        guard !found.isEmpty else { return bytes }
        let length = text.utf8.count
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var from = 0
        for i in found {
            out += bytes[from..<i]
            from = i + length
        }
        out += bytes[from...]
        return out
    }

    /// What each concurrent xmllint printed.
    private final class Outputs: @unchecked Sendable {
        private var texts: [String]
        private let lock = NSLock()
        init(count: Int) { texts = Array(repeating: "", count: count) }
        func set(_ i: Int, _ text: String) { lock.withLock { texts[i] = text } }
        var all: [String] { lock.withLock { texts } }
    }
}
