import SvodWorkbook

/// A sheet laid out in memory before it is written: templates are small, and the formats want
/// validations and merges before the first row.
struct Canvas {
    /// One cell to write.
    struct Cell {
        var value: CellValue
        var formula: String?
        var style: CellStyle
    }

    var setup: SheetSetup
    private(set) var cells: [Int: [Int: Cell]] = [:]
    var heights: [Int: Double] = [:]
    /// The rules its conditional formats check, by id.
    var liveRules: [String] = []

    init(_ setup: SheetSetup) { self.setup = setup }

    /// Whether something is already written at `ref`.
    func isTaken(_ ref: CellReference) -> Bool { cells[ref.row]?[ref.column] != nil }

    /// Puts a cell, replacing what was there.
    mutating func put(_ ref: CellReference, _ value: CellValue, _ style: CellStyle, formula: String? = nil) {
        cells[ref.row, default: [:]][ref.column] = Cell(value: value, formula: formula, style: style)
    }

    /// Puts a cell unless the place is taken (labels and titles give way to fields).
    mutating func putIfFree(_ ref: CellReference, _ value: CellValue, _ style: CellStyle) {
        if !isTaken(ref) { put(ref, value, style) }
    }

    /// Writes the sheet: setup, rows in order, styles registered with the writer.
    func write(to writer: WorkbookWriter) throws {
        // A hidden sheet (the lists) is never printed; the others fit A4 across their used columns,
        // and down on a page per 40 rows (the ВПР form's 100 free rows: 3 pages).
        let last = cells.values.compactMap { $0.keys.max() }.max() ?? 0
        var printed = setup.printable(through: max(last, setup.columns.map(\.last).max() ?? 0))
        printed.page?.fitToHeight = max(1, ((cells.keys.max() ?? 0) + 40) / 40)
        try writer.beginSheet(setup.visibility == .visible ? printed : setup)
        for row in Set(cells.keys).union(heights.keys).sorted() {
            let line = (cells[row] ?? [:]).sorted { $0.key < $1.key }.map { column, cell in
                OutputCell(column: column, value: cell.value, formula: cell.formula.map { Formula($0) }, style: writer.style(cell.style))
            }
            try writer.write(OutputRow(index: row, cells: line, height: heights[row]))
        }
        try writer.endSheet()
    }
}

/// The looks of a template: yellow cells are typed, grey ones computed, blue ones are headers.
enum TemplateLook {
    static let inputFill = Color(red: 0xFF, green: 0xF8, blue: 0xD6)
    static let computedFill = Color(red: 0xE7, green: 0xE6, blue: 0xE6)
    static let keyFill = Color(red: 0xF2, green: 0xF2, blue: 0xF2)
    static let noteColor = Color(red: 0x59, green: 0x59, blue: 0x59)

    static let title = CellStyle(bold: true)
    static let note = CellStyle(fontColor: noteColor)
    static let label = CellStyle(vertical: .center)
    static let header = CellStyle(bold: true, fill: Color.headerFill, border: true, horizontal: .center, vertical: .center, wrap: true)

    static func input(_ format: String?) -> CellStyle { CellStyle(fill: inputFill, border: true, numberFormat: format, locked: false) }
    static func computed(_ format: String?) -> CellStyle { CellStyle(italic: true, fill: computedFill, border: true, numberFormat: format) }
    static func key(_ format: String?) -> CellStyle { CellStyle(fill: keyFill, border: true, numberFormat: format) }
    static func total(_ format: String?) -> CellStyle { CellStyle(bold: true, fill: Color.headerFill, border: true, numberFormat: format) }
    /// A cell of the explanations sheet, typed by the school.
    static let free = CellStyle(border: true, wrap: true, numberFormat: CellStyle.Format.text, locked: false)
}
