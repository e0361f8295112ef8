import Foundation
import SvodLocale
import SvodWorkbook

/// Reads a CSV file as a one-sheet workbook, row by row, the way people's CSV files come:
/// UTF-8 (with or without a byte-order mark) or, when the bytes are not UTF-8, Windows-1251
/// (what Russian Excel saves); `,`, `;` or tab, guessed from the first line unless given;
/// RFC 4180 quoting, fields spanning lines.
///
/// Values are typed conservatively, as a person would read them: plain decimal numbers
/// (with a decimal comma when asked), ISO and dd.mm.yyyy dates, TRUE/FALSE; anything else,
/// including numbers with leading zeros (codes, ИНН), stays text.
public final class CSVReader: WorkbookReader, SheetRowReader {
    public let format = SpreadsheetFormat.csv
    public let dateSystem = DateSystem.from1900
    public var definedNames: [DefinedName] { [] }
    public var merges: [CellRange] { [] }
    public var sheets: [SheetInfo] { [SheetInfo(name: sheetName)] }

    private let sheetName: String
    private let handle: FileHandle
    private let decimalComma: Bool
    private let maxFieldBytes: Int
    private var delimiter: UInt8
    private var isCP1251 = false
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var row = 0
    private var started = false

    /// Opens `path`; `delimiter` nil to guess it from the first line.
    public init(path: String, delimiter: Character? = nil, decimalComma: Bool = false, maxFieldBytes: Int = 4 << 20) throws {
        try ReadError.checkReadable(path)
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw ReadError.cannotOpen(path)
        }
        handle = h
        self.decimalComma = decimalComma
        self.maxFieldBytes = maxFieldBytes
        let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        sheetName = SheetName.legalized(base, taken: [])
        self.delimiter = delimiter.flatMap { $0.asciiValue } ?? 0x2C
        try fill()
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        isCP1251 = !CSVReader.looksLikeUTF8(buffer[position...], complete: atEnd)
        if delimiter == nil { self.delimiter = guessDelimiter() }
    }

    deinit { try? handle.close() }

    /// Whether the first 64 KiB are UTF-8; a probe cut inside a character is backed off to
    /// the character's start (a cp1251 file almost never passes by accident: its Cyrillic
    /// letters are lone bytes ≥ 0xC0, which UTF-8 forbids).
    static func looksLikeUTF8(_ bytes: ArraySlice<UInt8>, complete: Bool) -> Bool {
        var probe = bytes.prefix(64 << 10)
        if !(complete && probe.count == bytes.count) {
            var cut = probe.endIndex
            // Step back over continuation bytes (10xxxxxx) and the lead byte they belong to.
            while cut > probe.startIndex, probe[cut - 1] & 0xC0 == 0x80 { cut -= 1 }
            if cut > probe.startIndex, probe[cut - 1] >= 0xC0 { cut -= 1 }
            probe = probe[..<cut]
        }
        return String(validating: probe, as: UTF8.self) != nil
    }

    public func rows(ofSheet index: Int) throws -> SheetRowReader {
        guard index == 0, !started else {
            throw ReadError(.missingPart, .init(ru: "CSV читается один раз и содержит один лист", en: "a CSV has one sheet, read once"))
        }
        started = true
        return self
    }

    public func readSheets(_ visit: (Int, SheetInfo, SheetRowReader) throws -> Void) throws {
        try visit(0, sheets[0], try rows(ofSheet: 0))
    }

    public func nextRow() throws -> Row? {
        while true {
            guard let fields = try nextRecord() else { return nil }
            defer { row += 1 }
            var cells: [Cell] = []
            for (c, f) in fields.enumerated() where !f.isEmpty {
                guard c < CellReference.maxColumns else { throw ReadError(.limit, .init(ru: "в строке больше 16384 полей", en: "a row has more than 16384 fields")) }
                cells.append(Cell(column: c, value: value(f)))
            }
            guard row < CellReference.maxRows else {
                throw ReadError(.limit, .init(ru: "больше 1048576 строк", en: "more than 1048576 rows"))
            }
            if !cells.isEmpty { return Row(index: row, cells: cells) }
        }
    }

    private func fill() throws {
        guard !atEnd else { return }
        if position > 0 { buffer.removeFirst(position); position = 0 }
        let chunk = try handle.read(upToCount: 256 << 10) ?? Data()
        if chunk.isEmpty { atEnd = true } else { buffer += chunk }
    }

    /// The candidate found the same number of times (outside quotes) on each of the first
    /// lines, the most often; a tie goes to `;`, then tab, then `,` — a decimal comma makes
    /// `,` look like a delimiter in Russian files, never the other way round.
    private func guessDelimiter() -> UInt8 {
        let candidates: [UInt8] = [0x3B, 0x09, 0x2C]
        var lines: [[UInt8: Int]] = [[:]]
        var quoted = false
        var previous: UInt8 = 0
        for b in buffer[position...] {
            if b == 0x22 { quoted.toggle() }
            if !quoted && (b == 0x0A || (b == 0x0D)) {
                if !(b == 0x0A && previous == 0x0D) { lines.append([:]) }
                if lines.count > 20 { break }
            } else if !quoted, candidates.contains(b) {
                lines[lines.count - 1][b, default: 0] += 1
            }
            previous = b
        }
        if lines.count > 1, lines.last!.isEmpty { lines.removeLast() }
        let consistent = candidates.filter { c in
            let n = lines[0][c] ?? 0
            return n > 0 && lines.allSatisfy { ($0[c] ?? 0) == n }
        }
        let pool = consistent.isEmpty ? candidates.filter { (lines[0][$0] ?? 0) > 0 } : consistent
        return pool.max { (lines[0][$0] ?? 0) < (lines[0][$1] ?? 0) } ?? 0x2C
    }

    /// One record's fields as strings, or nil at the end of the file.
    private func nextRecord() throws -> [String]? {
        if position >= buffer.count { try fill() }
        if position >= buffer.count && atEnd { return nil }
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        while true {
            if position >= buffer.count {
                try fill()
                if position >= buffer.count {
                    fields.append(decode(field))
                    return fields
                }
            }
            let b = buffer[position]
            position += 1
            if quoted {
                if b == 0x22 {
                    if position >= buffer.count { try fill() }
                    if position < buffer.count && buffer[position] == 0x22 { field.append(0x22); position += 1 } else { quoted = false }
                } else {
                    field.append(b)
                }
            } else if b == 0x22 && field.isEmpty && !wasQuoted {
                quoted = true
                wasQuoted = true
            } else if b == delimiter {
                fields.append(decode(field)); field.removeAll(keepingCapacity: true); wasQuoted = false
            } else if b == 0x0A || b == 0x0D {
                if b == 0x0D {
                    if position >= buffer.count { try fill() }
                    if position < buffer.count && buffer[position] == 0x0A { position += 1 }
                }
                fields.append(decode(field))
                return fields
            } else {
                field.append(b)
            }
            if field.count > maxFieldBytes {
                throw ReadError(.limit, .init(ru: "поле CSV длиннее \(maxFieldBytes >> 20) МиБ", en: "a CSV field is longer than \(maxFieldBytes >> 20) MiB"))
            }
        }
    }

    private func decode(_ bytes: [UInt8]) -> String {
        if !isCP1251 { return String(decoding: bytes, as: UTF8.self) }
        return String(data: Data(bytes), encoding: .windowsCP1251) ?? String(decoding: bytes, as: UTF8.self)
    }

    private func value(_ text: String) -> CellValue {
        if let n = CSVReader.number(text, decimalComma: decimalComma) { return .number(n) }
        if text == "TRUE" || text == "ИСТИНА" { return .bool(true) }
        if text == "FALSE" || text == "ЛОЖЬ" { return .bool(false) }
        if let d = CSVReader.date(text) { return .date(d) }
        return .text(text)
    }

    /// A plain decimal: optional minus, digits without a leading zero (a code keeps its zeros), fraction, exponent.
    static func number(_ text: String, decimalComma: Bool) -> Double? {
        let u = Array(text.utf8)
        guard !u.isEmpty, u.count < 40 else { return nil }
        var i = 0
        if u[i] == 0x2D { i += 1 }
        let intStart = i
        while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
        let intDigits = i - intStart
        guard intDigits > 0, !(intDigits > 1 && u[intStart] == 0x30) else { return nil }
        if i < u.count, u[i] == (decimalComma ? 0x2C : 0x2E) {
            i += 1
            let f = i
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
            guard i > f else { return nil }
        }
        if i < u.count, u[i] == 0x65 || u[i] == 0x45 {
            i += 1
            if i < u.count, u[i] == 0x2B || u[i] == 0x2D { i += 1 }
            let e = i
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
            guard i > e else { return nil }
        }
        guard i == u.count else { return nil }
        // 1e400 overflows to infinity, which no spreadsheet stores: it stays text.
        return Double(decimalComma ? text.replacingOccurrences(of: ",", with: ".") : text).flatMap { $0.isFinite ? $0 : nil }
    }

    /// `2024-04-15`, `2024-04-15T10:30:00`, `15.04.2024`, `15.04.2024 10:30[:00]`.
    static func date(_ text: String) -> CivilDateTime? {
        if let iso = ISO8601.dateTime(text) { return iso }
        let parts = text.split(separator: " ", maxSplits: 1)
        guard let first = parts.first else { return nil }
        let d = first.split(separator: ".")
        guard d.count == 3, d[0].count <= 2, d[1].count <= 2, d[2].count == 4,
              let day = Int(d[0]), let month = Int(d[1]), let year = Int(d[2]) else { return nil }
        guard parts.count == 2 else { return CivilDateTime(year: year, month: month, day: day, hasTime: false) }
        let t = parts[1].split(separator: ":")
        guard t.count >= 2, let h = Int(t[0]), let m = Int(t[1]) else { return nil }
        let s = t.count > 2 ? Double(t[2]) : 0
        guard let s else { return nil }
        return CivilDateTime(year: year, month: month, day: day, hour: h, minute: m, second: s)
    }
}
