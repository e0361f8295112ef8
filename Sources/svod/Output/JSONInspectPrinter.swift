import Foundation
import SvodLocale
import SvodWorkbook

/// The corpus shape: `{"file", "sheets": [{"name","visible","kind","cells": [[ref,type,value]]}], "disputed", "error"}`.
///
/// Cells stream out as they are read; `error` comes last so a refusal found midway still
/// closes a valid document.
final class JSONInspectPrinter: InspectPrinter {
    private let out: OutputBuffer
    private let file: String
    private let language: Language
    private var started = false
    private var sheetOpen = false
    private var sheetCount = 0

    /// `language` is that of `detail`, the refusal's explanation.
    init(out: OutputBuffer, file: String, language: Language) {
        self.out = out
        self.file = file
        self.language = language
    }

    private func start() {
        if started { return }
        started = true
        let name = file.split(separator: "/").last.map(String.init) ?? file
        out.write("{\n \"file\": \(CellText.quoted(name)),\n \"sheets\": [")
    }

    func begin(_ reader: WorkbookReader) { start() }

    func sheet(index: Int, info: SheetInfo, rows: SheetRowReader) throws {
        out.write(sheetCount == 0 ? "\n" : ",\n")
        sheetCount += 1
        out.write("  {\"name\": \(CellText.quoted(info.name)), \"visible\": \"\(info.visibility.rawValue)\", ")
        out.write("\"kind\": \"\(info.kind == .chart ? "chart" : "worksheet")\", \"cells\": [")
        sheetOpen = true
        var first = true
        while let row = try rows.nextRow() {
            for r in row.index..<(row.index + row.repeatCount) {
                let rowText = String(r + 1)
                for cell in row.cells where !cell.value.isEmpty {
                    out.write(first ? "\n   [" : ",\n   [")
                    first = false
                    out.write("\"\(CellReference.columnName(cell.column))\(rowText)\", \"\(CellText.typeName(cell.value))\", ")
                    out.write(CellText.json(cell.value))
                    out.write("]")
                }
            }
        }
        out.write(first ? "]}" : "\n  ]}")
        sheetOpen = false
    }

    func end(_ reader: WorkbookReader) {
        out.write("\n ],\n \"disputed\": [],\n \"error\": null\n}\n")
    }

    func fail(_ error: Error) {
        start()
        if sheetOpen { out.write("]}") }
        let kind = (error as? LocalizedFailure)?.kind.rawValue ?? FailureKind.unreadable.rawValue
        let detail = (error as? LocalizedFailure)?.message(language) ?? "\(error)"
        out.write("\n ],\n \"disputed\": [],\n \"error\": \"\(kind)\",\n \"detail\": \(CellText.quoted(detail))\n}\n")
    }
}
