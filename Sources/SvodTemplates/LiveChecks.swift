import SvodExpressions
import SvodSchema
import SvodWorkbook

/// The checks a template makes as the school types: each rule a cell formula can follow
/// (`RuleFormula`) turns the cell `svod validate` would point at red (a warning's yellow) by a
/// conditional format, and a note column at the right of the sheet shows its message — the
/// same rule text driving the validator, the formats and the notes.
extension TemplateBuilder {
    /// A rule the template checks, and the field its finding points at.
    struct LiveRule {
        let rule: RuleSchema
        let target: FieldSchema
        /// It reads another sheet: the validator does not run it on «Всего» rows.
        let readsOtherSheet: Bool
    }

    /// The header of the note column.
    static let notesHeader = "Проверка (заполняется сама)"
    /// Excel's limit on a formula's length, with room to spare.
    static let formulaLimit = 8_000

    static let errorLook = CellStyle(bold: true, fontColor: Color(red: 0x9C, green: 0x00, blue: 0x06), fill: Color.errorFill)
    static let warningLook = CellStyle(fontColor: Color(red: 0x9C, green: 0x57, blue: 0x00), fill: Color.warningFill)

    /// The ids of the form's rules the template checks as the school types.
    public var liveRuleIDs: [String] { plan(TemplateRequest()).canvases.flatMap(\.liveRules) }

    /// The sheet's rules a cell formula can follow, errors first, where the validator points
    /// each one: the left side of a comparison, else (for a row's rule) the first field it names.
    func liveRules(_ schema: SheetSchema) -> [LiveRule] {
        func field(_ name: String) -> FieldSchema? {
            guard let dot = name.firstIndex(of: ".") else { return schema.field(name) }
            return form.sheet(String(name[..<dot]))?.field(String(name[name.index(after: dot)...]))
        }
        func own(_ name: String) -> FieldSchema? {
            guard let dot = name.firstIndex(of: ".") else { return schema.field(name) }
            return String(name[..<dot]) == schema.id ? schema.field(String(name[name.index(after: dot)...])) : nil
        }
        let formSheets = Set(form.sheets.filter { $0.layout == .form }.map(\.id))
        var out: [LiveRule] = []
        for rule in form.rules where rule.sheet == schema.id && !rule.crossPeriod && rule.severity != .info {
            guard let check = try? SvodExpressions.Expression.parse(rule.check) else { continue }
            let when = rule.when.flatMap { try? SvodExpressions.Expression.parse($0) }
            let names = check.references.union(when?.references ?? [])
            // Numbers only: a code field reads as its list code in the validator, a да/нет field as a truth value.
            guard names.allSatisfy({ field($0)?.type.places != nil }) else { continue }
            let perRecord = names.allSatisfy { name in
                guard let dot = name.firstIndex(of: ".") else { return true }
                return formSheets.contains(String(name[..<dot]))
            }
            var targetName: String?
            if case let .comparison(_, .name(left), _) = check { targetName = left }
            if targetName == nil, perRecord { targetName = check.orderedReferences.first { schema.field($0) != nil } }
            guard let name = targetName, let target = own(name) else { continue }
            // A computed field's own rule holds by its formula.
            if target.computed, case let .comparison(.equal, .name(left), _) = check, own(left)?.code == target.code { continue }
            out.append(LiveRule(rule: rule, target: target, readsOtherSheet: names.contains { $0.contains(".") }))
        }
        return out.filter { $0.rule.severity == .error } + out.filter { $0.rule.severity != .error }
    }

    /// Adds a table's live checks to its canvas: a conditional format per rule over its target
    /// column, and the note column right of the fields.
    func addLiveChecks(_ schema: SheetSchema, to c: inout Canvas, rows: [TableGeometry.PlannedRow], geometry: [String: TableGeometry]) {
        let live = liveRules(schema)
        guard !live.isEmpty else { return }
        func cell(row: Int) -> (String) -> String? {
            { name in
                if let i = schema.fields.firstIndex(where: { $0.code == name || "\(schema.id).\($0.code)" == name }) {
                    return "\(CellReference.columnName(i))\(row + 1)"
                }
                return crossReference(name, geometry: geometry)
            }
        }
        var notes: [Int: [RuleFormula]] = [:]
        for l in live {
            guard let column = schema.fields.firstIndex(where: { $0.code == l.target.code }) else { continue }
            let checked = rows.filter { !(l.readsOtherSheet && $0.sums != nil) }.map(\.index)
            guard let first = checked.first,
                  let anchor = RuleFormula(l.rule, places: l.target.type.places, cell: cell(row: first)) else { continue }
            let ranges = Self.runs(checked).map { CellRange(CellReference(row: $0.0, column: column), CellReference(row: $0.1, column: column)) }
            c.setup.conditionalFormats.append(ConditionalFormat(ranges: ranges, formula: anchor.failing, style: look(l.rule)))
            c.liveRules.append(l.rule.id)
            for r in checked {
                if let f = RuleFormula(l.rule, places: l.target.type.places, cell: cell(row: r)) { notes[r, default: []].append(f) }
            }
        }
        writeNotes(notes, column: schema.fields.count, header: Self.headerTop, on: &c)
    }

    /// Adds a form sheet's live checks: a conditional format on each target cell, and a note
    /// per row right of the sheet's last field.
    func addLiveChecks(_ schema: SheetSchema, to c: inout Canvas, geometry: [String: TableGeometry]) {
        let live = liveRules(schema)
        guard !live.isEmpty else { return }
        let place = { (name: String) -> String? in
            if let f = schema.fields.first(where: { $0.code == name || "\(schema.id).\($0.code)" == name }) { return f.cell }
            return self.crossReference(name, geometry: geometry)
        }
        var notes: [Int: [RuleFormula]] = [:]
        for l in live {
            guard let a1 = l.target.cell, let ref = CellReference(a1),
                  let f = RuleFormula(l.rule, places: l.target.type.places, cell: place) else { continue }
            c.setup.conditionalFormats.append(ConditionalFormat(ranges: [CellRange(ref, ref)], formula: f.failing, style: look(l.rule)))
            c.liveRules.append(l.rule.id)
            notes[ref.row, default: []].append(f)
        }
        let last = schema.fields.compactMap { $0.cell.flatMap(CellReference.init)?.column }.max() ?? 0
        writeNotes(notes, column: last + 1, header: nil, on: &c)
    }

    private func look(_ rule: RuleSchema) -> CellStyle { rule.severity == .error ? Self.errorLook : Self.warningLook }

    /// The note cells: per row, the messages of the rules failing in it, joined by «; »; a row
    /// whose formula would pass Excel's length limit continues in the next column.
    private func writeNotes(_ notes: [Int: [RuleFormula]], column: Int, header: Int?, on c: inout Canvas) {
        var columns = 1
        var cells: [(CellReference, String)] = []
        for (row, rules) in notes {
            var parts: [[String]] = [[]]
            var length = 0
            for f in rules {
                let part = "IF(\(f.failing),\"; \"&\(f.message),\"\")"
                if length + part.count > Self.formulaLimit, !parts[parts.count - 1].isEmpty { parts.append([]); length = 0 }
                parts[parts.count - 1].append(part)
                length += part.count + 1
            }
            columns = max(columns, parts.count)
            for (k, p) in parts.enumerated() {
                cells.append((CellReference(row: row, column: column + k), "MID(\(p.joined(separator: "&")),3,32000)"))
            }
        }
        let noteStyle = CellStyle(fontColor: Self.errorLook.fontColor, border: header != nil, vertical: .top, wrap: true)
        for (ref, formula) in cells { c.put(ref, .empty, noteStyle, formula: formula) }
        for k in 0..<columns {
            if let header, !c.isTaken(CellReference(row: header, column: column + k)) {
                c.put(CellReference(row: header, column: column + k), .text(Self.notesHeader), TemplateLook.header)
            }
            c.setup.columns.removeAll { $0.first <= column + k && column + k <= $0.last }
            c.setup.columns.append(ColumnSetup(column + k, width: 50))
        }
        c.setup.columns.sort { $0.first < $1.first }
    }
}
