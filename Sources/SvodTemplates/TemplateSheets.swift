import Foundation
import SvodSchema
import SvodWorkbook

extension TemplateBuilder {
    /// What the coordinator reads first: what to fill, what not to touch, where to explain warnings, the deadline.
    func instructions(_ request: TemplateRequest) -> [String] {
        let tabs = form.sheets.map { "«\($0.name)»" }.joined(separator: ", ")
        var steps = [
            "Заполните ячейки с жёлтой заливкой на листах \(tabs). Остальные ячейки защищены (лист защищён без пароля).",
            "Значения выбирайте из раскрывающихся списков; числа вводите без единиц измерения.",
            "Проценты — числом от 0 до 100 (81,7, а не 0,817 и без знака %).",
            "Серые ячейки и строки «Всего»/«Итого» считаются формулами — их не заполняйте.",
        ]
        if form.sheets.contains(where: { !liveRules($0).isEmpty }) {
            steps.append("Если числа не сходятся между собой (например, участников не столько, сколько отметок), ячейка краснеет "
                + "(предупреждение — желтеет), а справа в той же строке написано, что не так.")
        }
        steps += [
            "Не переименовывайте листы и не меняйте шапки таблиц: по ним svod находит данные.",
            "Если при проверке будет предупреждение, поясните его на листе «\(Self.explanationsSheet)»: код правила, ячейка, пояснение.",
        ]
        return ["Как заполнять"] + steps.enumerated().map { "\($0.offset + 1). \($0.element)" } + [
            Wording.sentence("Срок представления: \(form.periodicity.ru)"),
            "Форма «\(form.id)», версия \(form.version). Проверка файла: svod validate ФАЙЛ.",
        ]
    }

    /// The title and instructions on a sheet of their own, for a form without a title sheet.
    func instructionsSheet(_ request: TemplateRequest) -> Canvas {
        var c = Canvas(SheetSetup(name: Self.instructionsSheet, columns: [ColumnSetup(0, width: 110)], isProtected: true))
        c.put(CellReference(row: 0, column: 0), .text(form.title.ru), TemplateLook.title)
        var row = 2
        if let school = request.school {
            c.put(CellReference(row: row, column: 0), .text("Организация: \(school.name) (код \(school.code))"), TemplateLook.label)
            row += 1
        }
        if let period = request.period {
            c.put(CellReference(row: row, column: 0), .text("Отчётный период: \(period)"), TemplateLook.label)
            row += 1
        }
        for (i, line) in instructions(request).enumerated() {
            c.put(CellReference(row: row + 1 + i, column: 0), .text(line), i == 0 ? TemplateLook.title : TemplateLook.note)
        }
        return c
    }

    /// A form sheet: each field's cell with its label on the left; the title sheet also gets
    /// the form's title, the school and period pre-filled, and the instructions.
    func formSheet(_ schema: SheetSchema, isTitle: Bool, request: TemplateRequest, lists: inout ListColumns,
                   geometry: [String: TableGeometry]) -> (Canvas, TemplateLayout.Sheet) {
        var c = Canvas(SheetSetup(name: schema.name, isProtected: true))
        var layout = TemplateLayout.Sheet(schema: schema, name: schema.name, rows: [], formulas: [], inputs: [])
        var row = TemplateLayout.Row(index: 0, cells: [:], fixed: [:], isTotal: false)
        let typed = request.values[schema.name] ?? [:]
        var widths: [Int: Double] = [:]
        var lastRow = 0
        for field in schema.fields {
            guard let a1 = field.cell, let ref = CellReference(a1) else { continue }
            row.cells[field.code] = ref
            lastRow = max(lastRow, ref.row)
            let input = input(field, &lists)
            widths[ref.column] = max(widths[ref.column] ?? 0, 28)
            if field.computed, let f = computedFormula(field, sheet: schema, geometry: geometry, cell: { $0.cell }) {
                c.put(ref, .empty, TemplateLook.computed(input.numberFormat), formula: f)
                layout.formulas.insert(ref)
                continue
            }
            var value = typed[ref] ?? .empty
            if isTitle, field.code == "school", let school = request.school {
                value = .text(school.code)
                row.fixed[field.code] = school.code
            }
            if isTitle, field.code == "period", let period = request.period {
                value = .text(period)
                row.fixed[field.code] = period
            }
            c.put(ref, value, TemplateLook.input(input.numberFormat))
            layout.inputs.insert(ref)
            if let v = input.validation([CellRange(ref, ref)]) { c.setup.validations.append(v) }
        }
        row.index = row.cells.values.map(\.row).min() ?? 0
        if let grid = schema.grid { gridFrame(grid, on: &c, widths: &widths) }
        // Labels, the school's name and the title give way to fields wherever they would collide.
        for field in schema.fields where field.gridRow == nil {
            guard let a1 = field.cell, let ref = CellReference(a1) else { continue }
            if ref.column > 0 {
                let place = CellReference(row: ref.row, column: ref.column - 1)
                let text = field.label + (field.required ? " *" : "")
                c.putIfFree(place, .text(text), TemplateLook.label)
                widths[place.column] = max(widths[place.column] ?? 0, min(70, Double(text.count) + 2))
            }
            if isTitle, field.code == "school", let school = request.school {
                c.putIfFree(CellReference(row: ref.row, column: ref.column + 1), .text(school.short.first ?? school.name), TemplateLook.note)
            }
        }
        let origin = CellReference(row: 0, column: 0)
        c.putIfFree(origin, .text(isTitle ? form.title.ru : "\(form.title.ru) — \(schema.name)"), TemplateLook.title)
        if isTitle {
            c.putIfFree(CellReference(row: 1, column: 0), .text(Wording.sentence("Поля со звёздочкой (*) обязательны. Срок: \(form.periodicity.ru)")), TemplateLook.note)
            let column = widths.keys.min() ?? 1
            for (i, line) in instructions(request).enumerated() {
                c.putIfFree(CellReference(row: lastRow + 2 + i, column: column), .text(line), i == 0 ? TemplateLook.title : TemplateLook.note)
            }
        }
        c.setup.columns = widths.sorted { $0.key < $1.key }.map { ColumnSetup($0.key, width: $0.value) }
        addLiveChecks(schema, to: &c, geometry: geometry)
        layout.rows = [row]
        return (c, layout)
    }

    /// A statistical form's frame: the header, the row of column numbers (1 the name, 2 the row
    /// code, then the columns' codes) and each row's name and code, which svod finds cells by.
    private func gridFrame(_ grid: GridSchema, on c: inout Canvas, widths: inout [Int: Double]) {
        let header = ["Наименование показателя", "№ строки"] + grid.columns.map(\.label)
        let numbers = ["1", "2"] + grid.columns.map(\.code)
        for (i, text) in header.enumerated() {
            c.put(CellReference(row: GridSchema.headerRow, column: i), .text(text), TemplateLook.header)
            c.put(CellReference(row: GridSchema.numberRow, column: i), .text(numbers[i]), TemplateLook.header)
            if i >= GridSchema.firstColumn { widths[i] = max(widths[i] ?? 0, min(30, Double(text.count) / 2 + 4)) }
        }
        for (i, line) in grid.rows.enumerated() {
            c.put(CellReference(row: GridSchema.firstRow + i, column: 0), .text(line.label), TemplateLook.label)
            c.put(CellReference(row: GridSchema.firstRow + i, column: 1), .text(line.code), TemplateLook.key(nil))
        }
        widths[0] = max(widths[0] ?? 0, min(70, Double(grid.rows.map(\.label.count).max() ?? 20) + 2))
        widths[1] = 10
    }

    /// A table sheet: title, header with labels (and units), fixed or free rows, «Всего» rows.
    func tableSheet(_ schema: SheetSchema, geometry: [String: TableGeometry], request: TemplateRequest,
                    lists: inout ListColumns) -> (Canvas, TemplateLayout.Sheet) {
        let g = geometry[schema.id]!
        var c = Canvas(SheetSetup(name: schema.name, frozenRows: g.dataStart, isProtected: true))
        var layout = TemplateLayout.Sheet(schema: schema, name: schema.name, rows: [], formulas: [], inputs: [])
        let typed = request.values[schema.name] ?? [:]
        c.put(CellReference(row: 0, column: 0), .text("\(form.title.ru) — \(schema.name)"), TemplateLook.title)
        c.put(CellReference(row: 1, column: 0), .text(Wording.sentence(
            "Жёлтые ячейки заполняет школа, серые считаются сами. Подсказка к столбцу — при выборе ячейки. Срок: \(form.periodicity.ru)")),
            TemplateLook.note)
        let headers = headerTexts(schema)
        for (column, field) in schema.fields.enumerated() {
            let top = CellReference(row: Self.headerTop, column: column)
            c.put(top, .text(headers[column]), TemplateLook.header)
            for extra in 1..<g.headerRows { c.put(CellReference(row: Self.headerTop + extra, column: column), .empty, TemplateLook.header) }
            if g.headerRows > 1 { c.setup.merges.append(CellRange(top, CellReference(row: Self.headerTop + g.headerRows - 1, column: column))) }
            let width = min(40, max(12, Double(field.label.count) * 0.6 + 4))
            c.setup.columns.append(ColumnSetup(column, width: isCode(field) ? max(width, 28) : width))
        }
        let longest = headers.map(\.count).max() ?? 0
        c.heights[Self.headerTop] = Double(min(6, max(1, (longest + 13) / 14))) * 15 / Double(g.headerRows) + 3
        var inputRows: [Int: [Int]] = [:]
        for planned in g.rows {
            var row = TemplateLayout.Row(index: planned.index, cells: [:], fixed: [:], isTotal: planned.sums != nil)
            for (column, field) in schema.fields.enumerated() {
                let ref = CellReference(row: planned.index, column: column)
                row.cells[field.code] = ref
                let format = FieldInput(field: field).numberFormat
                let own = { (f: FieldSchema) -> String? in
                    schema.fields.firstIndex { $0.code == f.code }.map { "\(CellReference.columnName($0))\(planned.index + 1)" }
                }
                if let fixed = planned.fixed[field.code] {
                    let shown = display(fixed, of: field)
                    c.put(ref, .text(shown), planned.sums != nil ? TemplateLook.total(format) : TemplateLook.key(format))
                    row.fixed[field.code] = shown
                } else if field.computed, let f = computedFormula(field, sheet: schema, geometry: geometry, cell: own) {
                    // In a «Всего» row too: a share of the totals, and a sum of computed cells would
                    // carry a cached 0 that programs which do not recalculate on load keep.
                    c.put(ref, .empty, planned.sums != nil ? TemplateLook.total(format) : TemplateLook.computed(format), formula: f)
                    layout.formulas.insert(ref)
                } else if let sums = planned.sums, schema.totals?.fields.contains(field.code) == true {
                    // The cached result is the sum itself (0 in a blank template): readers that do not recalculate see it.
                    let sum = sums.reduce(0.0) { total, r in
                        if case .number(let v)? = typed[CellReference(row: r, column: column)] { total + v } else { total }
                    }
                    c.put(ref, .number(sum), TemplateLook.total(format), formula: "SUM(\(Self.ranges(sums, column: CellReference.columnName(column))))")
                    layout.formulas.insert(ref)
                } else {
                    c.put(ref, typed[ref] ?? .empty, TemplateLook.input(format))
                    layout.inputs.insert(ref)
                    inputRows[column, default: []].append(planned.index)
                }
            }
            layout.rows.append(row)
        }
        for (column, field) in schema.fields.enumerated() {
            guard let rows = inputRows[column], !rows.isEmpty else { continue }
            let ranges = Self.runs(rows).map { CellRange(CellReference(row: $0.0, column: column), CellReference(row: $0.1, column: column)) }
            if let v = input(field, &lists).validation(ranges) { c.setup.validations.append(v) }
        }
        addLiveChecks(schema, to: &c, rows: g.rows, geometry: geometry)
        return (c, layout)
    }

    private func isCode(_ f: FieldSchema) -> Bool { if case .code = f.type { true } else { false } }

    /// How a field's input cells behave, its code list (if any) added to «Списки».
    private func input(_ field: FieldSchema, _ lists: inout ListColumns) -> FieldInput {
        guard case .code(let id) = field.type else { return FieldInput(field: field) }
        return FieldInput(field: field, listRange: lists.range(of: id), listTitle: catalog.list(id)?.title.ru)
    }

    /// Header texts: the label, with the unit after a comma when the label does not carry it
    /// and the longer text cannot be taken for another column's label.
    func headerTexts(_ schema: SheetSchema) -> [String] {
        func key(_ s: String) -> String { s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let names = schema.fields.map { f in ([f.label] + f.aliases).map(key) }
        return schema.fields.enumerated().map { i, field in
            guard let unit = field.unit, !unit.isEmpty, !field.label.contains(unit) else { return field.label }
            let text = "\(field.label), \(unit)"
            let k = key(text)
            let clash = names.enumerated().contains { j, labels in
                j != i && labels.contains { !$0.isEmpty && (k == $0 || k.hasPrefix($0) || k.hasSuffix($0)) }
            }
            return clash ? field.label : text
        }
    }

    /// Consecutive runs of sorted row indexes, as (first, last).
    static func runs(_ rows: [Int]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        for r in rows.sorted() {
            if let last = out.last, last.1 == r - 1 { out[out.count - 1].1 = r } else { out.append((r, r)) }
        }
        return out
    }

    /// `C5:C9,C11` for the rows of one column.
    static func ranges(_ rows: [Int], column: String) -> String {
        runs(rows).map { $0.0 == $0.1 ? "\(column)\($0.0 + 1)" : "\(column)\($0.0 + 1):\(column)\($0.1 + 1)" }.joined(separator: ",")
    }

    /// «Пояснения»: rule id, cell, explanation, as `svod validate` reads them; the rule ids of
    /// the form's warnings offered as a list.
    func explanationsSheet(lists: inout ListColumns) -> Canvas {
        var c = Canvas(SheetSetup(name: Self.explanationsSheet, columns: [ColumnSetup(0, width: 28), ColumnSetup(1, width: 16), ColumnSetup(2, width: 80)],
                                  frozenRows: 1, isProtected: true))
        let head = ["Код правила", "Ячейка", "Пояснение"]
        for (i, text) in head.enumerated() { c.put(CellReference(row: 0, column: i), .text(text), TemplateLook.header) }
        let last = Self.explanationRows
        for r in 1...last {
            for column in 0..<3 { c.put(CellReference(row: r, column: column), .empty, TemplateLook.free) }
        }
        let warnings = form.rules.filter { $0.severity == .warning }.map(\.id)
        let rule = lists.range(id: "svod.warnings", title: "Предупреждения формы", items: warnings).map { DataValidation.Rule.listRange($0) }
        c.setup.validations.append(DataValidation(
            ranges: [CellRange(CellReference(row: 1, column: 0), CellReference(row: last, column: 0))],
            rule: rule ?? .textLength(.between, 1, 100),
            prompt: ("Код правила", "Код правила из отчёта svod (например, \(warnings.first ?? "vpr.quality-trend")). Ошибки пояснением не снимаются."),
            error: ("Код правила", "Такого предупреждения в форме нет; код — из отчёта svod."), errorStyle: .warning))
        c.setup.validations.append(DataValidation(
            ranges: [CellRange(CellReference(row: 1, column: 1), CellReference(row: last, column: 1))],
            rule: .textLength(.lessThanOrEqual, 40, nil),
            prompt: ("Ячейка", "Ячейка из отчёта, например F12 или ВПР!F12; пусто — для всех ячеек правила.")))
        c.setup.validations.append(DataValidation(
            ranges: [CellRange(CellReference(row: 1, column: 2), CellReference(row: last, column: 2))],
            rule: .textLength(.between, 1, 2000),
            prompt: ("Пояснение", "Почему значение верно: причина, документ, дата.")))
        return c
    }
}
