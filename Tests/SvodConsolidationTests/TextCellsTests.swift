@testable import SvodConsolidation
import Testing

/// The JSON inside a workbook is cut into cells as it is written: every cell within the limit,
/// nothing lost or reordered, a character of several scalars never broken into nonsense.
@Suite struct TextCellsTests {
    private func cut(_ pieces: [String], limit: Int) throws -> [(String, Int)] {
        var cells: [(String, Int)] = []
        var t = TextCells(limit: limit) { cells.append(($0, $1)) }
        for p in pieces { try t.append(p) }
        try t.finish()
        return cells
    }

    @Test func piecesJoinBackAndStayWithinTheLimit() throws {
        let pieces = ["{\"a\":", "«Школа № 9»", String(repeating: "x", count: 23), "", "ё̈👩‍👩‍👧", "}", String(repeating: "я", count: 7)]
        for limit in [1, 2, 5, 7, 16, 100] {
            let cells = try cut(pieces, limit: limit)
            #expect(cells.map(\.0).joined().unicodeScalars.elementsEqual(pieces.joined().unicodeScalars), "limit \(limit)")
            #expect(cells.allSatisfy { $0.0.unicodeScalars.count <= limit && !$0.0.isEmpty }, "limit \(limit)")
            #expect(cells.map(\.1) == Array(1...cells.count))
        }
        #expect(try cut([], limit: 5).isEmpty)
        #expect(try cut(["abcde"], limit: 5).map(\.0) == ["abcde"])
    }
}
