/// A whole sheet in memory, for small sheets: forms, templates, tests.
public struct Sheet: Sendable {
    /// The sheet as the workbook lists it.
    public let info: SheetInfo
    /// Non-empty cells (and formula cells) by position.
    public private(set) var cells: [CellReference: Cell] = [:]
    /// Merged ranges.
    public private(set) var merges: [CellRange] = []
    /// The bottom-right corner of the used area, or nil when the sheet is empty.
    public private(set) var lastCell: CellReference?

    /// Reads every row of a sheet, expanding repeated rows, refusing more than `maxCells` cells.
    public init(reading reader: WorkbookReader, index: Int, maxCells: Int = 10_000_000) throws {
        info = try reader.sheets[index]
        let rows = try reader.rows(ofSheet: index)
        var count = 0
        var maxRow = -1, maxCol = -1
        while let row = try rows.nextRow() {
            guard !row.cells.isEmpty else { continue }
            count += row.cells.count * row.repeatCount
            if count > maxCells { throw ReadError.tooManyCells(sheet: info.name, limit: maxCells) }
            for r in row.index..<(row.index + row.repeatCount) {
                for cell in row.cells {
                    cells[CellReference(row: r, column: cell.column)] = cell
                    maxCol = max(maxCol, cell.column)
                }
                maxRow = max(maxRow, r)
            }
        }
        merges = rows.merges
        lastCell = maxRow >= 0 ? CellReference(row: maxRow, column: maxCol) : nil
    }

    /// The value at a cell, `.empty` when nothing is there.
    public subscript(_ ref: CellReference) -> CellValue {
        cells[ref]?.value ?? .empty
    }

    /// The value at an A1 reference such as "F12".
    public subscript(_ a1: String) -> CellValue {
        CellReference(a1).map { self[$0] } ?? .empty
    }

    /// Cells in reading order: row by row, left to right.
    public var orderedCells: [(CellReference, Cell)] {
        cells.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
