import Foundation
import SvodODS
import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
import SvodXLSX
import SvodZip
import Testing

/// Every XLSX and ODS other programs wrote (`../shared/corpus`) and the bundled samples, patched
/// with marks on each sheet and a sheet put first (as a marked copy is): the values read as
/// before — by svod and by python-calamine (the samples also by openpyxl) — and only the parts a patch may touch differ.
@Suite struct PatchCorpusTests {
    static let files: [String] = {
        var found: [String] = []
        let roots = [TestPaths.shared?.appendingPathComponent("corpus/peer"), TestPaths.packageRoot.appendingPathComponent("Samples")].compactMap { $0 }
        for root in roots {
            guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
            while let relative = walker.nextObject() as? String {
                let lower = relative.lowercased()
                guard lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") || lower.hasSuffix(".ods") else { continue }
                found.append(root.appendingPathComponent(relative).path)
            }
        }
        // The samples are many and alike: one school's files of each year and kind are enough.
        var seenShapes = Set<String>()
        return found.sorted().filter { path in
            guard path.contains("/Samples/") else { return true }
            let name = (path as NSString).lastPathComponent
            let shape = name.replacingOccurrences(of: #"co\d+|b\d+|nosh|vosh"#, with: "#", options: .regularExpression)
            return seenShapes.insert(((path as NSString).deletingLastPathComponent as NSString).lastPathComponent + "/" + shape).inserted
        }
    }()

    /// Parts a patch may rewrite (besides those it adds, named svod…, and calcChain, which it drops).
    static func mayChange(_ name: String, ods: Bool) -> Bool {
        let n = name.lowercased()
        if ods { return n == "content.xml" || n == "settings.xml" || n == "styles.xml" }
        return n == "[content_types].xml" || n.hasSuffix("workbook.xml") || n.hasSuffix("workbook.xml.rels") || n.hasSuffix("styles.xml")
            || n.contains("worksheets/") || n.contains("comments") || n.hasSuffix(".vml")
    }

    @Test func thereAreFilesToPatch() {
        #expect(Self.files.count > 10, "\(Self.files.count)")
        if TestPaths.shared == nil { print("notice: ../shared/corpus is absent; only the samples are patched") }
    }

    @Test func everyReadableWorkbookPatchesWithoutLosingAValue() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var pairs: [(String, String)] = []
        for (k, path) in Self.files.enumerated() {
            // A file svod refuses (hostile, encrypted, not a workbook) is not one a school would get back marked.
            guard let reader = try? Spreadsheet.open(path: path), let before = try? WorkbookDump(reader) else { continue }
            let ods = path.lowercased().hasSuffix(".ods")
            let target = dir.appendingPathComponent("\(k).\(ods ? "ods" : "xlsx")").path
            var marks: [String: [CellReference: PatchMark]] = [:]
            for info in before.sheets where info.kind == .worksheet {
                marks[info.name] = [CellReference(row: 0, column: 0): PatchMark(fill: .errorFill, comment: "Ошибка — A1"),
                                          CellReference(row: 4, column: 2): PatchMark(fill: .warningFill, comment: "Предупреждение — C5"),
                                          CellReference(row: 2_000, column: 30): PatchMark(fill: .errorFill, comment: "далеко")]
            }
            let name = before.sheets.contains { $0.name == "Замечания" } ? "Замечания svod" : "Замечания"
            let first: (String, (WorkbookWriter) throws -> Void) = (name, { w in
                try w.beginSheet(SheetSetup(name: name))
                try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text("№"), style: w.style(CellStyle(bold: true)))]))
                try w.endSheet()
            })
            do {
                var patch = WorkbookPatch()
                (patch.marks, patch.firstSheet) = (marks, first)
                if ods { _ = try ODSPatch.apply(patch, source: path, to: target) } else { _ = try XLSXPatch.apply(patch, source: path, to: target) }
            } catch is PatchUnsupported {
                continue
            }
            let after = try WorkbookDump(Spreadsheet.open(path: target))
            #expect(after.sheets.map(\.name) == [name] + before.sheets.map(\.name), "\(path)")
            for info in before.sheets {
                let was = (before.cells[info.name] ?? [:]).mapValues(\.value)
                let now = (after.cells[info.name] ?? [:]).filter { !$0.value.value.isEmpty || was[$0.key] != nil }.mapValues(\.value)
                #expect(now == was, "\(path) «\(info.name)»")
            }
            let original = try ZipArchive(path: path), patched = try ZipArchive(path: target)
            for entry in original.entries where !Self.mayChange(entry.name, ods: ods) {
                if entry.name.lowercased().hasSuffix("calcchain.xml") { continue }
                let bytes = try original.read(entry)
                // A worksheet part kept somewhere odd (`sheet1.xml` at the root) is a worksheet all the same.
                if !ods, String(decoding: bytes.prefix(1024), as: UTF8.self).contains("worksheet") { continue }
                #expect(try patched.entry(named: entry.name).map { try patched.read($0) } == bytes, "\(path): \(entry.name)")
            }
            let added = Set(patched.entries.map(\.name)).subtracting(original.entries.map(\.name))
            #expect(added.allSatisfy { $0.contains("svod") || $0.hasSuffix(".rels") } && (!ods || added.isEmpty), "\(path): \(added)")
            pairs.append((path, target))
        }
        print("patched \(pairs.count) of \(Self.files.count) workbooks")
        #expect(!pairs.isEmpty)
        guard let before = try IndependentReader.calamine.read(pairs.map(\.0)), let after = try IndependentReader.calamine.read(pairs.map(\.1)) else {
            print("note: no .venv with python-calamine; the independent read is skipped")
            return
        }
        Self.compare(pairs, before, after, reader: "calamine")
        // openpyxl, the reader Python programs use, reads the marked copies of the planted samples
        // (the files coordinators get marked) the same way too. Not the whole corpus: some of its
        // files declare a used range of the whole grid, which openpyxl fills cell by cell until the
        // machine runs out of memory; and it reads a hundred samples in the time of the rest of the test four times.
        let samples = TestPaths.packageRoot.appendingPathComponent("Samples/planted").path
        let xlsx = pairs.filter { !$0.0.lowercased().hasSuffix(".ods") && $0.0.hasPrefix(samples) }
        #expect(xlsx.count >= 10, "the planted XLSX samples are among the patched files")
        if let before = try IndependentReader.openpyxl.read(xlsx.map(\.0)), let after = try IndependentReader.openpyxl.read(xlsx.map(\.1)) {
            Self.compare(xlsx, before, after, reader: "openpyxl")
        }
    }

    /// Each marked copy read as its original was, the findings sheet (first) aside; originals the reader refuses are passed over.
    static func compare(_ pairs: [(String, String)], _ before: [[String: Any]], _ after: [[String: Any]], reader: String) {
        for ((path, _), (b, a)) in zip(pairs, zip(before, after)) {
            if !(b["error"] is NSNull) && b["error"] != nil { continue }
            var rest = a
            rest["sheets"] = Array((a["sheets"] as? [[String: Any]] ?? []).dropFirst())
            let mismatches = CorpusComparison.mismatches(expected: b, actual: rest)
            #expect(mismatches.isEmpty, "\(reader): \(path):\n\(mismatches.prefix(5).joined(separator: "\n"))")
        }
    }
}
