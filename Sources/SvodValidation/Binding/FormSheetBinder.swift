import SvodSchema
import SvodWorkbook

/// A form sheet (fixed cells, as statistical forms are laid out): one record, each field read
/// from its own cell.
enum FormSheetBinder {
    /// Form sheets are small: the whole sheet is read, up to this many cells.
    static let maxCells = 1_000_000

    static func record(_ schema: SheetSchema, reader: WorkbookReader, index: Int) throws -> BoundRecord {
        try bind(schema, reader: reader, index: index).record
    }

    /// The record and the fields of a grid whose codes the file does not show (read at the template's cells).
    static func bind(_ schema: SheetSchema, reader: WorkbookReader, index: Int) throws -> (record: BoundRecord, unplaced: [FieldSchema]) {
        bind(schema, sheet: try Sheet(reading: reader, index: index, maxCells: maxCells))
    }

    /// The same, over a sheet already read.
    static func bind(_ schema: SheetSchema, sheet: Sheet) -> (record: BoundRecord, unplaced: [FieldSchema]) {
        var values = FieldValues(FieldValues.Layout(schema.fields.map(\.code)))
        var firstRow = Int.max
        let grid = schema.grid.map { GridLocator($0, sheet: sheet) }
        var unplaced: [FieldSchema] = []
        for field in schema.fields {
            var placed: CellReference?
            if let grid, let row = field.gridRow, let column = field.gridColumn {
                placed = grid.cell(row: row, column: column)
                if placed == nil { unplaced.append(field) }
            }
            guard let ref = placed ?? field.cell.flatMap(CellReference.init) else { continue }
            let cell = sheet.cells[ref]
            let raw = cell?.value ?? .empty
            values[field.code] = BoundValue(cell: ref, raw: raw,
                                            coercion: ValueCoercion.coerce(raw, to: field.type, hint: cell?.isPercent == true ? .percent : .none))
            firstRow = min(firstRow, ref.row)
        }
        return (BoundRecord(row: firstRow == .max ? 0 : firstRow, values: values), unplaced)
    }
}
