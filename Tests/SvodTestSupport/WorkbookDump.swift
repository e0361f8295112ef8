import SvodSpreadsheet
import SvodWorkbook

/// A whole workbook as plain values, for assertions.
public struct WorkbookDump {
    /// Sheets in order.
    public var sheets: [SheetInfo] = []
    /// Cells by sheet name and A1 reference (repeated rows expanded).
    public var cells: [String: [String: Cell]] = [:]
    /// Merged ranges by sheet name.
    public var merges: [String: [String]] = [:]

    /// Reads everything through `readSheets`, the single-pass path.
    public init(_ reader: WorkbookReader) throws {
        try reader.readSheets { _, info, rows in
            sheets.append(info)
            var map: [String: Cell] = [:]
            while let row = try rows.nextRow() {
                for r in row.index..<(row.index + row.repeatCount) {
                    for c in row.cells { map[CellReference(row: r, column: c.column).a1] = c }
                }
            }
            cells[info.name] = map
            merges[info.name] = rows.merges.map(\.a1)
        }
    }

    /// The value at `sheet!a1`, `.empty` when absent.
    public func value(_ sheet: String, _ a1: String) -> CellValue {
        cells[sheet]?[a1]?.value ?? .empty
    }

    /// The formula at `sheet!a1`.
    public func formula(_ sheet: String, _ a1: String) -> String? {
        cells[sheet]?[a1]?.formula
    }
}

extension WorkbookDump: Equatable {
    /// The two reads of one file disagreed.
    public struct Mismatch: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads the workbook `open` opens twice, parsing inline and on a parser thread
    /// (`ReadOptions.parseAhead`), and throws `Mismatch` unless both give the same dump or
    /// fail for the same reason.
    public static func bothWays(_ open: (ReadOptions) throws -> WorkbookReader,
                                options: ReadOptions = .init()) throws -> WorkbookDump {
        var inline = options, ahead = options
        inline.parseAhead = .max
        ahead.parseAhead = 0
        let a = Result { try WorkbookDump(open(inline)) }
        let b = Result { try WorkbookDump(open(ahead)) }
        switch (a, b) {
        case (.success(let x), .success(let y)):
            if x != y { throw Mismatch(description: "parsed ahead, the workbook reads differently") }
            return x
        case (.failure(let x), .failure(let y)):
            if (x as? ReadError)?.reason != (y as? ReadError)?.reason {
                throw Mismatch(description: "inline: \(x); ahead: \(y)")
            }
            throw x
        case (.success, .failure(let y)):
            throw Mismatch(description: "only the read parsed ahead fails: \(y)")
        case (.failure(let x), .success):
            throw Mismatch(description: "only the inline read fails: \(x)")
        }
    }
}
