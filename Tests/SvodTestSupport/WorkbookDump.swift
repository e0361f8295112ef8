import SvodWorkbook

/// A whole workbook as plain values, for assertions.
public struct WorkbookDump {
    /// Sheets in order.
    public var sheets: [SheetInfo] = []
    /// Cells by sheet name and A1 reference (repeated rows expanded).
    public var cells: [String: [String: Cell]] = [:]
    /// Merged ranges by sheet name.
    public var merges: [String: [String]] = [:]

    /// Reads everything through `readSheets`, the single-pass path.
    public init(_ reader: WorkbookReader) throws {
        try reader.readSheets { _, info, rows in
            sheets.append(info)
            var map: [String: Cell] = [:]
            while let row = try rows.nextRow() {
                for r in row.index..<(row.index + row.repeatCount) {
                    for c in row.cells { map[CellReference(row: r, column: c.column).a1] = c }
                }
            }
            cells[info.name] = map
            merges[info.name] = rows.merges.map(\.a1)
        }
    }

    /// The value at `sheet!a1`, `.empty` when absent.
    public func value(_ sheet: String, _ a1: String) -> CellValue {
        cells[sheet]?[a1]?.value ?? .empty
    }

    /// The formula at `sheet!a1`.
    public func formula(_ sheet: String, _ a1: String) -> String? {
        cells[sheet]?[a1]?.formula
    }
}
