import Foundation
import SvodExpressions
import SvodSchema
import SvodSpreadsheet
import SvodWorkbook

/// Makes the blank workbook of a form that a school's coordinator fills in Excel, LibreOffice
/// or Р7-Офис: every sheet of the schema with its labels locked and its input cells open,
/// drop-down lists and range checks as native data validation, computed cells as formulas,
/// a sheet «Пояснения» for explaining warnings, and the form's id and version in the
/// document's custom properties, so `svod validate` knows the file.
public struct TemplateBuilder {
    /// The form.
    public let form: FormSchema
    /// The catalogue: code lists and the registry.
    public let catalog: SchemaCatalog

    /// The sheet where a school explains warnings (read by `svod validate`).
    public static let explanationsSheet = "Пояснения"
    /// The hidden sheet holding the drop-down lists' items.
    public static let listsSheet = "Списки"
    /// The sheet with the title and instructions, for a form without a title sheet of its own.
    public static let instructionsSheet = "Инструкция"
    /// Row (0-based) where a table's header begins: a title and a hint stand above it.
    static let headerTop = 3
    /// Rows of the explanations sheet open for typing.
    static let explanationRows = 100

    /// A builder for `form`.
    public init(form: FormSchema, catalog: SchemaCatalog) {
        self.form = form
        self.catalog = catalog
    }

    /// Where the template for `request` puts each field.
    public func layout(_ request: TemplateRequest = TemplateRequest()) -> TemplateLayout { plan(request).layout }

    /// Writes the template to `path` (whole or not at all) and returns its layout.
    @discardableResult
    public func write(_ request: TemplateRequest, to path: String, format: SpreadsheetFormat) throws -> TemplateLayout {
        let plan = plan(request)
        let writer = try SpreadsheetOutput.create(path: path, format: format)
        do {
            writer.properties = properties(request)
            for canvas in plan.canvases { try canvas.write(to: writer) }
            try writer.finish()
        } catch {
            writer.cancel()
            throw error
        }
        return plan.layout
    }

    /// The document's metadata: title, and `svod.form`, `svod.version`, `svod.school`, `svod.period`.
    func properties(_ request: TemplateRequest) -> DocumentProperties {
        var custom: [(name: String, value: String)] = [("svod.form", form.id), ("svod.version", String(form.version))]
        if let school = request.school { custom.append(("svod.school", school.code)) }
        if let period = request.period { custom.append(("svod.period", period)) }
        let who = [request.school?.short.first ?? request.school?.name, request.period].compactMap { $0 }.joined(separator: ", ")
        return DocumentProperties(title: form.title.ru, subject: "МСОКО: форма \(form.id), версия \(form.version)" + (who.isEmpty ? "" : " — \(who)"),
                                  creator: "svod", description: "Срок: \(form.periodicity.ru)", keywords: "МСОКО; \(form.id)",
                                  custom: custom)
    }

    // MARK: - Planning

    struct Plan {
        var canvases: [Canvas]
        var layout: TemplateLayout
    }

    func plan(_ request: TemplateRequest) -> Plan {
        var lists = ListColumns(catalog: catalog)
        let geometry = Dictionary(uniqueKeysWithValues: form.sheets.filter { $0.layout == .table }.map {
            ($0.id, TableGeometry($0, freeRows: request.freeRows))
        })
        var canvases: [Canvas] = []
        var sheets: [TemplateLayout.Sheet] = []
        let title = form.titleSheet
        if title == nil { canvases.append(instructionsSheet(request)) }
        for schema in form.sheets {
            let (canvas, layout) = schema.layout == .form
                ? formSheet(schema, isTitle: schema.id == title?.id, request: request, lists: &lists, geometry: geometry)
                : tableSheet(schema, geometry: geometry, request: request, lists: &lists)
            canvases.append(canvas)
            sheets.append(layout)
        }
        canvases.append(explanationsSheet(lists: &lists))
        canvases.append(lists.canvas)
        return Plan(canvases: canvases, layout: TemplateLayout(sheets: sheets, sheetNames: canvases.map(\.setup.name)))
    }

    /// A sheet name as a formula prefix, always quoted.
    static func quoted(_ sheet: String) -> String { "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'" }

    /// A field of another sheet (`results.n`) as an absolute reference: a form sheet's cell, a
    /// table's data column (without its total rows).
    func crossReference(_ name: String, geometry: [String: TableGeometry]) -> String? {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let other = form.sheet(parts[0]), let field = other.field(parts[1]) else { return nil }
        let sheet = Self.quoted(other.name)
        if other.layout == .form {
            guard let a1 = field.cell, let ref = CellReference(a1) else { return nil }
            return "\(sheet)!$\(CellReference.columnName(ref.column))$\(ref.row + 1)"
        }
        guard let g = geometry[other.id], let (first, last) = g.partsSpan, let column = other.fields.firstIndex(where: { $0.code == field.code }) else { return nil }
        let c = CellReference.columnName(column)
        return "\(sheet)!$\(c)$\(first + 1):$\(c)$\(last + 1)"
    }

    /// The formula of a computed field, with `cell` placing the sheet's own fields.
    func computedFormula(_ field: FieldSchema, sheet: SheetSchema, geometry: [String: TableGeometry],
                         cell: @escaping (FieldSchema) -> String?) -> String? {
        guard let (expression, when) = form.computation(of: field.code, sheet: sheet.id) else { return nil }
        return ComputedFormula.excel(expression, when: when, places: field.type.places) { name in
            if let own = sheet.field(name) { return cell(own) }
            return crossReference(name, geometry: geometry)
        }
    }

    /// The name an item of a code list is written as (fixed rows name list items by code or name).
    func display(_ value: String, of field: FieldSchema) -> String {
        guard case .code(let id) = field.type, let list = catalog.list(id) else { return value }
        return list.items.first { $0.code == value || $0.name == value || $0.aliases.contains(value) }?.name ?? value
    }
}

/// The rows of a table sheet: header, fixed or free rows, and «Всего» rows with what they sum.
struct TableGeometry {
    struct PlannedRow {
        var index: Int
        /// Pre-filled values by field code (fixed rows' keys; a total row's label and group).
        var fixed: [String: String]
        /// For a total row: the rows it sums.
        var sums: [Int]?
    }

    let headerRows: Int
    let dataStart: Int
    let rows: [PlannedRow]

    init(_ schema: SheetSchema, freeRows: Int) {
        headerRows = max(1, schema.headerRows)
        dataStart = TemplateBuilder.headerTop + headerRows
        var rows: [PlannedRow] = []
        var next = dataStart
        func add(_ fixed: [String: String], sums: [Int]? = nil) {
            rows.append(PlannedRow(index: next, fixed: fixed, sums: sums))
            next += 1
        }
        let totals = schema.totals
        let label = totals?.labels.first ?? "Всего"
        if schema.fixedRows.isEmpty {
            for _ in 0..<max(1, freeRows) { add([:]) }
            if let t = totals { add([t.labelField: label], sums: Array(dataStart..<next)) }
        } else if let t = totals, !t.groupBy.isEmpty, schema.fixedRows.allSatisfy({ r in t.groupBy.allSatisfy { r[$0] != nil } }) {
            var order: [[String]] = []
            var members: [[String]: [[String: String]]] = [:]
            for r in schema.fixedRows {
                let g = t.groupBy.map { r[$0]! }
                if members[g] == nil { order.append(g) }
                members[g, default: []].append(r)
            }
            for g in order {
                let first = next
                for r in members[g]! { add(r) }
                var fixed = Dictionary(zip(t.groupBy, g), uniquingKeysWith: { first, _ in first })
                fixed[t.labelField] = label
                add(fixed, sums: Array(first..<next))
            }
        } else {
            for r in schema.fixedRows { add(r) }
            if let t = totals { add([t.labelField: label], sums: Array(dataStart..<next)) }
        }
        self.rows = rows
    }

    /// First and last rows of the parts (rows that are not totals) when they are contiguous.
    var partsSpan: (Int, Int)? {
        let parts = rows.filter { $0.sums == nil }.map(\.index)
        guard let first = parts.first, let last = parts.last, last - first + 1 == parts.count else { return nil }
        return (first, last)
    }
}

/// The hidden sheet «Списки»: a column per code list the form uses, referenced by the drop-downs.
struct ListColumns {
    let catalog: SchemaCatalog
    private(set) var columns: [(id: String, title: String, items: [String])] = []

    init(catalog: SchemaCatalog) { self.catalog = catalog }

    /// The range of a code list's items, adding its column the first time.
    mutating func range(of list: String) -> String? {
        guard let l = catalog.list(list) else { return nil }
        return range(id: list, title: l.title.ru, items: l.items.map(\.name))
    }

    /// The range of `items` under `id`, adding the column the first time; nil when empty.
    mutating func range(id: String, title: String, items: [String]) -> String? {
        guard !items.isEmpty else { return nil }
        let column = columns.firstIndex { $0.id == id } ?? {
            columns.append((id, title, items))
            return columns.count - 1
        }()
        let c = CellReference.columnName(column)
        return "\(TemplateBuilder.quoted(TemplateBuilder.listsSheet))!$\(c)$2:$\(c)$\(columns[column].items.count + 1)"
    }

    /// The sheet: hidden, protected, the list's title over its items.
    var canvas: Canvas {
        var c = Canvas(SheetSetup(name: TemplateBuilder.listsSheet, visibility: .hidden,
                                  columns: columns.indices.map { ColumnSetup($0, width: 40) }, isProtected: true))
        if columns.isEmpty { c.put(CellReference(row: 0, column: 0), .text("Списков нет"), TemplateLook.title) }
        for (k, list) in columns.enumerated() {
            c.put(CellReference(row: 0, column: k), .text(list.title), TemplateLook.title)
            for (i, item) in list.items.enumerated() {
                c.put(CellReference(row: i + 1, column: k), .text(item), CellStyle(numberFormat: CellStyle.Format.text))
            }
        }
        return c
    }
}
