/// The order every writer holds its caller to: one sheet at a time under a unique legal
/// name, rows and cells in increasing order inside the grid, at least one visible sheet.
public struct WriteSequence: Sendable {
    /// Sheets begun so far, in order.
    public private(set) var sheetNames: [String] = []
    /// Whether each of them is visible.
    public private(set) var visible: [Bool] = []
    /// The sheet being written, if any.
    public private(set) var current: String?
    /// Whether the workbook is finished (or abandoned).
    public private(set) var isFinished = false

    /// A workbook with no sheets yet.
    public init() {}

    /// Checks and records the start of a sheet.
    public mutating func begin(_ setup: SheetSetup) throws {
        guard !isFinished else { throw WriteError.misuse("the workbook is already finished") }
        if let current { throw WriteError.misuse("sheet '\(current)' has not ended") }
        if let why = SheetName.problem(setup.name) { throw WriteError.badSheetName(setup.name, why) }
        guard !sheetNames.contains(where: { $0.lowercased() == setup.name.lowercased() }) else {
            throw WriteError.duplicateSheetName(setup.name)
        }
        sheetNames.append(setup.name)
        visible.append(setup.visibility == .visible)
        current = setup.name
    }

    /// Checks that a sheet is open (for rows, merges) and returns its name.
    public func requireSheet(_ action: String) throws -> String {
        guard let current else { throw WriteError.misuse("\(action) with no sheet begun") }
        return current
    }

    /// Records the end of the current sheet.
    public mutating func end() throws {
        _ = try requireSheet("end of sheet")
        current = nil
    }

    /// Checks that the workbook may be finished; the index of the first visible sheet (the active one).
    public func readyToFinish() throws -> Int {
        guard !isFinished else { throw WriteError.misuse("the workbook is already finished") }
        if let current { throw WriteError.misuse("sheet '\(current)' has not ended") }
        guard !sheetNames.isEmpty else { throw WriteError.misuse("a workbook needs at least one sheet") }
        guard let active = visible.firstIndex(of: true) else {
            throw WriteError.misuse("a workbook needs at least one visible sheet")
        }
        return active
    }

    /// Marks the workbook finished or abandoned.
    public mutating func close() {
        isFinished = true
        current = nil
    }
}

extension OutputRow {
    /// Throws unless this row comes after `lastRow`, its cells go left to right, and all lie in the grid.
    public func checkOrder(after lastRow: Int, sheet: String) throws {
        guard index > lastRow, repeatCount >= 1, index + repeatCount <= CellReference.maxRows else {
            throw WriteError.outOfOrder(sheet: sheet, cell: CellReference(row: max(0, min(index, CellReference.maxRows - 1)), column: 0))
        }
        var lastColumn = -1
        for cell in cells {
            guard cell.column > lastColumn, cell.column < CellReference.maxColumns else {
                throw WriteError.outOfOrder(sheet: sheet, cell: CellReference(row: index, column: max(0, min(cell.column, CellReference.maxColumns - 1))))
            }
            lastColumn = cell.column
        }
    }
}

extension OutputRow {
    /// Throws for any value the formats cannot store, before a byte of the row is written:
    /// a refused row must not leave half a row behind.
    public func checkValues(sheet: String, refusingIllegalCharacters: Bool) throws {
        if let h = height, !(h.isFinite && h > 0 && h < 410) {
            throw WriteError.misuse("row \(index + 1) of '\(sheet)' has height \(h); heights are 0–409 points")
        }
        for cell in cells {
            let ref = { CellReference(row: self.index, column: cell.column) }
            switch cell.value {
            case .number(let v), .time(let v), .duration(let v):
                guard v.isFinite else { throw WriteError.notFinite(sheet: sheet, cell: ref()) }
            case .text(let t):
                if t.utf8.count > 32_767, t.utf16.count > 32_767 {
                    throw WriteError.textTooLong(sheet: sheet, cell: ref(), length: t.utf16.count)
                }
                if refusingIllegalCharacters, let bad = Self.illegalScalar(t) {
                    throw WriteError.illegalCharacter(sheet: sheet, cell: ref(), scalar: bad)
                }
            default:
                break
            }
            if refusingIllegalCharacters {
                for t in [cell.comment?.text, cell.comment?.author, cell.formula?.text].compactMap({ $0 }) {
                    if let bad = Self.illegalScalar(t) { throw WriteError.illegalCharacter(sheet: sheet, cell: ref(), scalar: bad) }
                }
            }
        }
    }

    /// The first character XML 1.0 cannot carry, if any.
    static func illegalScalar(_ t: String) -> UInt32? {
        for b in t.utf8 where b < 0x20 || b == 0xEF {
            return t.unicodeScalars.first { v in
                (v.value < 0x20 && v.value != 0x09 && v.value != 0x0A && v.value != 0x0D) || v.value == 0xFFFE || v.value == 0xFFFF
            }?.value
        }
        return nil
    }
}

extension DefinedName {
    /// Throws unless the name could be a defined name in both formats (no spaces, no `!`).
    public func checkName() throws {
        guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "!" }) else { throw WriteError.badDefinedName(name) }
    }
}
