import SvodSchema
import SvodWorkbook

/// Finds the workbook sheet for a schema sheet the way people rename tabs: the exact name,
/// an accepted alias, the same name up to case, spaces and quotes, or a near miss.
enum SheetMatcher {
    enum Match {
        case exact(Int)
        case renamed(Int, String)
        /// The one tab left over, taken for the one missing table: it holds only if the table's header is on it.
        case leftover(Int, String)

        var index: Int {
            switch self { case .exact(let i), .renamed(let i, _), .leftover(let i, _): return i }
        }
    }

    /// Each schema sheet of `form` with the workbook sheet it binds to (a sheet is taken once).
    static func assign(_ form: FormSchema, _ sheets: [SheetInfo]) -> [(schema: SheetSchema, match: Match?)] {
        var taken = Set<Int>()
        var found: [(schema: SheetSchema, match: Match?)] = form.sheets.map { schema in
            let m = find(schema, in: sheets, taken: taken)
            if let m { taken.insert(m.index) }
            return (schema, m)
        }
        // One table left over: the form's data filled on a tab named anything («Лист1»). Only a
        // table, whose header then proves it; a form sheet's cells could be any sheet's.
        let missing = found.indices.filter { found[$0].match == nil && found[$0].schema.layout == .table }
        let left = candidates(sheets, taken: taken).filter { $0.element.visibility == .visible }
        if missing.count == 1, left.count == 1 {
            found[missing[0]].match = .leftover(left[0].offset, left[0].element.name)
        }
        return found
    }

    /// Worksheets not yet taken; a school's explanations and svod's own findings sheet are never the form's data.
    private static func candidates(_ sheets: [SheetInfo], taken: Set<Int>) -> [(offset: Int, element: SheetInfo)] {
        sheets.enumerated().filter {
            $0.element.kind == .worksheet && !taken.contains($0.offset) && !auxiliary.contains(ValueCoercion.normalizedKey($0.element.name))
        }
    }

    static func find(_ schema: SheetSchema, in sheets: [SheetInfo], taken: Set<Int>) -> Match? {
        let candidates = candidates(sheets, taken: taken)
        if let i = candidates.first(where: { $0.element.name == schema.name }) { return .exact(i.offset) }
        let wanted = ([schema.name] + schema.aliases).map(ValueCoercion.normalizedKey)
        if let i = candidates.first(where: { wanted.contains(ValueCoercion.normalizedKey($0.element.name)) }) {
            return .renamed(i.offset, i.element.name)
        }
        let target = ValueCoercion.normalizedKey(schema.name)
        let near = candidates.map { ($0, distance(ValueCoercion.normalizedKey($0.element.name), target)) }
            .filter { $0.1 <= max(1, target.count / 4) }.min { $0.1 < $1.1 }
        if let (i, _) = near { return .renamed(i.offset, i.element.name) }
        return nil
    }

    /// Sheets that accompany a form: explanations (`Explanations.sheetNames`) and findings sheets of annotated copies.
    static let auxiliary: Set<String> = Explanations.sheetNames.union(Explanations.findingsSheetNames)

    /// Levenshtein distance on the scalars of two normalised names (composed, so a scalar is a
    /// letter here; comparing grapheme clusters cost most of form detection on a folder).
    static func distance(_ a: String, _ b: String) -> Int { NameSuggester.distance(Array(a.unicodeScalars), Array(b.unicodeScalars)) }
}
