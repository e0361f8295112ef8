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

    /// The workbook's sheet names as normalised keys, computed once however many forms are matched.
    struct Names {
        let keys: [String]
        init(_ sheets: [SheetInfo]) { keys = sheets.map { ValueCoercion.normalizedKey($0.name) } }
    }

    /// A schema sheet's name and aliases as normalised keys (the name first).
    struct Wanted: Sendable {
        let keys: [String]
        init(_ schema: SheetSchema) { keys = ([schema.name] + schema.aliases).map(ValueCoercion.normalizedKey) }
    }

    /// Each schema sheet of `form` with the workbook sheet it binds to (a sheet is taken once);
    /// `wanted`, when given, is `Wanted` of each of the form's sheets, computed beforehand.
    static func assign(_ form: FormSchema, _ sheets: [SheetInfo], names: Names? = nil, wanted: [Wanted]? = nil) -> [(schema: SheetSchema, match: Match?)] {
        let names = names ?? Names(sheets)
        var taken = Set<Int>()
        var found: [(schema: SheetSchema, match: Match?)] = form.sheets.indices.map { k in
            let schema = form.sheets[k]
            let m = find(schema, wanted: wanted?[k] ?? Wanted(schema), in: sheets, names: names, taken: taken)
            if let m { taken.insert(m.index) }
            return (schema, m)
        }
        // One table left over: the form's data filled on a tab named anything («Лист1»). Only a
        // table, whose header then proves it; a form sheet's cells could be any sheet's.
        let missing = found.indices.filter { found[$0].match == nil && found[$0].schema.layout == .table }
        let left = candidates(sheets, names: names, taken: taken).filter { sheets[$0].visibility == .visible }
        if missing.count == 1, left.count == 1 {
            found[missing[0]].match = .leftover(left[0], sheets[left[0]].name)
        }
        return found
    }

    /// Indexes of worksheets not yet taken; a school's explanations and svod's own findings sheet are never the form's data.
    private static func candidates(_ sheets: [SheetInfo], names: Names, taken: Set<Int>) -> [Int] {
        sheets.indices.filter { sheets[$0].kind == .worksheet && !taken.contains($0) && !auxiliary.contains(names.keys[$0]) }
    }

    static func find(_ schema: SheetSchema, wanted: Wanted, in sheets: [SheetInfo], names: Names, taken: Set<Int>) -> Match? {
        let candidates = candidates(sheets, names: names, taken: taken)
        if let i = candidates.first(where: { sheets[$0].name == schema.name }) { return .exact(i) }
        let target = wanted.keys[0]
        if let i = candidates.first(where: { wanted.keys.contains(names.keys[$0]) }) { return .renamed(i, sheets[i].name) }
        let near = candidates.map { ($0, distance(names.keys[$0], target)) }.filter { $0.1 <= max(1, target.count / 4) }.min { $0.1 < $1.1 }
        if let (i, _) = near { return .renamed(i, sheets[i].name) }
        return nil
    }

    /// Sheets that accompany a form: explanations (`Explanations.sheetNames`) and findings sheets of annotated copies.
    static let auxiliary: Set<String> = Explanations.sheetNames.union(Explanations.findingsSheetNames)

    /// Levenshtein distance on the scalars of two normalised names (composed, so a scalar is a
    /// letter here; comparing grapheme clusters cost most of form detection on a folder).
    static func distance(_ a: String, _ b: String) -> Int { NameSuggester.distance(Array(a.unicodeScalars), Array(b.unicodeScalars)) }
}
