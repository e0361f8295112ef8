/// "A"…"XFD" for every column as bytes, made once: cell references are written millions of times.
enum ColumnLetters {
    /// Four bytes per column: up to three letters, then the count.
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 16_384 * 4)
        for c in 0..<16_384 {
            var letters: [UInt8] = []
            var n = c + 1
            while n > 0 {
                let r = (n - 1) % 26
                letters.insert(UInt8(65 + r), at: 0)
                n = (n - 1) / 26
            }
            for (k, b) in letters.enumerated() { t[c * 4 + k] = b }
            t[c * 4 + 3] = UInt8(letters.count)
        }
        return t
    }()
}
