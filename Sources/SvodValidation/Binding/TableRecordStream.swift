import SvodSchema
import SvodWorkbook

/// A table sheet's records, streamed: the first rows are held until the header is found,
/// then every row below it becomes a record with its fields read as their types.
final class TableRecordStream {
    let schema: SheetSchema
    let header: HeaderLocator.Header
    private let rows: SheetRowReader
    private var buffered: [Row]
    private var pending: (row: Row, repeat: Int)?
    private let layout: FieldValues.Layout
    /// Bound fields as (position, column, type), by column: a row's cells are matched in one pass.
    private let bound: [(Int, Int, FieldType)]

    /// Reads the first rows of `rows` and finds the header; nil when there is none.
    init?(schema: SheetSchema, rows: SheetRowReader) throws {
        self.schema = schema
        self.rows = rows
        var first: [Row] = []
        while first.count < HeaderLocator.scanRows, let row = try rows.nextRow() { first.append(row) }
        guard let header = HeaderLocator.locate(schema, in: first) else { return nil }
        self.header = header
        layout = FieldValues.Layout(schema.fields.map(\.code))
        bound = schema.fields.enumerated().compactMap { i, f in header.columns[f.code].map { (i, $0, f.type) } }.sorted { $0.1 < $1.1 }
        buffered = first.filter { $0.index > header.lastRow }
    }

    /// The next record, skipping rows with none of the bound fields filled.
    func next() throws -> BoundRecord? {
        while let row = try nextRow() {
            if let record = bind(row) { return record }
        }
        return nil
    }

    /// The next row of the sheet below the header, a repeated row once per repetition.
    private func nextRow() throws -> Row? {
        let row: Row
        if var p = pending {
            row = Row(index: p.row.index + p.repeat, cells: p.row.cells)
            p.repeat += 1
            pending = p.repeat < p.row.repeatCount ? p : nil
        } else if !buffered.isEmpty {
            row = buffered.removeFirst()
        } else if let r = try rows.nextRow() {
            row = r
        } else {
            return nil
        }
        if row.repeatCount > 1 && pending == nil { pending = (row, 1) }
        return row
    }

    /// Checks the next record's values as they are read, keeping none of them: a sheet with no
    /// rules, keys or totals needs no records, and building them cost as much as the checks.
    /// False at the end of the sheet.
    func checkNext(_ plans: [FieldPlan], _ checks: FieldChecks, sheet: String, into findings: inout [Finding]) throws -> Bool {
        while true {
            guard let row = try nextRow() else { return false }
            let cells = row.cells
            var c = 0, any = false
            // By index: the bound fields' types are not copied (nor their strings retained) per cell.
            for b in bound.indices {
                let column = bound[b].1
                while c < cells.count, cells[c].column < column { c += 1 }
                if c < cells.count, cells[c].column == column, !cells[c].value.isEmpty { any = true; break }
            }
            guard any else { continue }
            c = 0
            for b in bound.indices {
                let position = bound[b].0, column = bound[b].1
                while c < cells.count, cells[c].column < column { c += 1 }
                let here = c < cells.count && cells[c].column == column
                // The cell is passed borrowed on the quick path, which nearly every value takes.
                if here, checks.quickPass(plans[position], cells[c]) { continue }
                let cell = here ? cells[c] : nil
                let raw = cell?.value ?? .empty
                let value = BoundValue(cell: CellReference(row: row.index, column: column), raw: raw,
                                       coercion: ValueCoercion.coerce(raw, to: bound[b].2, hint: cell?.isPercent == true ? .percent : .none))
                _ = checks.check(plans[position], value, sheet: sheet, into: &findings)
            }
            return true
        }
    }

    private func bind(_ row: Row) -> BoundRecord? {
        var values = FieldValues(layout)
        var any = false
        var c = 0
        let cells = row.cells
        for (position, column, type) in bound {
            while c < cells.count, cells[c].column < column { c += 1 }
            let cell = c < cells.count && cells[c].column == column ? cells[c] : nil
            let raw = cell?.value ?? .empty
            if !raw.isEmpty { any = true }
            values[position: position] = BoundValue(cell: CellReference(row: row.index, column: column), raw: raw,
                                                    coercion: ValueCoercion.coerce(raw, to: type, hint: cell?.isPercent == true ? .percent : .none))
        }
        return any ? BoundRecord(row: row.index, values: values) : nil
    }
}
