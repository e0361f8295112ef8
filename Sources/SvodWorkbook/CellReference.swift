/// A cell position, zero-based, within the grid every office program agrees on (A1:XFD1048576).
public struct CellReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Zero-based row (row 1 in Excel is 0).
    public let row: Int
    /// Zero-based column (column A is 0).
    public let column: Int

    /// Columns in a sheet: A … XFD.
    public static let maxColumns = 16_384
    /// Rows in a sheet: 1 … 1,048,576.
    public static let maxRows = 1_048_576

    /// A reference from zero-based row and column.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses "B7" or "$B$7"; nil when malformed or outside A1:XFD1048576.
    public init?(_ a1: String) {
        var text = a1
        guard let ref = text.withUTF8({ CellReference.parse($0) }) else { return nil }
        self = ref
    }

    /// Parses A1 notation from bytes; nil when malformed or out of the grid.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CellReference? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for b in bytes {
            switch b {
            case 0x24 where letters == 0 || (digits == 0 && letters > 0):  // '$'
                continue
            case 0x41...0x5A, 0x61...0x7A:
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((b | 0x20) - 0x61) + 1
                letters += 1
            case 0x30...0x39:
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(b - 0x30)
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, row >= 1, row <= maxRows, column <= maxColumns else { return nil }
        return CellReference(row: row - 1, column: column - 1)
    }

    /// Column letters for a zero-based index: 0 → "A", 27 → "AB".
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var chars: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            chars.append(UInt8(0x41 + r))
            n = (n - 1) / 26
        }
        return String(decoding: chars.reversed(), as: UTF8.self)
    }

    /// The zero-based index of column letters, nil when malformed or past XFD.
    public static func columnIndex(_ letters: String) -> Int? {
        var n = 0
        for b in letters.utf8 {
            guard (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) else { return nil }
            n = n * 26 + Int((b | 0x20) - 0x61) + 1
            if n > maxColumns { return nil }
        }
        return n == 0 ? nil : n - 1
    }

    /// Whether a zero-based position lies inside the grid.
    public static func isInGrid(row: Int, column: Int) -> Bool {
        row >= 0 && row < maxRows && column >= 0 && column < maxColumns
    }

    /// "B7".
    public var a1: String { CellReference.columnName(column) + String(row + 1) }

    public var description: String { a1 }

    public static func < (a: CellReference, b: CellReference) -> Bool {
        (a.row, a.column) < (b.row, b.column)
    }
}

/// A rectangular block of cells, such as a merged range.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    /// Top-left cell.
    public let start: CellReference
    /// Bottom-right cell.
    public let end: CellReference

    /// A range from two corners in any order.
    public init(_ a: CellReference, _ b: CellReference) {
        start = CellReference(row: min(a.row, b.row), column: min(a.column, b.column))
        end = CellReference(row: max(a.row, b.row), column: max(a.column, b.column))
    }

    /// Parses "A1:C3" or a single "B2".
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let a = CellReference(String(parts[0])),
              let b = CellReference(String(parts.last!)) else { return nil }
        self.init(a, b)
    }

    /// Whether the range holds this cell.
    public func contains(_ ref: CellReference) -> Bool {
        ref.row >= start.row && ref.row <= end.row && ref.column >= start.column && ref.column <= end.column
    }

    /// Whether two ranges share a cell.
    public func intersects(_ o: CellRange) -> Bool {
        start.row <= o.end.row && o.start.row <= end.row && start.column <= o.end.column && o.start.column <= end.column
    }

    /// Number of cells covered.
    public var cellCount: Int { (end.row - start.row + 1) * (end.column - start.column + 1) }

    /// "A1:C3".
    public var a1: String { start == end ? start.a1 : "\(start.a1):\(end.a1)" }

    public var description: String { a1 }
}
