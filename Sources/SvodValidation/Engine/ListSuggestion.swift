import Foundation
import SvodSchema

/// The list item a school most likely meant when it typed something not in the list
/// («Школа № 10» → «МБОУ ЦО № 10», «Матемтика» → «Математика»).
enum ListSuggestion {
    /// The name of the nearest item, or nil when none is close enough to be worth saying.
    static func nearest(_ typed: String, in list: CodeList?) -> String? {
        guard let list, !list.items.isEmpty else { return nil }
        let wanted = words(typed)
        guard !wanted.isEmpty else { return nil }
        let numbers = wanted.filter { $0.first?.isNumber == true }
        var best: (name: String, score: Double)?
        for item in list.items {
            for name in [item.name, item.code] + item.aliases {
                let have = words(name)
                // A number names the school or the class: «№ 10» is never the 1 or the 100.
                if !numbers.isEmpty && Set(numbers) != Set(have.filter { $0.first?.isNumber == true }) { continue }
                let a = wanted.joined(separator: " "), b = have.joined(separator: " ")
                var score = Double(distance(a, b)) / Double(max(a.count, b.count, 1))
                // The same number with other words around it («Школа № 10», «МБОУ ЦО № 10»): a likely match.
                if !numbers.isEmpty { score = min(score, 0.3) }
                if score < (best?.score ?? .infinity) { best = (item.name, score) }
            }
        }
        guard let best, best.score <= 0.34 else { return nil }
        return best.name
    }

    /// Lowercased words and numbers, ё read as е, punctuation and «№» dropped.
    static func words(_ s: String) -> [String] {
        let folded = s.lowercased().replacingOccurrences(of: "ё", with: "е")
        var out: [String] = [], current = ""
        var digits = false
        for ch in folded {
            let isDigit = ch.isNumber, isLetter = ch.isLetter
            if (isDigit || isLetter) && (current.isEmpty || isDigit == digits) {
                current.append(ch)
            } else {
                if !current.isEmpty { out.append(current) }
                current = isDigit || isLetter ? String(ch) : ""
            }
            digits = isDigit
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Levenshtein distance on characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count), current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
