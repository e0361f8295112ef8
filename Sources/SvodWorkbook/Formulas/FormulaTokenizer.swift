// Both dialects are read into one token stream, so each direction is "tokenize one, print the other".
// Tokenizers settle everything that depends on context (is this `,` an argument separator or a union?
// is this space an intersection?) so the printers only have to spell tokens.

/// A sheet name as written in a reference; `quoted` survives translation so a round trip gives back the same text.
struct FormulaSheet: Equatable {
    var name: String
    var quoted: Bool
}

/// One corner of a reference: a cell, a whole column or row, or a reference Excel has already lost.
enum FormulaRefPoint: Equatable {
    case cell(column: String, columnAbsolute: Bool, row: String, rowAbsolute: Bool)
    case column(String, absolute: Bool)
    case row(String, absolute: Bool)
    case invalid

    var text: String {
        switch self {
        case let .cell(column, ca, row, ra): return (ca ? "$" : "") + column + (ra ? "$" : "") + row
        case let .column(column, absolute): return (absolute ? "$" : "") + column
        case let .row(row, absolute): return (absolute ? "$" : "") + row
        case .invalid: return "#REF!"
        }
    }

    var kind: Int {
        switch self {
        case .cell: return 0
        case .column: return 1
        case .row: return 2
        case .invalid: return 3
        }
    }
}

/// A cell, range, whole column/row or 3D reference.
struct FormulaRef: Equatable {
    var sheet: FormulaSheet?
    var start: FormulaRefPoint
    /// Set for 3D references and the rare `Sheet1!A1:Sheet1!B2`.
    var endSheet: FormulaSheet?
    var end: FormulaRefPoint?
}

enum FormulaToken: Equatable {
    case number(String)
    /// With its quotes; both dialects escape `"` by doubling it.
    case string(String)
    case error(String)
    /// A bare TRUE/FALSE constant (a function call in OpenFormula).
    case bool(Bool)
    case reference(FormulaRef)
    /// Defined names, structured references, sheet-scoped names: passed through as written.
    case name(String)
    /// A function name as the source dialect spells it; the `(` is implied.
    case function(String)
    case open
    case close
    /// Between function arguments and between array columns.
    case separator
    case arrayOpen
    case arrayClose
    case arrayRowSeparator
    case union
    case intersection
    case op(String)
    case whitespace(String)
    case raw(String)

    var endsOperand: Bool {
        switch self {
        case .reference, .name, .close: return true
        default: return false
        }
    }

    var startsOperand: Bool {
        switch self {
        case .reference, .name, .function, .open, .raw: return true
        default: return false
        }
    }
}

// MARK: - Character classes

enum FormulaChars {
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
    }

    /// Letters of any script: Excel and LibreOffice both accept `Итого` or `ВПР` as names.
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return isASCIILetter(c) }
        if c.properties.isAlphabetic { return true }
        switch c.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber: return true
        default: return false
        }
    }

    static func isNameStart(_ c: Unicode.Scalar) -> Bool { isLetter(c) || c == "_" || c == "\\" }

    /// What may continue a name, function name or A1 reference (`$` only matters for references).
    static func isNameChar(_ c: Unicode.Scalar) -> Bool {
        isLetter(c) || isDigit(c) || c == "_" || c == "." || c == "\\" || c == "?" || c == "$"
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{A0}"
    }

    static let errors = ["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA",
                         "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!",
                         "#EXTERNAL!", "#PYTHON!", "#NAME!"].map { Array($0.unicodeScalars) }

    static func string(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s)
        return String(v)
    }

    static func upper(_ c: Unicode.Scalar) -> Unicode.Scalar {
        (c.value >= 0x61 && c.value <= 0x7A) ? Unicode.Scalar(c.value - 0x20)! : c
    }

    /// A corner of a reference: `A1`, `$A$1`, `A`, `$1`, within A1:XFD1048576, the grid both programs share.
    static func point(_ s: ArraySlice<Unicode.Scalar>) -> FormulaRefPoint? {
        var i = s.startIndex
        var columnAbsolute = false
        var rowAbsolute = false
        if i < s.endIndex, s[i] == "$" { columnAbsolute = true; i += 1 }
        let letterStart = i
        while i < s.endIndex, isASCIILetter(s[i]) { i += 1 }
        let letters = s[letterStart..<i]
        if i < s.endIndex, s[i] == "$" {
            guard !letters.isEmpty else { return nil }
            rowAbsolute = true
            i += 1
        }
        let digitStart = i
        while i < s.endIndex, isDigit(s[i]) { i += 1 }
        let digits = s[digitStart..<i]
        guard i == s.endIndex, !(letters.isEmpty && digits.isEmpty) else { return nil }
        if !letters.isEmpty {
            guard inGrid(column: letters) else { return nil }
        }
        if !digits.isEmpty {
            guard inGrid(row: digits) else { return nil }
        }
        if letters.isEmpty {
            // "$1": the `$` read as a column's belongs to the row.
            return rowAbsolute ? nil : .row(string(digits), absolute: columnAbsolute)
        }
        if digits.isEmpty { return rowAbsolute ? nil : .column(string(letters), absolute: columnAbsolute) }
        return .cell(column: string(letters), columnAbsolute: columnAbsolute, row: string(digits), rowAbsolute: rowAbsolute)
    }

    static func inGrid(column letters: ArraySlice<Unicode.Scalar>) -> Bool {
        guard letters.count <= 3 else { return false }
        var n = 0
        for c in letters { n = n * 26 + Int(upper(c).value - 0x41) + 1 }
        return n <= 16_384
    }

    static func inGrid(row digits: ArraySlice<Unicode.Scalar>) -> Bool {
        guard digits.count <= 7 else { return false }
        var n = 0
        for c in digits { n = n * 10 + Int(c.value - 0x30) }
        return n >= 1 && n <= 1_048_576
    }
}

// MARK: - Shared scanning

/// Scanning shared by both dialects; each tokenizer adds its own reference syntax.
struct FormulaScanner {
    let s: [Unicode.Scalar]
    var i = 0
    var tokens: [FormulaToken] = []

    enum Context { case function, paren, array }
    var stack: [Context] = []

    init(_ text: Substring) { s = Array(text.unicodeScalars) }

    func at(_ j: Int) -> Unicode.Scalar? { j < s.count ? s[j] : nil }

    /// The end of a name-character run starting at `j`.
    func runEnd(_ j: Int) -> Int {
        var k = j
        while k < s.count, FormulaChars.isNameChar(s[k]) { k += 1 }
        return k
    }

    /// The end of a `q`-delimited literal starting at `j` (doubling escapes it); nil when unterminated.
    func quotedEnd(_ j: Int, _ q: Unicode.Scalar) -> Int? {
        var k = j + 1
        while k < s.count {
            if s[k] == q {
                if k + 1 < s.count, s[k + 1] == q { k += 2; continue }
                return k + 1
            }
            k += 1
        }
        return nil
    }

    /// The text between the quotes, escapes undone.
    func unquoted(_ j: Int, _ end: Int) -> String {
        var v = String.UnicodeScalarView()
        var k = j + 1
        while k < end - 1 {
            v.append(s[k])
            k += (s[k] == "'" && k + 1 < end - 1 && s[k + 1] == "'") ? 2 : 1
        }
        return String(v)
    }

    /// The end of Excel's bracketed structured-reference part (`Table1[[#This Row],[Col]]`),
    /// where `'` escapes the next character; nil when unbalanced.
    func structuredEnd(_ j: Int) -> Int? {
        var depth = 0
        var k = j
        while k < s.count {
            switch s[k] {
            case "'": k += 1
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return k + 1 }
            default: break
            }
            k += 1
        }
        return nil
    }

    func numberEnd(_ j: Int) -> Int {
        var k = j
        while k < s.count, FormulaChars.isDigit(s[k]) { k += 1 }
        if k < s.count, s[k] == "." {
            k += 1
            while k < s.count, FormulaChars.isDigit(s[k]) { k += 1 }
        }
        if k < s.count, s[k] == "e" || s[k] == "E" {
            var e = k + 1
            if e < s.count, s[e] == "+" || s[e] == "-" { e += 1 }
            if e < s.count, FormulaChars.isDigit(s[e]) {
                while e < s.count, FormulaChars.isDigit(s[e]) { e += 1 }
                k = e
            }
        }
        return k
    }

    func errorEnd(_ j: Int) -> Int {
        for e in FormulaChars.errors where j + e.count <= s.count {
            if zip(e, s[j..<(j + e.count)]).allSatisfy({ FormulaChars.upper($0) == FormulaChars.upper($1) }) {
                return j + e.count
            }
        }
        var k = j + 1
        while k < s.count, FormulaChars.isLetter(s[k]) || FormulaChars.isDigit(s[k]) || s[k] == "_" || s[k] == "/" { k += 1 }
        if k < s.count, s[k] == "!" || s[k] == "?" { k += 1 }
        return k
    }

    func text(_ a: Int, _ b: Int) -> String { FormulaChars.string(s[a..<b]) }

    /// `TRUE`/`FALSE` in any case.
    func boolValue(_ a: Int, _ b: Int) -> Bool? {
        let word = String(String.UnicodeScalarView(s[a..<b].map(FormulaChars.upper)))
        return word == "TRUE" ? true : word == "FALSE" ? false : nil
    }

    /// Operators both dialects spell alike; nil when `s[i]` starts none.
    func operatorEnd(_ j: Int) -> Int? {
        switch s[j] {
        case "<": return at(j + 1) == ">" || at(j + 1) == "=" ? j + 2 : j + 1
        case ">": return at(j + 1) == "=" ? j + 2 : j + 1
        case "+", "-", "*", "/", "^", "&", "=", "%", ":", "@": return j + 1
        default: return nil
        }
    }

    mutating func push(_ c: Context) { stack.append(c) }

    /// Closes the innermost group if `c` closes it; false on a mismatch.
    mutating func pop(_ closesArray: Bool) -> Bool {
        guard let top = stack.popLast() else { return false }
        return (top == .array) == closesArray
    }

    /// Appends `t` and moves on to `e`.
    mutating func emit(_ t: FormulaToken, to e: Int) {
        tokens.append(t)
        i = e
    }

    /// Reads a token both dialects spell alike; false on an unterminated string or a mismatched bracket.
    mutating func sharedToken() -> Bool {
        // `,`, `;`, `[` and the like differ between the dialects, so each tokenizer settles them before calling this.
        let c = s[i]
        switch c {
        case "\"":
            guard let e = quotedEnd(i, "\"") else { return false }
            emit(.string(text(i, e)), to: e)
        case "{":
            push(.array)
            emit(.arrayOpen, to: i + 1)
        case "}":
            guard pop(true) else { return false }
            emit(.arrayClose, to: i + 1)
        case "(":
            push(.paren)
            emit(.open, to: i + 1)
        case ")":
            guard pop(false) else { return false }
            emit(.close, to: i + 1)
        case "#":
            let e = errorEnd(i)
            emit(.error(text(i, e)), to: e)
        case _ where FormulaChars.isSpace(c):
            var e = i
            while e < s.count, FormulaChars.isSpace(s[e]) { e += 1 }
            emit(.whitespace(text(i, e)), to: e)
        case _ where FormulaChars.isDigit(c) || (c == "." && at(i + 1).map(FormulaChars.isDigit) == true):
            let e = numberEnd(i)
            emit(.number(text(i, e)), to: e)
        default:
            if let e = operatorEnd(i) {
                emit(.op(text(i, e)), to: e)
            } else {
                emit(.raw(text(i, i + 1)), to: i + 1)
            }
        }
        return true
    }

    /// A function name from `start` to `end`, whose `(` opens the argument group.
    mutating func function(_ start: Int, _ end: Int) {
        tokens.append(.function(text(start, end)))
        push(.function)
        i = end + 1
    }

    /// A table name from `start` with its bracketed part at `end`; false when unbalanced.
    mutating func structuredName(_ start: Int, _ end: Int) -> Bool {
        guard let e = structuredEnd(end) else { return false }
        emit(.name(text(start, e)), to: e)
        return true
    }

    /// A word that is neither reference nor function: TRUE/FALSE, else a name.
    mutating func word(_ start: Int, _ end: Int) {
        emit(boolValue(start, end).map(FormulaToken.bool) ?? .name(text(start, end)), to: end)
    }
}

// MARK: - Excel

/// Reads Excel's A1 syntax as XLSX stores it.
struct ExcelFormulaTokenizer {
    var sc: FormulaScanner

    init(_ text: Substring) { sc = FormulaScanner(text) }

    mutating func tokenize() -> [FormulaToken]? {
        while sc.i < sc.s.count {
            guard step() else { return nil }
        }
        guard sc.stack.isEmpty else { return nil }
        return Self.markIntersections(sc.tokens)
    }

    /// A run of spaces between two operands is Excel's intersection operator; anywhere else it is layout.
    static func markIntersections(_ tokens: [FormulaToken]) -> [FormulaToken] {
        var out = tokens
        for (k, t) in tokens.enumerated() {
            guard case let .whitespace(w) = t, w.unicodeScalars.contains(" "),
                  k > 0, k + 1 < tokens.count, tokens[k - 1].endsOperand, tokens[k + 1].startsOperand else { continue }
            out[k] = .intersection
        }
        return out
    }

    private mutating func step() -> Bool {
        let c = sc.s[sc.i]
        switch c {
        case "'":
            return quotedSheetReference()
        case "[":
            // An external workbook index such as `[1]Sheet1!A1`: kept as written.
            guard let e = sc.structuredEnd(sc.i) else { return false }
            sc.emit(.raw(sc.text(sc.i, e)), to: e)
        case ",":
            switch sc.stack.last {
            case .function?, .array?: sc.emit(.separator, to: sc.i + 1)
            default: sc.emit(.union, to: sc.i + 1)
            }
        case ";":
            guard sc.stack.last == .array else { return false }
            sc.emit(.arrayRowSeparator, to: sc.i + 1)
        case "!", "]", "|", "~":
            return false
        case _ where FormulaChars.isDigit(c):
            // `1:3` would otherwise read as a number, an operator and another number.
            guard let (ref, e) = wholeRowsOrColumns(at: sc.i, sheet: nil, endSheet: nil) else { return sc.sharedToken() }
            sc.emit(.reference(ref), to: e)
        case _ where FormulaChars.isNameStart(c) || c == "$":
            return identifier()
        default:
            return sc.sharedToken()
        }
        return true
    }

    private mutating func identifier() -> Bool {
        let start = sc.i
        let end = sc.runEnd(start)
        let next = sc.at(end)
        if next == "(" {
            sc.function(start, end)
            return true
        }
        if next == "!" {
            return referenceAfterSheet(FormulaSheet(name: sc.text(start, end), quoted: false), endSheet: nil,
                                       prefixStart: start, at: end + 1)
        }
        let point = FormulaChars.point(sc.s[start..<end])
        // `Sheet1:Sheet3!A1`: a 3D reference over unquoted sheet names.
        if next == ":", point == nil || point?.kind == 1 {
            let e2 = sc.runEnd(end + 1)
            if e2 > end + 1, sc.at(e2) == "!", FormulaChars.point(sc.s[(end + 1)..<e2])?.kind != 0 {
                return referenceAfterSheet(FormulaSheet(name: sc.text(start, end), quoted: false),
                                           endSheet: FormulaSheet(name: sc.text(end + 1, e2), quoted: false),
                                           prefixStart: start, at: e2 + 1)
            }
        }
        if let (ref, e) = reference(at: start, sheet: nil, endSheet: nil) {
            sc.emit(.reference(ref), to: e)
            return true
        }
        if next == "[" { return sc.structuredName(start, end) }
        sc.word(start, end)
        return true
    }

    private mutating func quotedSheetReference() -> Bool {
        let start = sc.i
        guard let e = sc.quotedEnd(start, "'"), sc.at(e) == "!" else { return false }
        let name = sc.unquoted(start, e)
        // Excel forbids ":" in sheet names, so inside the quotes it can only separate a 3D range's sheets.
        let parts = name.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let sheet = FormulaSheet(name: String(parts[0]), quoted: true)
        let endSheet = parts.count == 2 ? FormulaSheet(name: String(parts[1]), quoted: true) : nil
        return referenceAfterSheet(sheet, endSheet: endSheet, prefixStart: start, at: e + 1)
    }

    private mutating func referenceAfterSheet(_ sheet: FormulaSheet, endSheet: FormulaSheet?, prefixStart: Int, at j: Int) -> Bool {
        if sc.at(j) == "#" {
            let e = sc.errorEnd(j)
            guard sc.text(j, e).uppercased() == "#REF!" else { return false }
            sc.tokens.append(.reference(FormulaRef(sheet: sheet, start: .invalid, endSheet: endSheet, end: nil)))
            sc.i = e
            return true
        }
        if let (ref, e) = reference(at: j, sheet: sheet, endSheet: endSheet) {
            sc.tokens.append(.reference(ref))
            sc.i = e
            return true
        }
        // A sheet-scoped defined name (`Sheet1!Total`): OpenFormula has no spelling for it, so it stays as written.
        guard endSheet == nil, let c = sc.at(j), FormulaChars.isNameStart(c) else { return false }
        let e = sc.runEnd(j)
        guard sc.at(e) != "(" else { return false }
        sc.tokens.append(.name(sc.text(prefixStart, e)))
        sc.i = e
        return true
    }

    /// A cell, a cell range or whole rows/columns starting at `j`, with the index past it.
    private func reference(at j: Int, sheet: FormulaSheet?, endSheet: FormulaSheet?) -> (FormulaRef, Int)? {
        let end = sc.runEnd(j)
        guard end > j, !terminatorBlocks(end), let point = FormulaChars.point(sc.s[j..<end]) else { return nil }
        switch point {
        case .cell:
            var ref = FormulaRef(sheet: sheet, start: point, endSheet: endSheet, end: nil)
            if sc.at(end) == ":", let (endSheet2, endPoint, e) = rangeEnd(at: end + 1), endPoint.kind == 0 {
                if let endSheet2 {
                    guard endSheet == nil else { return (ref, end) }
                    ref.endSheet = endSheet2
                }
                ref.end = endPoint
                return (ref, e)
            }
            return (ref, end)
        case .column, .row:
            return wholeRowsOrColumns(at: j, sheet: sheet, endSheet: endSheet)
        case .invalid:
            return nil
        }
    }

    /// `A:C` or `1:3` (with any `$`s) starting at `j`.
    private func wholeRowsOrColumns(at j: Int, sheet: FormulaSheet?, endSheet: FormulaSheet?) -> (FormulaRef, Int)? {
        let end = sc.runEnd(j)
        guard end > j, sc.at(end) == ":", let first = FormulaChars.point(sc.s[j..<end]),
              first.kind == 1 || first.kind == 2 else { return nil }
        let e2 = sc.runEnd(end + 1)
        guard e2 > end + 1, !terminatorBlocks(e2), sc.at(e2) != "!",
              let second = FormulaChars.point(sc.s[(end + 1)..<e2]), second.kind == first.kind else { return nil }
        return (FormulaRef(sheet: sheet, start: first, endSheet: endSheet, end: second), e2)
    }

    /// The far corner after `:`, possibly with its own sheet (`Sheet1!A1:Sheet1!B2`).
    private func rangeEnd(at j: Int) -> (FormulaSheet?, FormulaRefPoint, Int)? {
        var k = j
        var sheet: FormulaSheet?
        if sc.at(k) == "'" {
            guard let e = sc.quotedEnd(k, "'"), sc.at(e) == "!" else { return nil }
            sheet = FormulaSheet(name: sc.unquoted(k, e), quoted: true)
            k = e + 1
        } else {
            let e = sc.runEnd(k)
            if e > k, sc.at(e) == "!" {
                sheet = FormulaSheet(name: sc.text(k, e), quoted: false)
                k = e + 1
            }
        }
        let e = sc.runEnd(k)
        guard e > k, !terminatorBlocks(e), sc.at(e) != "!", let point = FormulaChars.point(sc.s[k..<e]) else { return nil }
        return (sheet, point, e)
    }

    /// A run followed by `(` or `[` is a function or a table, never a reference.
    private func terminatorBlocks(_ e: Int) -> Bool { sc.at(e) == "(" || sc.at(e) == "[" }
}

// MARK: - OpenFormula

/// Reads OpenFormula as ODS stores it, after the namespace prefix and `=` are gone.
struct OpenFormulaTokenizer {
    var sc: FormulaScanner

    init(_ text: Substring) { sc = FormulaScanner(text) }

    mutating func tokenize() -> [FormulaToken]? {
        while sc.i < sc.s.count {
            guard step() else { return nil }
        }
        return sc.stack.isEmpty ? sc.tokens : nil
    }

    private mutating func step() -> Bool {
        let c = sc.s[sc.i]
        switch c {
        case "'":
            // Only a sheet-scoped name the Excel side passed through (`'My sheet'!Total`).
            guard let e = sc.quotedEnd(sc.i, "'"), sc.at(e) == "!", let n = sc.at(e + 1), FormulaChars.isNameStart(n) else { return false }
            let e2 = sc.runEnd(e + 1)
            sc.tokens.append(.name(sc.text(sc.i, e2)))
            sc.i = e2
        case "[":
            guard let e = bracketEnd(sc.i) else { return false }
            let inner = sc.s[(sc.i + 1)..<(e - 1)]
            if let ref = OpenFormulaTokenizer.reference(inner) {
                sc.tokens.append(.reference(ref))
            } else if FormulaChars.string(inner).uppercased().contains("#REF!") {
                // LibreOffice keeps deleted references in forms like `[$#REF!.A1]`; Excel only has `#REF!`.
                sc.tokens.append(.reference(FormulaRef(sheet: nil, start: .invalid, endSheet: nil, end: nil)))
            } else {
                sc.tokens.append(.raw(sc.text(sc.i, e)))
            }
            sc.i = e
        case ";":
            guard sc.stack.last == .function || sc.stack.last == .array else { return false }
            sc.emit(.separator, to: sc.i + 1)
        case "|":
            guard sc.stack.last == .array else { return false }
            sc.emit(.arrayRowSeparator, to: sc.i + 1)
        case "~":
            sc.emit(.union, to: sc.i + 1)
        case "!":
            sc.emit(.intersection, to: sc.i + 1)
        case ",", "]":
            return false
        case _ where FormulaChars.isNameStart(c):
            return identifier()
        default:
            return sc.sharedToken()
        }
        return true
    }

    private mutating func identifier() -> Bool {
        let start = sc.i
        let end = sc.runEnd(start)
        switch sc.at(end) {
        case "(":
            // TRUE() and FALSE() are how OpenFormula writes the constants.
            if let b = sc.boolValue(start, end), sc.at(end + 1) == ")" {
                sc.tokens.append(.bool(b))
                sc.i = end + 2
                return true
            }
            sc.function(start, end)
        case "[":
            return sc.structuredName(start, end)
        case "!" where sc.at(end + 1).map(FormulaChars.isNameStart) == true && sc.at(sc.runEnd(end + 1)) != "(":
            // `Sheet1!Total`, a sheet-scoped name passed through from Excel.
            let e = sc.runEnd(end + 1)
            sc.tokens.append(.name(sc.text(start, e)))
            sc.i = e
        default:
            sc.word(start, end)
        }
        return true
    }

    /// The index past the `]` matching the `[` at `j`, skipping quoted sheet names; nil when unbalanced.
    private func bracketEnd(_ j: Int) -> Int? {
        var depth = 0
        var k = j
        while k < sc.s.count {
            switch sc.s[k] {
            case "'":
                guard let e = sc.quotedEnd(k, "'") else { return nil }
                k = e
                continue
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return k + 1 }
            default: break
            }
            k += 1
        }
        return nil
    }

    /// The inside of `[...]` (also a bare table:cell-range-address): `$Sheet1.A1:.B2`, `.A:.A`, `$'My sheet'.$A$1`.
    static func reference(_ inner: ArraySlice<Unicode.Scalar>) -> FormulaRef? {
        // Split at the ':' outside quotes.
        var parts: [ArraySlice<Unicode.Scalar>] = []
        var k = inner.startIndex
        var partStart = k
        while k < inner.endIndex {
            if inner[k] == "'" {
                k += 1
                while k < inner.endIndex {
                    if inner[k] == "'" {
                        if k + 1 < inner.endIndex, inner[k + 1] == "'" { k += 2; continue }
                        break
                    }
                    k += 1
                }
                guard k < inner.endIndex else { return nil }
            } else if inner[k] == ":" {
                parts.append(inner[partStart..<k])
                partStart = k + 1
            }
            k += 1
        }
        parts.append(inner[partStart..<inner.endIndex])
        guard parts.count <= 2, let first = part(parts[0]) else { return nil }
        var ref = FormulaRef(sheet: first.sheet, start: first.point, endSheet: nil, end: nil)
        if parts.count == 2 {
            guard let second = part(parts[1]), second.point.kind == first.point.kind else { return nil }
            ref.endSheet = second.sheet
            ref.end = second.point
        } else if first.point.kind == 1 || first.point.kind == 2 {
            // A lone column or row is no reference (and `[1]` is Excel's external-workbook index).
            return nil
        }
        if ref.start == .invalid || ref.end == .invalid { ref.start = .invalid; ref.end = nil }
        return ref
    }

    /// One side of an OpenFormula reference: `[$][sheet].point`.
    private static func part(_ p: ArraySlice<Unicode.Scalar>) -> (sheet: FormulaSheet?, point: FormulaRefPoint)? {
        var k = p.startIndex
        var sheet: FormulaSheet?
        // Without a dot or quote there is no sheet part, and a leading `$` belongs to the column.
        if p.contains(".") || p.contains("'") {
            if k < p.endIndex, p[k] == "$" { k += 1 }
            if k < p.endIndex, p[k] == "'" {
                var e = k + 1
                var v = String.UnicodeScalarView()
                while e < p.endIndex {
                    if p[e] == "'" {
                        if e + 1 < p.endIndex, p[e + 1] == "'" { v.append("'"); e += 2; continue }
                        break
                    }
                    v.append(p[e])
                    e += 1
                }
                guard e + 1 < p.endIndex, p[e + 1] == "." else { return nil }
                sheet = FormulaSheet(name: String(v), quoted: true)
                k = e + 2
            } else {
                // Cell coordinates never hold a dot, so the last one ends the sheet name.
                guard let dot = p[k...].lastIndex(of: ".") else { return nil }
                if dot > k {
                    let name = p[k..<dot]
                    guard !name.contains(where: { "[]'$#: ".unicodeScalars.contains($0) }) else { return nil }
                    sheet = FormulaSheet(name: FormulaChars.string(name), quoted: false)
                }
                k = dot + 1
            }
        }
        let rest = p[k...]
        if rest.elementsEqual("#REF!".unicodeScalars) { return (sheet, .invalid) }
        guard let point = FormulaChars.point(rest) else { return nil }
        return (sheet, point)
    }
}
