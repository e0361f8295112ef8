import Foundation

/// Finds what a person meant among known names: a school typed «Школа № 10» is most likely
/// «МБОУ ЦО № 10», a subject typed «Математка» is «Математика».
///
/// Names are compared normalised (`normalized`: case, ё/е, quotes, dashes, the spacing of «№»
/// and of other spaces do not count). Numbers matter most: when the typed text has numbers,
/// items whose names carry the same numbers come first and, if there are any, alone — «№ 10»
/// never suggests № 1 or № 100. Then the typed words are looked for among the name's words
/// (allowing typos and abbreviations such as «шк.» for «школа»), and the whole texts are
/// compared by edit distance.
///
/// Each item (a school, a list entry) has one or more names (its code, short names, full name);
/// items are known by their index in the list given.
public struct NameSuggester: Sendable {
    private struct Name: Sendable {
        let text: String
        let scalars: [Unicode.Scalar]
        let words: [String]
        let numbers: Set<String>
    }

    private let items: [[Name]]
    private let keywords: [[String]]
    private let exact: [String: Int]

    /// Items by their names: `names[i]` are the spellings of item `i`. `keywords[i]`, if given,
    /// are words a person may use for item `i` that none of its names holds (a school's kind:
    /// «школа» for «МБОУ ЦО № 10»); they help the ranking and never make a match.
    public init(names: [[String]], keywords: [[String]] = []) {
        items = names.map { $0.map(NameSuggester.prepare) }
        self.keywords = names.indices.map { i in i < keywords.count ? keywords[i].map(NameSuggester.normalized) : [] }
        var exact: [String: Int] = [:]
        for (i, spellings) in items.enumerated() {
            for name in spellings where exact[name.text] == nil { exact[name.text] = i }
        }
        self.exact = exact
    }

    /// The item one of whose names is `typed`, compared normalised.
    public func match(_ typed: String) -> Int? { exact[NameSuggester.normalized(typed)] }

    /// The items nearest to `typed`, best first; none when nothing is close.
    public func suggestions(for typed: String, limit: Int = 3) -> [Int] {
        let t = NameSuggester.prepare(typed)
        guard !t.text.isEmpty else { return [] }
        var scored: [(item: Int, numbers: Bool, score: Double)] = []
        for (i, names) in items.enumerated() {
            var best: (numbers: Bool, score: Double)?
            for n in names {
                let s = NameSuggester.score(t, n, keywords: keywords[i])
                if best == nil || (s.numbers && !best!.numbers) || (s.numbers == best!.numbers && s.score > best!.score) { best = s }
            }
            if let best { scored.append((i, best.numbers, best.score)) }
        }
        // Same numbers first, and alone when some item has them.
        let anyNumbers = !t.numbers.isEmpty && scored.contains { $0.numbers }
        var pool = anyNumbers ? scored.filter(\.numbers) : scored.filter { $0.score >= 0.55 }
        pool.sort { $0.score != $1.score ? $0.score > $1.score : $0.item < $1.item }
        guard let top = pool.first?.score else { return [] }
        return pool.prefix(limit).filter { $0.score >= top - 0.25 }.map(\.item)
    }

    /// The nearest of `names` to `typed`, best first.
    public static func suggestions(for typed: String, among names: [String], limit: Int = 3) -> [String] {
        NameSuggester(names: names.map { [$0] }).suggestions(for: typed, limit: limit).map { names[$0] }
    }

    /// The form names are compared in: lowercased, ё as е, quotes dropped, dashes as «-»,
    /// «№» with one space after it («№9», «№ 9» and «№  9» are one), runs of spaces as one, trimmed.
    public static func normalized(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for c in s.precomposedStringWithCanonicalMapping.lowercased() {
            if c.isWhitespace || c == "\u{200B}" || c == "\u{FEFF}" {
                pendingSpace = true
                continue
            }
            if quotes.contains(c) || c == "\u{00AD}" { continue }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            if c == "ё" { out.append("е") }
            else if dashes.contains(c) { out.append("-") }
            else if c == "№" {
                out.append("№")
                pendingSpace = true
            } else { out.append(c) }
        }
        return out
    }

    private static let quotes: Set<Character> = ["«", "»", "“", "”", "„", "‟", "\"", "'", "‘", "’", "‚", "‛", "`", "´"]
    private static let dashes: Set<Character> = ["\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}"]

    private static func prepare(_ s: String) -> Name {
        let text = normalized(s)
        var words: [String] = []
        var numbers = Set<String>()
        var current = ""
        var digits = false
        func flush() {
            guard !current.isEmpty else { return }
            if digits {
                let trimmed = current.drop { $0 == "0" }
                numbers.insert(trimmed.isEmpty ? "0" : String(trimmed))
            } else {
                words.append(current)
            }
            current = ""
        }
        for c in text {
            if c.isNumber {
                if !digits { flush() }
                digits = true
                current.append(c)
            } else if c.isLetter {
                if digits { flush() }
                digits = false
                current.append(c)
            } else {
                flush()
            }
        }
        flush()
        return Name(text: text, scalars: Array(text.unicodeScalars), words: words, numbers: numbers)
    }

    /// Whether the numbers agree, and how near the words and texts are (0…2).
    private static func score(_ t: Name, _ n: Name, keywords: [String]) -> (numbers: Bool, score: Double) {
        let numbers = !t.numbers.isEmpty && t.numbers == n.numbers
        let whole = 1 - Double(distance(t.scalars, n.scalars)) / Double(max(t.scalars.count, n.scalars.count, 1))
        guard !t.words.isEmpty else { return (numbers, whole) }
        var found = 0.0
        for w in t.words {
            found += (n.words + keywords).map { wordSimilarity(w, $0) }.max() ?? 0
        }
        return (numbers, found / Double(t.words.count) + whole)
    }

    /// 1 for the same word, ~0.9 for a prefix of three letters or more (an abbreviation), less with typos.
    private static func wordSimilarity(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        if a.count >= 3, b.hasPrefix(a) { return 0.9 }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        let d = distance(x, y)
        let longest = max(x.count, y.count)
        // One typo in a short word is already half of it: only words of four letters or more may differ.
        guard longest >= 4, d <= max(1, longest / 4) else { return 0 }
        return 1 - Double(d) / Double(longest)
    }

    /// Levenshtein distance, two rows. Inlinable, so that a caller in another module (sheet
    /// names, compared for every form of every file) gets it specialised for its element type.
    @inlinable
    public static func distance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
