import Foundation
import SvodTestSupport
import Testing

/// A streaming read's memory must not grow with the number of rows.
@Suite struct StreamingMemoryTests {
    static func xlsxRows(_ n: Int) -> [UInt8] {
        var rows = ""
        rows.reserveCapacity(n * 120)
        for i in 1...n {
            rows += "<row r=\"\(i)\"><c r=\"A\(i)\"><v>\(i)</v></c><c r=\"B\(i)\" t=\"inlineStr\"><is><t>Школа № \(i % 97)</t></is></c><c r=\"C\(i)\"><v>\(Double(i) / 7)</v></c></row>"
        }
        return XLSXFixture.package(sheets: [("Данные", XLSXFixture.sheet(rows))])
    }

    /// Every row with its own shared string, as a register with a comment per row.
    static func xlsxSharedRows(_ n: Int) -> [UInt8] {
        var rows = "", items: [String] = []
        rows.reserveCapacity(n * 60)
        items.reserveCapacity(n)
        for i in 1...n {
            rows += "<row r=\"\(i)\"><c r=\"A\(i)\"><v>\(i)</v></c><c r=\"B\(i)\" t=\"s\"><v>\(i - 1)</v></c></row>"
            items.append("<si><t>Замечание к строке \(i): затруднения вызвали задания № 5 и № 7, работа проведена в штатном режиме</t></si>")
        }
        return XLSXFixture.package(sheets: [("Данные", XLSXFixture.sheet(rows))], sharedStrings: XLSXFixture.sharedStrings(items))
    }

    static func odsRows(_ n: Int) -> [UInt8] {
        var rows = ""
        rows.reserveCapacity(n * 200)
        for i in 1...n {
            rows += "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"\(i)\"/><table:table-cell office:value-type=\"string\"><text:p>Школа № \(i % 97)</text:p></table:table-cell><table:table-cell table:number-columns-repeated=\"1021\"/></table:table-row>"
        }
        rows += "<table:table-row table:number-rows-repeated=\"\(1_048_576 - n)\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
        return ODSFixture.package(content: ODSFixture.content("<table:table table:name=\"Данные\">\(rows)</table:table>"))
    }

    func peak(_ bytes: [UInt8], _ name: String) throws -> (Int, String) {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        let r = try runProcess(TestPaths.svodBinary, ["inspect", "--format", "summary", "--lang", "en", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        try #require(r.peakBytes > 0, "peak memory needs GNU time (apt-get install time)")
        return (r.peakBytes, r.stdoutText)
    }

    @Test func xlsxMemoryIsFlat() throws {
        let (small, smallOut) = try peak(Self.xlsxRows(10_000), "small.xlsx")
        let (large, largeOut) = try peak(Self.xlsxRows(150_000), "large.xlsx")
        #expect(smallOut.contains("10000 rows, 30000 non-empty cells"))
        #expect(largeOut.contains("150000 rows, 450000 non-empty cells"))
        #expect(large - small < 16 << 20, "peak \(small >> 20) MiB for 10k rows, \(large >> 20) MiB for 150k")
    }

    @Test func xlsxWithAUniqueSharedStringPerRowIsFlat() throws {
        let (small, smallOut) = try peak(Self.xlsxSharedRows(10_000), "small.xlsx")
        let (large, largeOut) = try peak(Self.xlsxSharedRows(150_000), "large.xlsx")
        #expect(smallOut.contains("10000 rows, 20000 non-empty cells"))
        #expect(largeOut.contains("150000 rows, 300000 non-empty cells"))
        // 150,000 strings of ~150 bytes are 22 MB of text; only the 8 MiB budget stays resident.
        #expect(large - small < 16 << 20, "peak \(small >> 20) MiB for 10k rows, \(large >> 20) MiB for 150k")
    }

    @Test func odsMemoryIsFlat() throws {
        let (small, smallOut) = try peak(Self.odsRows(10_000), "small.ods")
        let (large, largeOut) = try peak(Self.odsRows(150_000), "large.ods")
        #expect(smallOut.contains("10000 rows, 20000 non-empty cells, range A1:B10000"))
        #expect(largeOut.contains("150000 rows, 300000 non-empty cells, range A1:B150000"))
        #expect(large - small < 16 << 20, "peak \(small >> 20) MiB for 10k rows, \(large >> 20) MiB for 150k")
    }
}
