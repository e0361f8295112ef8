import SvodSchema
import SvodWorkbook

/// A form sheet (fixed cells, as statistical forms are laid out): one record, each field read
/// from its own cell.
enum FormSheetBinder {
    /// Form sheets are small: the whole sheet is read, up to this many cells.
    static let maxCells = 1_000_000

    static func record(_ schema: SheetSchema, reader: WorkbookReader, index: Int) throws -> BoundRecord {
        let sheet = try Sheet(reading: reader, index: index, maxCells: maxCells)
        var values = FieldValues(FieldValues.Layout(schema.fields.map(\.code)))
        var firstRow = Int.max
        for field in schema.fields {
            guard let a1 = field.cell, let ref = CellReference(a1) else { continue }
            let cell = sheet.cells[ref]
            let raw = cell?.value ?? .empty
            values[field.code] = BoundValue(cell: ref, raw: raw,
                                            coercion: ValueCoercion.coerce(raw, to: field.type, hint: cell?.isPercent == true ? .percent : .none))
            firstRow = min(firstRow, ref.row)
        }
        return BoundRecord(row: firstRow == .max ? 0 : firstRow, values: values)
    }
}
