import Foundation
import SvodLocale
import SvodSchema
import SvodSpreadsheet
import SvodWorkbook

/// An input a consolidation was given but did not use, and why (every input appears in the output).
public struct LeftOut: Equatable, Sendable {
    public var file: String
    public var reason: LocalizedText

    /// A file left out.
    public init(file: String, reason: LocalizedText) {
        self.file = file
        self.reason = reason
    }
}

/// The consolidated workbook: per form and sheet the schools' rows and the city rows as
/// formulas, then «Источники» (every file used, every school missing, every input left out),
/// «Контроль свода» (the checks), and a hidden sheet with the consolidation as JSON, which
/// makes the workbook an input to a higher consolidation.
public struct ConsolidatedWorkbook {
    public let catalog: SchemaCatalog
    /// Name of the area in city rows and titles.
    public var area: String
    public var leftOut: [LeftOut] = []
    /// Earlier periods' consolidations by form and offset, for the programme tables' year columns.
    public var earlier: [String: [Int: FormConsolidation]] = [:]

    /// A writer for `catalog`'s forms.
    public init(catalog: SchemaCatalog, area: String) {
        self.catalog = catalog
        self.area = area
    }

    /// The hidden sheet's name and its first cell's marker.
    public static let dataSheet = "svod-data", marker = "svod-consolidation"

    /// Writes `c` to `path` (XLSX or ODS by its extension); the file appears whole or not at all.
    public func write(_ c: Consolidation, schools: SchoolSource, to path: String, created: CivilDateTime) throws {
        guard let format = SpreadsheetOutput.format(forPath: path) else {
            throw ConsolidationInputError(path, ru: "свод пишется в .xlsx, .ods или .json", en: "a consolidation is written to .xlsx, .ods or .json")
        }
        let w = try SpreadsheetOutput.create(path: path, format: format)
        do {
            w.properties = DocumentProperties(title: "Свод МСОКО: \(area), \(c.period)", creator: "svod", created: created,
                                              custom: [("svod-consolidation", c.period)])
            w.properties.modified = created
            let styles = ConsolidationStyles(w)
            var taken: [String] = []
            for table in catalog.programmeTables {
                guard let form = catalog.form(table.form), let now = c.form(form.id) else { continue }
                let name = SheetName.legalized("Таблица \(table.id)", taken: taken)
                taken.append(name)
                var byOffset = earlier[form.id] ?? [:]
                byOffset[0] = now
                let values = ProgrammeTableValues(catalog: catalog, table: table, form: form, consolidations: byOffset, period: c.period)
                try ProgrammeTableSheet(values: values, styles: styles).write(to: w, name: name)
            }
            for f in c.forms {
                guard let form = catalog.form(f.id) else { continue }
                try writeForm(f, form: form, period: c.period, schools: schools, styles: styles, taken: &taken, to: w)
            }
            try SourcesSheet(catalog: catalog, styles: styles).write(c, leftOut: leftOut, to: w)
            try ChecksSheet(styles: styles).write(c.checks, catalog: catalog, to: w)
            try writeData(c, to: w)
            try w.finish()
        } catch {
            w.cancel()
            throw error
        }
    }

    private func writeForm(_ f: FormConsolidation, form: FormSchema, period: String, schools: SchoolSource, styles: ConsolidationStyles,
                           taken: inout [String], to w: WorkbookWriter) throws {
        // City formulas point at the school rows, and at other sheets' totals: the consolidation counted them.
        let counts = f.schoolRows
        var layouts: [String: ConsolidatedSheetLayout] = [:]
        for city in f.sheets {
            guard let sheet = form.sheet(city.id) else { continue }
            let name = SheetName.legalized("\(form.id) \(sheet.name)", taken: taken)
            taken.append(name)
            layouts[sheet.id] = ConsolidatedSheetLayout(name: name, sheet: sheet, form: form, schoolRows: counts[sheet.id] ?? 0,
                                                         keyedRows: city.rows.count)
        }
        let published = PublishedValues(form: form, consolidation: f)
        let live = !f.sources.contains { $0.via != nil }
        for city in f.sheets {
            guard let layout = layouts[city.id] else { continue }
            let writer = FormSheetWriter(catalog: catalog, form: form, layout: layout,
                                         formulas: CityFormulas(form: form, layout: layout, others: layouts),
                                         published: published, styles: styles, area: area, live: live)
            let note = live ? "" : " (итоги — по сводам районов, см. «Источники»)"
            try writer.write(city, title: "\(form.title.ru) — «\(layout.sheet.name)», \(period), \(area)\(note)", schools: schools, to: w)
        }
    }

    private func writeData(_ c: Consolidation, to w: WorkbookWriter) throws {
        try w.beginSheet(SheetSetup(name: Self.dataSheet, visibility: .hidden))
        try w.write(OutputRow(index: 0, cells: [OutputCell(column: 0, value: .text(Self.marker))]))
        // A cell holds at most 32 767 characters: the document is cut into pieces well below that,
        // as it is produced, so the city's JSON never sits whole in memory.
        var cells = TextCells(limit: 16_000) { piece, index in
            try w.write(OutputRow(index: index, cells: [OutputCell(column: 0, value: .text(piece))]))
        }
        try ConsolidationJSON(catalog: catalog).write(c) { try cells.append($0) }
        try cells.finish()
        try w.endSheet()
    }
}

/// Text cut into cells of at most `limit` Unicode scalars, numbered from row 1.
struct TextCells {
    let limit: Int
    let cell: (String, Int) throws -> Void
    private var buffer = ""
    private var count = 0
    private var index = 1

    init(limit: Int, cell: @escaping (String, Int) throws -> Void) {
        self.limit = limit
        self.cell = cell
    }

    mutating func append(_ text: String) throws {
        let n = text.unicodeScalars.count
        if count + n <= limit {
            buffer += text
            count += n
        } else {
            for scalar in text.unicodeScalars {
                buffer.unicodeScalars.append(scalar)
                count += 1
                if count == limit { try flush() }
            }
        }
        if count == limit { try flush() }
    }

    mutating func finish() throws {
        if count > 0 { try flush() }
    }

    private mutating func flush() throws {
        try cell(buffer, index)
        index += 1
        buffer = ""
        count = 0
    }
}
