/// Converts formulas between XLSX's Excel syntax and ODS's OpenFormula so a workbook can be written in either format.
///
/// Both directions tokenize (string literals and quoted sheet names are never looked inside)
/// and reprint token by token, so anything not understood is carried over as written.
/// Excel text round-trips exactly through OpenFormula, except where noted below.
///
/// Handled: cells, ranges, whole columns and rows, sheet and 3D references (`'A b'!A1` ⇄ `[$'A b'.A1]`),
/// `#REF!` references, argument and array separators, union (`,` inside bare parentheses or at the top
/// level of a defined name ⇄ `~`), intersection (a space between two operands ⇄ `!`), TRUE/FALSE ⇄
/// TRUE()/FALSE() (bare inside array constants, as LibreOffice writes them), error literals, and
/// function names: `_xlfn.`/`_xlws.` prefixes and the functions LibreOffice names differently in ODFF
/// (`_xlfn.STDEV.S` ⇄ `COM.MICROSOFT.STDEV.S`, `NORMSDIST` ⇄ `LEGACY.NORMSDIST`, `FLOOR` ⇄
/// `COM.MICROSOFT.FLOOR` …), following LibreOffice's own name tables.
///
/// Not handled, passed through as written: structured table references (`Table1[Col]`), external
/// workbook references (`[1]Sheet1!A1`, `'file:///…'#$Sheet1.A1`), sheet-scoped names (`Sheet1!Total`),
/// R1C1 text. Known losses on the way back to Excel: `Sheet1!A1:Sheet1!B2` comes back as `Sheet1!A1:B2`,
/// `TRUE()` as `TRUE`, runs of spaces used as intersection as one space, and an `_xlfn.` function
/// this translator does not know comes back without its prefix. An OpenFormula `a!b` between two bare
/// names reads as Excel's sheet-scoped name, not an intersection. `oooc:` formulas are read as
/// OpenFormula (their function names are not translated); `msoxl:` formulas are already Excel text.
public enum FormulaTranslator {
    /// Excel A1 formula text (no leading "=", as XLSX stores it) → OpenFormula as ODS stores it ("of:=…").
    public static func openFormula(fromExcel text: String) -> String? {
        var body = Substring(text)
        if body.first == "=" { body = body.dropFirst() }
        var tokenizer = ExcelFormulaTokenizer(body)
        guard let tokens = tokenizer.tokenize() else { return nil }
        var out = "of:="
        var arrayDepth = 0
        for token in tokens {
            switch token {
            case .arrayOpen: arrayDepth += 1
            case .arrayClose: arrayDepth -= 1
            // LibreOffice writes array constants' booleans bare and reads no function calls there.
            case let .bool(b) where arrayDepth > 0:
                out += b ? "TRUE" : "FALSE"
                continue
            default: break
            }
            out += openFormulaText(token)
        }
        return out
    }

    /// ODS formula text ("of:=…"; also accept "oooc:=…", "msoxl:=…" and a bare "=…") → Excel text without "=".
    public static func excel(fromOpenFormula text: String) -> String? {
        var body = Substring(text)
        if let colon = body.firstIndex(of: ":"), body[..<colon].allSatisfy({ $0.isLetter && $0.isASCII }),
           body[body.index(after: colon)...].first == "=" {
            let namespace = body[..<colon].lowercased()
            body = body[body.index(after: colon)...]
            if namespace == "msoxl" { return String(body.dropFirst()) }
        }
        if body.first == "=" { body = body.dropFirst() }
        var tokenizer = OpenFormulaTokenizer(body)
        guard let tokens = tokenizer.tokenize() else { return nil }
        var printer = ExcelPrinter()
        for token in tokens { printer.print(token) }
        return printer.finish()
    }

    /// An Excel range reference such as `'Лист 1'!$A$1:$B$2` → ODS cell-range-address `$'Лист 1'.$A$1:.$B$2` (for named ranges); nil if not a plain reference.
    public static func odsRangeAddress(fromExcel text: String) -> String? {
        var tokenizer = ExcelFormulaTokenizer(Substring(text))
        guard let tokens = tokenizer.tokenize()?.filter({ if case .whitespace = $0 { false } else { true } }),
              tokens.count == 1, case let .reference(ref) = tokens[0], ref.start != .invalid else { return nil }
        return openFormulaAddress(ref)
    }

    /// ODS cell-range-address → Excel reference.
    public static func excelReference(fromODSRangeAddress text: String) -> String? {
        var scalars = Array(text.unicodeScalars)
        while let f = scalars.first, FormulaChars.isSpace(f) { scalars.removeFirst() }
        while let l = scalars.last, FormulaChars.isSpace(l) { scalars.removeLast() }
        if scalars.first == "[", scalars.last == "]" { scalars = Array(scalars.dropFirst().dropLast()) }
        guard !scalars.isEmpty, let ref = OpenFormulaTokenizer.reference(scalars[...]), ref.start != .invalid else { return nil }
        return excelText(ref)
    }

    /// Lets writers holding a formula of either dialect ask for the one their format needs.
    public static func translate(_ text: String, from source: FormulaDialect, to target: FormulaDialect) -> String? {
        switch (source, target) {
        case (.excel, .openFormula): return openFormula(fromExcel: text)
        case (.openFormula, .excel): return excel(fromOpenFormula: text)
        case (.excel, .excel): return text.first == "=" ? String(text.dropFirst()) : text
        case (.openFormula, .openFormula): return text
        }
    }

    // MARK: - OpenFormula output

    private static func openFormulaText(_ token: FormulaToken) -> String {
        switch token {
        case let .number(t), let .string(t), let .error(t), let .name(t), let .op(t), let .whitespace(t), let .raw(t):
            return t
        case let .bool(b): return b ? "TRUE()" : "FALSE()"
        case let .reference(ref): return ref.start == .invalid && ref.sheet == nil ? "#REF!" : "[" + openFormulaAddress(ref) + "]"
        case let .function(name): return FormulaFunctionNames.odf(fromExcel: name) + "("
        case .open: return "("
        case .close: return ")"
        case .separator: return ";"
        case .arrayOpen: return "{"
        case .arrayClose: return "}"
        case .arrayRowSeparator: return "|"
        case .union: return "~"
        case .intersection: return "!"
        }
    }

    /// `$Sheet1.A1:.B2`, the text inside OpenFormula's brackets and of table:cell-range-address.
    private static func openFormulaAddress(_ ref: FormulaRef) -> String {
        var out = (ref.sheet.map(openFormulaSheet) ?? "") + "." + ref.start.text
        if let endSheet = ref.endSheet {
            out += ":" + openFormulaSheet(endSheet) + "." + (ref.end ?? ref.start).text
        } else if let end = ref.end {
            out += ":." + end.text
        }
        return out
    }

    /// Excel's sheet references are always absolute, hence the `$`.
    private static func openFormulaSheet(_ sheet: FormulaSheet) -> String {
        let plain = !sheet.quoted && !sheet.name.isEmpty
            && sheet.name.unicodeScalars.allSatisfy({ FormulaChars.isLetter($0) || FormulaChars.isDigit($0) || $0 == "_" })
            && !FormulaChars.isDigit(sheet.name.unicodeScalars.first!)
        return "$" + (plain ? sheet.name : quoted(sheet.name))
    }

    // MARK: - Excel output

    static func excelText(_ ref: FormulaRef) -> String {
        var prefix = ""
        let endSheet = ref.endSheet.flatMap { $0.name == ref.sheet?.name ? nil : $0 }
        if let sheet = ref.sheet {
            if let endSheet {
                // A 3D prefix is quoted as a whole: 'Jan 1:Mar 1'!A1.
                let both = sheet.name + ":" + endSheet.name
                let needs = sheet.quoted || endSheet.quoted || excelNeedsQuotes(sheet.name) || excelNeedsQuotes(endSheet.name)
                prefix = (needs ? quoted(both) : both) + "!"
            } else {
                prefix = excelSheet(sheet) + "!"
            }
        }
        var out = prefix + ref.start.text
        // `[$Sheet1.A1:$Sheet3.A1]` is how OpenFormula has to spell Excel's `Sheet1:Sheet3!A1`.
        if let end = ref.end, !(endSheet != nil && ref.sheet != nil && end == ref.start) {
            out += ":"
            if ref.sheet == nil, let endSheet { out += excelSheet(endSheet) + "!" }
            out += end.text
        }
        return out
    }

    private static func excelSheet(_ sheet: FormulaSheet) -> String {
        sheet.quoted || excelNeedsQuotes(sheet.name) ? quoted(sheet.name) : sheet.name
    }

    /// Excel reads an unquoted sheet name only if it is a plain word that cannot pass for a cell (A1 or R1C1).
    static func excelNeedsQuotes(_ name: String) -> Bool {
        let s = Array(name.unicodeScalars)
        guard let first = s.first, !FormulaChars.isDigit(first) else { return true }
        if !s.allSatisfy({ FormulaChars.isLetter($0) || FormulaChars.isDigit($0) || $0 == "_" || $0 == "." }) { return true }
        if case .cell? = FormulaChars.point(s[...]) { return true }
        return looksLikeR1C1(s)
    }

    /// R, C, R1, C2, RC, R1C1, R[1]-less forms: names Excel would read as R1C1 references.
    private static func looksLikeR1C1(_ s: [Unicode.Scalar]) -> Bool {
        var k = 0
        func digits() { while k < s.count, FormulaChars.isDigit(s[k]) { k += 1 } }
        if k < s.count, FormulaChars.upper(s[k]) == "R" { k += 1; digits() }
        if k < s.count, FormulaChars.upper(s[k]) == "C" { k += 1; digits() }
        return k > 0 && k == s.count
    }

    private static func quoted(_ name: String) -> String {
        var out = "'"
        for c in name.unicodeScalars {
            out.unicodeScalars.append(c)
            if c == "'" { out += "'" }
        }
        return out + "'"
    }
}

/// Spells tokens in Excel syntax, adding the parentheses a union needs inside a function's argument list.
private struct ExcelPrinter {
    /// One buffer per open function argument, so a union found in it can be wrapped afterwards.
    private var buffers = [""]
    private enum Frame { case function(hasUnion: Bool), other }
    private var frames: [Frame] = []

    mutating func print(_ token: FormulaToken) {
        switch token {
        case let .number(t), let .string(t), let .error(t), let .name(t), let .op(t), let .whitespace(t), let .raw(t):
            emit(t)
        case let .bool(b): emit(b ? "TRUE" : "FALSE")
        case let .reference(ref): emit(ref.start == .invalid && ref.sheet == nil ? "#REF!" : FormulaTranslator.excelText(ref))
        case let .function(name):
            emit(FormulaFunctionNames.excel(fromODF: name) + "(")
            frames.append(.function(hasUnion: false))
            buffers.append("")
        case .open, .arrayOpen:
            emit(token == .open ? "(" : "{")
            frames.append(.other)
        case .close, .arrayClose:
            if case .function? = frames.last { closeArgument() }
            if !frames.isEmpty { frames.removeLast() }
            emit(token == .close ? ")" : "}")
        case .separator:
            if case .function? = frames.last {
                closeArgument()
                emit(",")
                buffers.append("")
            } else {
                emit(",")
            }
        case .arrayRowSeparator: emit(";")
        case .union:
            // In Excel a bare comma between arguments separates them; only parentheses make it a union.
            if case .function? = frames.last { frames[frames.count - 1] = .function(hasUnion: true) }
            emit(",")
        case .intersection: emit(" ")
        }
    }

    func finish() -> String { buffers.joined() }

    private mutating func emit(_ s: String) { buffers[buffers.count - 1] += s }

    private mutating func closeArgument() {
        guard buffers.count > 1, case let .function(hasUnion)? = frames.last else { return }
        let argument = buffers.removeLast()
        emit(hasUnion ? "(" + argument + ")" : argument)
        frames[frames.count - 1] = .function(hasUnion: false)
    }
}
