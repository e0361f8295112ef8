import Foundation
import SvodWorkbook
import SvodXML

/// One worksheet part copied tag by tag, with marked cells given their derived style (cells the
/// school left out are added, styled as their row or column), the tab unselected, and the
/// anchor of the comments' drawing added where the schema wants it. Everything else keeps its bytes.
final class SheetPatch {
    private let marks: [Int: [Int]]  // row → columns, ascending
    private let styleOf: (_ base: Int, _ cell: CellReference) -> Int
    private let unselect: Bool
    /// The relationship id of the drawing anchor to add, nil to add none.
    private let drawingID: String?
    private let relationshipsNamespace: String
    private let out: (String) -> Void
    private let passthrough: (UnsafeRawBufferPointer) throws -> Void

    /// The relationship id of a `legacyDrawing` the sheet has already (its comments go there).
    private(set) var existingDrawingID: String?
    private(set) var markedCells = 0
    private var prefix = ""
    private var path: [Substring] = []
    private var rowsLeft: [Int]
    private var row = -1
    private var column = -1
    private var rowStyle: Int?
    private var cellsLeft: [Int] = []
    private var columnStyles: [(first: Int, last: Int, style: Int)] = []
    private var drawingWritten = false

    /// Elements the schema puts after `legacyDrawing` in a worksheet.
    private static let afterDrawing: Set<Substring> = ["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                                                       "webPublishItems", "tableParts", "extLst"]

    init(marks: Set<CellReference>, unselect: Bool, drawingID: String?, strict: Bool,
         styleOf: @escaping (Int, CellReference) -> Int, out: @escaping (String) -> Void,
         passthrough: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        var byRow: [Int: [Int]] = [:]
        for m in marks { byRow[m.row, default: []].append(m.column) }
        self.marks = byRow.mapValues { $0.sorted() }
        rowsLeft = byRow.keys.sorted()
        self.unselect = unselect
        self.drawingID = drawingID
        relationshipsNamespace = strict ? "http://purl.oclc.org/ooxml/officeDocument/relationships"
            : "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        self.styleOf = styleOf
        self.out = out
        self.passthrough = passthrough
    }

    /// Handles one tag of the part.
    func tag(_ tag: XMLTag, _ raw: UnsafeRawBufferPointer) throws {
        let local = tag.localName
        let depth = path.count
        if depth == 0, tag.kind != .end { prefix = tag.prefix.isEmpty ? "" : tag.prefix + ":" }
        if depth == 1, tag.kind != .end {
            if local == "legacyDrawing" { existingDrawingID = tag.attributes.first { $0.name.hasSuffix(":id") }.map { XMLTagScanner.decode($0.raw) } }
            if Self.afterDrawing.contains(local) { writeDrawing() }
            if local == "sheetData", tag.kind == .empty, !rowsLeft.isEmpty {
                out(tag.written(as: .start))
                writeRows(before: Int.max)
                out("</\(tag.name)>")
                return
            }
        }
        if depth == 1, tag.kind == .end { writeDrawing() }  // </worksheet>
        if depth == 2, path.last == "cols", local == "col", let first = tag.value("min").flatMap(Int.init),
           let style = tag.value("style").flatMap(Int.init) {
            let last = tag.value("max").flatMap(Int.init) ?? first
            columnStyles.append((first - 1, last - 1, style))
        }
        if depth == 2, path.last == "sheetViews", local == "sheetView", unselect, tag.value("tabSelected") != nil {
            out(tag.written(removed: ["tabSelected"]))
            advance(tag)
            return
        }
        if path.last == "sheetData" {
            if local == "row", tag.kind != .end { return try startRow(tag, raw) }
            if local == "sheetData", tag.kind == .end { writeRows(before: Int.max) }
        }
        if depth == 3, path.last == "row", local == "c", tag.kind != .end { return try cell(tag, raw) }
        if path.last == "row", local == "row", tag.kind == .end { writeCells(before: Int.max) }
        try passthrough(raw)
        advance(tag)
    }

    private func advance(_ tag: XMLTag) {
        switch tag.kind {
        case .start: path.append(tag.localName)
        case .end: if !path.isEmpty { path.removeLast() }
        case .empty: break
        }
    }

    private func startRow(_ tag: XMLTag, _ raw: UnsafeRawBufferPointer) throws {
        let index = tag.value("r").flatMap(Int.init).map { $0 - 1 } ?? row + 1
        writeRows(before: index)
        row = index
        column = -1
        rowStyle = tag.value("customFormat").map { $0 == "1" || $0 == "true" } == true ? tag.value("s").flatMap(Int.init) : nil
        cellsLeft = []
        if rowsLeft.first == index {
            rowsLeft.removeFirst()
            cellsLeft = marks[index] ?? []
        }
        if tag.kind == .empty {
            if cellsLeft.isEmpty { try passthrough(raw); return }
            out(tag.written(as: .start))
            writeCells(before: Int.max)
            out("</\(tag.name)>")
            return
        }
        try passthrough(raw)
        path.append("row")
    }

    private func cell(_ tag: XMLTag, _ raw: UnsafeRawBufferPointer) throws {
        let ref = tag.value("r").flatMap { CellReference($0) }
        let col = ref?.column ?? column + 1
        writeCells(before: col)
        column = col
        if cellsLeft.first == col {
            cellsLeft.removeFirst()
            let base = tag.value("s").flatMap(Int.init) ?? 0
            out(tag.written(set: [("s", "\(styleOf(base, CellReference(row: row, column: col)))")]))
            markedCells += 1
        } else {
            try passthrough(raw)
        }
        if tag.kind == .start { path.append("c") }
    }

    /// Marked cells of the current row the school left out, before column `limit`.
    private func writeCells(before limit: Int) {
        while let col = cellsLeft.first, col < limit {
            cellsLeft.removeFirst()
            let ref = CellReference(row: row, column: col)
            let base = rowStyle ?? columnStyles.first { $0.first <= col && col <= $0.last }?.style ?? 0
            out("<\(prefix)c r=\"\(ref.a1)\" s=\"\(styleOf(base, ref))\"/>")
            markedCells += 1
        }
    }

    /// Rows with marks the school left out entirely, before row `limit`.
    private func writeRows(before limit: Int) {
        while let r = rowsLeft.first, r < limit {
            rowsLeft.removeFirst()
            row = r
            rowStyle = nil
            cellsLeft = marks[r] ?? []
            out("<\(prefix)row r=\"\(r + 1)\">")
            writeCells(before: Int.max)
            out("</\(prefix)row>")
        }
    }

    private func writeDrawing() {
        guard !drawingWritten, existingDrawingID == nil, let id = drawingID else { return }
        drawingWritten = true
        out("<\(prefix)legacyDrawing xmlns:svodr=\"\(relationshipsNamespace)\" svodr:id=\"\(id)\"/>")
    }
}
