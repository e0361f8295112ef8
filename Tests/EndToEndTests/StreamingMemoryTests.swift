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

    /// A file kind: how to make it with n rows, its extension, and how many cells a row holds.
    static let kinds: [(name: String, ext: String, cellsPerRow: Int, make: @Sendable (Int) -> [UInt8])] = [
        ("XLSX, inline strings", "xlsx", 3, xlsxRows),
        // 150,000 strings of ~150 bytes are 22 MB of text; only the 8 MiB budget stays resident.
        ("XLSX, a unique shared string per row", "xlsx", 2, xlsxSharedRows),
        // Each row ends in a 1,021-column empty run and a million empty rows follow.
        ("ODS, LibreOffice-style runs", "ods", 2, odsRows),
    ]

    /// Both sizes are big enough (over 2 MiB of sheet XML) to be parsed on a thread of their
    /// own, so that the difference is what rows cost, not the parser thread's fixed buffers.
    @Test(arguments: kinds.indices)
    func memoryIsFlatInRows(_ index: Int) throws {
        let kind = Self.kinds[index]
        let (small, smallOut) = try peak(kind.make(30_000), "small." + kind.ext)
        let (large, largeOut) = try peak(kind.make(150_000), "large." + kind.ext)
        #expect(smallOut.contains("30000 rows, \(30_000 * kind.cellsPerRow) non-empty cells"), "\(smallOut)")
        #expect(largeOut.contains("150000 rows, \(150_000 * kind.cellsPerRow) non-empty cells"), "\(largeOut)")
        #expect(large - small < 16 << 20, "\(kind.name): peak \(small >> 20) MiB for 30k rows, \(large >> 20) MiB for 150k")
    }

    func convertPeak(_ bytes: [UInt8], _ name: String, to ext: String) throws -> Int {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        let out = dir.appendingPathComponent("out." + ext).path
        let r = try runProcess(TestPaths.svodBinary, ["convert", "--lang", "en", file.path, out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out))
        try #require(r.peakBytes > 0, "peak memory needs GNU time (apt-get install time)")
        return r.peakBytes
    }

    /// Reading and writing together: a conversion to the other format stays flat too (both
    /// sizes parsed ahead, as above).
    @Test(arguments: kinds.indices)
    func conversionMemoryIsFlatInRows(_ index: Int) throws {
        let kind = Self.kinds[index]
        let target = kind.ext == "ods" ? "xlsx" : "ods"
        let small = try convertPeak(kind.make(30_000), "small." + kind.ext, to: target)
        let large = try convertPeak(kind.make(150_000), "large." + kind.ext, to: target)
        #expect(large - small < 16 << 20, "\(kind.name) → \(target): peak \(small >> 20) MiB for 30k rows, \(large >> 20) MiB for 150k")
    }
}
