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

    /// The record and the fields of a grid not found by their codes: read at the template's cells
    /// when the sheet shows no codes at all, left unread when it shows others (`codesShown`).
    static func bind(_ schema: SheetSchema, reader: WorkbookReader, index: Int) throws -> (record: BoundRecord, unplaced: [FieldSchema], codesShown: Bool) {
        bind(schema, sheet: try Sheet(reading: reader, index: index, maxCells: maxCells))
    }

    /// The same, over a sheet already read.
    static func bind(_ schema: SheetSchema, sheet: Sheet) -> (record: BoundRecord, unplaced: [FieldSchema], codesShown: Bool) {
        var values = FieldValues(FieldValues.Layout(schema.fields.map(\.code)))
        var firstRow = Int.max
        let grid = schema.grid.map { GridLocator($0, sheet: sheet) }
        var unplaced: [FieldSchema] = []
        for field in schema.fields {
            var placed = field.cell.flatMap(CellReference.init)
            if let grid, let row = field.gridRow, let column = field.gridColumn {
                // The file shows its codes: a code it lacks is a value it lacks, never the
                // template's cell, which another row may have moved into.
                if grid.found { placed = grid.cell(row: row, column: column) }
                if !grid.found || placed == nil { unplaced.append(field) }
            }
            guard let ref = placed else { continue }
            let cell = sheet.cells[ref]
            let raw = cell?.value ?? .empty
            values[field.code] = BoundValue(cell: ref, raw: raw,
                                            coercion: ValueCoercion.coerce(raw, to: field.type, hint: cell?.isPercent == true ? .percent : .none))
            firstRow = min(firstRow, ref.row)
        }
        return (BoundRecord(row: firstRow == .max ? 0 : firstRow, values: values), unplaced, grid?.found ?? false)
    }
}
