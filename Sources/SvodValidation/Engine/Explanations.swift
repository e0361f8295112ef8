import Foundation
import SvodLocale
import SvodSchema
import SvodWorkbook

/// A school explains a warning in the form itself: on a sheet «Пояснения» whose rows give the
/// rule id, the cell (`F12` or `ВПР!F12`, optional) and the explanation, or in the column
/// «Пояснение школы» of the «Замечания» sheet of svod's annotated copy. An explained warning
/// stays in the report, marked as explained; errors cannot be explained away, and an
/// explanation that fits no warning is reported (`explanation.unused`), never dropped.
enum Explanations {
    static let sheetNames: Set<String> = ["пояснения", "explanations", "пояснение"]
    static let findingsSheetNames: Set<String> = ["замечания", "findings", "замечания svod", "findings svod"]

    /// One explanation as the school wrote it, with where it wrote it.
    struct Entry {
        let rule: String
        /// The sheet and cell it explains, as typed (`ВПР!F12`, `F12`, `ВПР`), if any.
        let place: String?
        let text: String
        let sheet: String
        let cell: CellReference
    }

    static func apply(to findings: inout [Finding], from reader: WorkbookReader, infos: [SheetInfo]) throws {
        var entries: [Entry] = []
        for (index, info) in infos.enumerated() where info.kind == .worksheet {
            let name = ValueCoercion.normalizedKey(info.name)
            guard sheetNames.contains(name) || findingsSheetNames.contains(name) else { continue }
            let sheet = try Sheet(reading: reader, index: index, maxCells: 100_000)
            entries += read(sheet, name: info.name, findingsSheet: findingsSheetNames.contains(name))
        }
        var unused: [Finding] = []
        for entry in entries {
            let matches = findings.indices.filter { findings[$0].rule == entry.rule && fits(findings[$0], entry.place) }
            let warnings = matches.filter { findings[$0].severity == .warning }
            for i in warnings { findings[i].explanation = entry.text }
            // An error's explanation is refused as such even at the wrong cell: no cell would take it.
            let isError = findings.contains { $0.rule == entry.rule && $0.severity == .error }
            if warnings.isEmpty { unused.append(unusedFinding(entry, explainsError: isError && !matches.contains { findings[$0].severity == .warning })) }
        }
        findings += unused
    }

    /// The entries of one sheet: columns found by their headings, else rule, cell, explanation.
    static func read(_ sheet: Sheet, name: String, findingsSheet: Bool) -> [Entry] {
        guard let last = sheet.lastCell else { return [] }
        var columns = (rule: 0, place: 1, text: 2)
        var firstRow = 0
        // The heading row, within the first rows: «Код правила | Ячейка | Пояснение», or the
        // annotated copy's «… | Место | … | Правило | Пояснение школы».
        for r in 0...min(last.row, 9) {
            var found: (rule: Int?, place: Int?, text: Int?) = (nil, nil, nil)
            for c in 0...min(last.column, 30) {
                guard case .text(let t) = sheet[CellReference(row: r, column: c)] else { continue }
                switch ValueCoercion.normalizedKey(t) {
                case "код правила", "правило", "rule", "rule id": found.rule = c
                case "ячейка", "место", "cell", "place": found.place = c
                case "пояснение", "пояснение школы", "explanation", "school's explanation": found.text = c
                default: break
                }
            }
            if let rule = found.rule, let text = found.text {
                columns = (rule, found.place ?? -1, text)
                firstRow = r + 1
                break
            }
        }
        // The annotated copy's sheet without its headings is not read by position: its columns are others.
        if findingsSheet && firstRow == 0 { return [] }
        var out: [Entry] = []
        guard firstRow <= last.row else { return [] }
        for r in firstRow...last.row {
            let textCell = CellReference(row: r, column: columns.text)
            let text = CellDisplay.text(sheet[textCell]).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            let rule = CellDisplay.text(sheet[CellReference(row: r, column: columns.rule)]).trimmingCharacters(in: .whitespaces)
            let place = columns.place >= 0
                ? CellDisplay.text(sheet[CellReference(row: r, column: columns.place)]).trimmingCharacters(in: .whitespaces) : ""
            out.append(Entry(rule: rule, place: place.isEmpty ? nil : place, text: text, sheet: name, cell: textCell))
        }
        return out
    }

    /// Whether a finding is at the place an explanation names: `F12`, `ВПР!F12`, a sheet alone, or nothing (every cell of the rule).
    static func fits(_ f: Finding, _ place: String?) -> Bool {
        guard let place, !place.isEmpty else { return true }
        let parts = place.split(separator: "!", maxSplits: 1).map(String.init)
        var sheet: String? = parts.count == 2 ? parts[0] : nil
        var cell: String? = parts.count == 2 ? parts[1] : parts[0]
        if parts.count == 1, CellReference(parts[0].uppercased().replacingOccurrences(of: "$", with: "")) == nil {
            sheet = parts[0]
            cell = nil
        }
        if let sheet {
            let wanted = ValueCoercion.normalizedKey(sheet.trimmingCharacters(in: CharacterSetQuotes.quotes))
            guard let own = f.sheet, ValueCoercion.normalizedKey(own) == wanted else { return false }
        }
        if let cell {
            guard f.cell?.a1 == cell.replacingOccurrences(of: "$", with: "").uppercased() else { return false }
        }
        return true
    }

    private static func unusedFinding(_ e: Entry, explainsError: Bool) -> Finding {
        let whereRU = e.place.map { " (\($0))" } ?? "", whereEN = e.place.map { " (\($0))" } ?? ""
        let message: LocalizedText
        if e.rule.isEmpty {
            message = .init(ru: "пояснение без кода правила не отнесено ни к одному предупреждению: укажите код правила из отчёта",
                            en: "an explanation without a rule id explains no warning: give the rule id from the report")
        } else if explainsError {
            message = .init(ru: "пояснение к «\(e.rule)»\(whereRU) не принято: это ошибка, пояснением её не снять — исправьте значение",
                            en: "the explanation of '\(e.rule)'\(whereEN) is not taken: it is an error, which no explanation lifts — correct the value")
        } else {
            message = .init(ru: "пояснение к «\(e.rule)»\(whereRU) ни к чему не относится: такого предупреждения в этом месте нет — проверьте код правила и ячейку",
                            en: "the explanation of '\(e.rule)'\(whereEN) explains nothing: there is no such warning there — check the rule id and the cell")
        }
        return Finding(FindingKinds.explanationUnused, sheet: e.sheet, cell: e.cell, actual: e.place, message: message)
    }
}

/// Quotes people put around sheet names («ВПР», 'ВПР').
enum CharacterSetQuotes {
    static let quotes = Foundation.CharacterSet(charactersIn: "'\"«»")
}
