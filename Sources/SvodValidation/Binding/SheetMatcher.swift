import SvodSchema
import SvodWorkbook

/// Finds the workbook sheet for a schema sheet the way people rename tabs: the exact name,
/// an accepted alias, the same name up to case, spaces and quotes, or a near miss.
enum SheetMatcher {
    enum Match {
        case exact(Int)
        case renamed(Int, String)

        var index: Int {
            switch self { case .exact(let i), .renamed(let i, _): return i }
        }
    }

    /// Each schema sheet of `form` with the workbook sheet it binds to (a sheet is taken once).
    static func assign(_ form: FormSchema, _ sheets: [SheetInfo]) -> [(schema: SheetSchema, match: Match?)] {
        var taken = Set<Int>()
        return form.sheets.map { schema in
            let m = find(schema, in: sheets, taken: taken, onlySheet: form.sheets.count == 1)
            if let m { taken.insert(m.index) }
            return (schema, m)
        }
    }

    static func find(_ schema: SheetSchema, in sheets: [SheetInfo], taken: Set<Int>, onlySheet: Bool) -> Match? {
        // A school's explanations and svod's own findings sheet are never the form's data.
        let candidates = sheets.enumerated().filter {
            $0.element.kind == .worksheet && !taken.contains($0.offset) && !auxiliary.contains(ValueCoercion.normalizedKey($0.element.name))
        }
        if let i = candidates.first(where: { $0.element.name == schema.name }) { return .exact(i.offset) }
        let wanted = ([schema.name] + schema.aliases).map(ValueCoercion.normalizedKey)
        if let i = candidates.first(where: { wanted.contains(ValueCoercion.normalizedKey($0.element.name)) }) {
            return .renamed(i.offset, i.element.name)
        }
        let target = ValueCoercion.normalizedKey(schema.name)
        let near = candidates.map { ($0, distance(ValueCoercion.normalizedKey($0.element.name), target)) }
            .filter { $0.1 <= max(1, target.count / 4) }.min { $0.1 < $1.1 }
        if let (i, _) = near { return .renamed(i.offset, i.element.name) }
        // A one-sheet form filled on a file's only sheet, whatever its name («Лист1»).
        let visible = candidates.filter { $0.element.visibility == .visible }
        if onlySheet, visible.count == 1 { return .renamed(visible[0].offset, visible[0].element.name) }
        return nil
    }

    /// Sheets that accompany a form: explanations (`Explanations.sheetNames`) and findings sheets of annotated copies.
    static let auxiliary: Set<String> = Explanations.sheetNames.union(["замечания", "findings", "замечания svod", "findings svod"])

    /// Levenshtein distance, on characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
