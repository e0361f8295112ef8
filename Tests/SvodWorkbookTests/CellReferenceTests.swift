import SvodWorkbook
import Testing

@Suite struct CellReferenceTests {
    @Test(arguments: [("A1", 0, 0), ("B7", 6, 1), ("Z10", 9, 25), ("AA1", 0, 26), ("XFD1048576", 1_048_575, 16_383),
                      ("$C$3", 2, 2), ("c3", 2, 2)])
    func parsesA1(_ text: String, _ row: Int, _ column: Int) {
        #expect(CellReference(text) == CellReference(row: row, column: column))
    }

    @Test(arguments: ["", "A", "1", "A0", "XFE1", "A1048577", "1A", "A1B", "AAAA1", "A-1"])
    func refusesMalformedAndOutsideTheGrid(_ text: String) {
        #expect(CellReference(text) == nil)
    }

    @Test func columnNamesRoundTrip() {
        for i in [0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383] {
            #expect(CellReference.columnIndex(CellReference.columnName(i)) == i)
        }
        #expect(CellReference.columnName(16_383) == "XFD")
        #expect(CellReference(row: 11, column: 5).a1 == "F12")
    }

    @Test func rangesNormaliseCorners() {
        let r = CellRange("C3:A1")
        #expect(r?.a1 == "A1:C3")
        #expect(r?.cellCount == 9)
        #expect(r?.contains(CellReference(row: 1, column: 1)) == true)
        #expect(CellRange("B2")?.a1 == "B2")
        #expect(CellRange("A1:") == nil)
    }
}
