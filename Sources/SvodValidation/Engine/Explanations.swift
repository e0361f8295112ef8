import SvodSchema
import SvodWorkbook

/// A school explains a warning in the form itself: a sheet «Пояснения» whose rows give the
/// rule id, the cell (`F12` or `ВПР!F12`, optional) and the explanation. An explained warning
/// stays in the report, marked as explained; errors cannot be explained away.
enum Explanations {
    static let sheetNames: Set<String> = ["пояснения", "explanations", "пояснение"]

    static func apply(to findings: inout [Finding], from reader: WorkbookReader, infos: [SheetInfo]) throws {
        guard let index = infos.firstIndex(where: { sheetNames.contains(ValueCoercion.normalizedKey($0.name)) }) else { return }
        let sheet = try Sheet(reading: reader, index: index, maxCells: 100_000)
        guard let last = sheet.lastCell else { return }
        for r in 0...last.row {
            guard case .text(let rule) = sheet[CellReference(row: r, column: 0)] else { continue }
            let place: String? = { if case .text(let t) = sheet[CellReference(row: r, column: 1)] { return t } else { return nil } }()
            guard case .text(let text) = sheet[CellReference(row: r, column: 2)], !text.isEmpty else { continue }
            let ruleID = rule.trimmingCharacters(in: .whitespaces)
            for i in findings.indices where findings[i].severity == .warning && findings[i].rule == ruleID {
                if let place, !place.isEmpty {
                    let cell = place.split(separator: "!").last.map(String.init) ?? place
                    guard findings[i].cell?.a1 == cell.uppercased() else { continue }
                }
                findings[i].explanation = text
            }
        }
    }
}
