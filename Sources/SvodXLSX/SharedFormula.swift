import SvodWorkbook

/// Shifts the relative references of a shared formula's master text to a dependent cell,
/// as Excel does when it expands `<f t="shared" si="0"/>`.
enum SharedFormula {
    /// The master formula moved by `rows` and `columns`; `$`-anchored parts stay put,
    /// string literals and quoted sheet names are left alone.
    static func shift(_ formula: String, rows: Int, columns: Int) -> String {
        if rows == 0 && columns == 0 { return formula }
        let s = Array(formula.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count + 8)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == 0x22 || c == 0x27 {  // "string" or 'Sheet name'
                var j = i + 1
                while j < s.count {
                    if s[j] == c {
                        if j + 1 < s.count && s[j + 1] == c { j += 2; continue }
                        break
                    }
                    j += 1
                }
                let end = min(j + 1, s.count)
                out.append(contentsOf: s[i..<end])
                i = end
                continue
            }
            if let (len, text) = reference(s, at: i, rows: rows, columns: columns) {
                out.append(contentsOf: text)
                i += len
                continue
            }
            // Skip whole identifiers so "LOG10" or "Sheet1" are not read as references.
            if isIdentChar(c) {
                var j = i
                while j < s.count && isIdentChar(s[j]) { j += 1 }
                out.append(contentsOf: s[i..<j])
                i = j
                continue
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isIdentChar(_ c: UInt8) -> Bool {
        (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || (0x30...0x39).contains(c)
            || c == 0x5F || c == 0x2E || c >= 0x80
    }

    /// A cell reference starting at `i` (not inside an identifier and not a function name).
    private static func reference(_ s: [UInt8], at i: Int, rows: Int, columns: Int) -> (Int, [UInt8])? {
        if i > 0 && (isIdentChar(s[i - 1]) || s[i - 1] == 0x24) { return nil }
        var j = i
        let colAbs = j < s.count && s[j] == 0x24
        if colAbs { j += 1 }
        let colStart = j
        while j < s.count, (0x41...0x5A).contains(s[j]) || (0x61...0x7A).contains(s[j]), j - colStart < 3 { j += 1 }
        let colEnd = j
        guard colEnd > colStart else { return nil }
        let rowAbs = j < s.count && s[j] == 0x24
        if rowAbs { j += 1 }
        let rowStart = j
        while j < s.count, (0x30...0x39).contains(s[j]) { j += 1 }
        guard j > rowStart, j - rowStart <= 7 else { return nil }
        if j < s.count && (isIdentChar(s[j]) || s[j] == 0x28) { return nil }  // part of a name or a call
        guard let col = CellReference.columnIndex(String(decoding: s[colStart..<colEnd], as: UTF8.self)),
              let row = Int(String(decoding: s[rowStart..<j], as: UTF8.self)) else { return nil }
        let newCol = colAbs ? col : col + columns
        let newRow = rowAbs ? row : row + rows
        guard newCol >= 0, newCol < 16_384, newRow >= 1, newRow <= 1_048_576 else {
            return (j - i, Array("#REF!".utf8))
        }
        var text: [UInt8] = []
        if colAbs { text.append(0x24) }
        text.append(contentsOf: Array(CellReference.columnName(newCol).utf8))
        if rowAbs { text.append(0x24) }
        text.append(contentsOf: Array(String(newRow).utf8))
        return (j - i, text)
    }
}
