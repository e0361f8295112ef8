import Foundation
import SvodLocale
import SvodTestSupport
import SvodZip
import Testing

@Suite struct ZipArchiveTests {
    func archive(_ build: (inout ZipBuilder) -> Void, limits: ZipLimits = .default) throws -> ZipArchive {
        var zip = ZipBuilder()
        build(&zip)
        return try ZipArchive(bytes: zip.build(), limits: limits)
    }

    @Test func readsStoredEntriesAndFindsNamesIgnoringCaseAndSlashes() throws {
        let a = try archive { z in
            z.add("xl/Workbook.xml", "<workbook/>")
            z.add("xl\\worksheets\\sheet1.xml", "<worksheet/>")
            z.add("/docProps/app.xml", "<app/>")
        }
        #expect(a.entries.map(\.name) == ["xl/Workbook.xml", "xl/worksheets/sheet1.xml", "docProps/app.xml"])
        let wb = try #require(a.entry(named: "XL/workbook.XML"))
        #expect(String(decoding: try a.read(wb), as: UTF8.self) == "<workbook/>")
        #expect(a.entry(named: "/xl/worksheets/sheet1.xml") != nil)
        #expect(a.entry(named: "xl\\worksheets\\sheet1.xml") != nil)
        #expect(a.entry(named: "missing.xml") == nil)
    }

    @Test func refusesDuplicateNamesEvenInAnotherCase() {
        #expect(throws: ZipError.duplicateName("A.xml")) {
            _ = try archive { z in z.add("a.xml", "1"); z.add("A.xml", "2") }
        }
    }

    @Test(arguments: ["../evil.xml", "xl/../../evil.xml", "C:/evil.xml", "a/..\\..\\b"])
    func refusesEscapingNames(_ name: String) {
        #expect {
            _ = try archive { z in z.add(name, "x") }
        } throws: { error in
            guard case ZipError.unsafeName = error else { return false }
            return (error as? ZipError)?.kind == .unreadable
        }
    }

    @Test func refusesTooManyEntries() {
        var limits = ZipLimits.default
        limits.maxEntries = 3
        #expect {
            _ = try archive({ z in for i in 0..<4 { z.add("f\(i)", "x") } }, limits: limits)
        } throws: { ($0 as? ZipError)?.kind == .limit }
    }

    @Test func notAZipAndTruncatedZipAreTold() throws {
        #expect(throws: ZipError.notZip) { _ = try ZipArchive(bytes: Array("hello, world".utf8)) }
        var z = ZipBuilder()
        z.add("a.xml", String(repeating: "x", count: 1000))
        let bytes = z.build()
        #expect { _ = try ZipArchive(bytes: Array(bytes.prefix(bytes.count - 30))) } throws: { error in
            if case ZipError.damaged = error { return true }
            return false
        }
    }

    @Test func sizeThatLiesIsCaughtAtTheFirstExtraByte() throws {
        // The header says 10 bytes; the deflate stream inflates to 10 MB.
        let a = try archive { z in
            z.add(.init(name: "xl/worksheets/sheet1.xml", data: DeflateBomb.stream(prefix: Array("<a>".utf8), repeating: 10_000_000),
                        method: 8, declaredSize: 10))
        }
        let e = try #require(a.entry(named: "xl/worksheets/sheet1.xml"))
        #expect(throws: ZipError.corruptEntry("xl/worksheets/sheet1.xml")) { _ = try a.read(e) }
    }

    @Test func honestBombIsRefusedBeforeInflating() throws {
        let data = DeflateBomb.stream(prefix: Array(" ".utf8), repeating: 2_000_000)
        var limits = ZipLimits.default
        limits.ratioGrace = 1 << 20
        limits.maxRatio = 100
        // Declares 3 GiB: past the per-entry cap, refused from the header alone.
        let big = try archive({ z in z.add(.init(name: "big", data: data, method: 8, declaredSize: 3 << 30)) }, limits: limits)
        #expect { _ = try big.open(big.entries[0]) } throws: { ($0 as? ZipError)?.kind == .limit }
        // Declares its true size, but at about 160:1 it is over the ratio limit.
        let dense = try archive({ z in z.add(.init(name: "dense", data: data, method: 8, declaredSize: 2_000_001)) }, limits: limits)
        #expect { _ = try dense.open(dense.entries[0]) } throws: { ($0 as? ZipError)?.kind == .limit }
    }

    @Test func checksumMismatchIsCorruption() throws {
        let a = try archive { z in z.add(.init(name: "a.xml", data: Array("<a/>".utf8), crc: 0xDEAD_BEEF)) }
        #expect(throws: ZipError.corruptEntry("a.xml")) { _ = try a.read(a.entries[0]) }
    }

    @Test func encryptedEntriesAreRefusedAsEncrypted() {
        #expect {
            _ = try archive { z in z.add(.init(name: "a.xml", data: Array("xxxxxxxxxxxxxxxx".utf8), flags: 1)) }
        } throws: { error in
            (error as? ZipError)?.kind == .encrypted
        }
    }

    @Test func prefetchingReaderDeliversTheSameBytes() throws {
        let text = (0..<200_000).map { "<c r=\"A\($0)\"><v>\($0)</v></c>" }.joined()
        let a = try archive { z in z.add("big.xml", text) }
        for prefetch in [false, true] {
            let reader = try a.open(a.entries[0], prefetch: prefetch, chunkSize: 4096)
            var out: [UInt8] = []
            while let chunk = try reader.nextChunk() { out.append(contentsOf: chunk) }
            #expect(out.count == text.utf8.count)
            #expect(out == Array(text.utf8))
        }
    }

    @Test func closingAPrefetchingReaderEarlyStopsItsThread() throws {
        let text = String(repeating: "<row/>", count: 500_000)
        let a = try archive { z in z.add("big.xml", text) }
        for _ in 0..<20 {
            let reader = try a.open(a.entries[0], prefetch: true, chunkSize: 4096)
            _ = try reader.nextChunk()
            reader.close()
        }
    }
}

@Suite struct ZipConcurrencyTests {
    /// Two prefetching readers of one archive interleave safely and each gets its own bytes.
    @Test func twoReadersOfOneArchive() throws {
        var zip = ZipBuilder()
        let a = (0..<100_000).map { "a\($0)," }.joined()
        let b = (0..<100_000).map { "b\($0)," }.joined()
        zip.add("a.xml", a)
        zip.add("b.xml", b)
        let archive = try ZipArchive(bytes: zip.build())
        let ra = try archive.open(archive.entries[0], prefetch: true, chunkSize: 4096)
        let rb = try archive.open(archive.entries[1], prefetch: true, chunkSize: 4096)
        var outA: [UInt8] = [], outB: [UInt8] = []
        var doneA = false, doneB = false
        while !(doneA && doneB) {
            if !doneA { if let c = try ra.nextChunk() { outA.append(contentsOf: c) } else { doneA = true } }
            if !doneB { if let c = try rb.nextChunk() { outB.append(contentsOf: c) } else { doneB = true } }
        }
        #expect(outA == Array(a.utf8))
        #expect(outB == Array(b.utf8))
    }
}

@Suite struct ZipReaderLifetimeTests {
    static func threadCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 0
    }

    /// A prefetching reader dropped without `close()` still stops its thread.
    @Test func droppedReadersStopTheirThreads() throws {
        var zip = ZipBuilder()
        zip.add("big.xml", String(repeating: "<row/>", count: 500_000))
        let archive = try ZipArchive(bytes: zip.build())
        // The process's threads are counted while other suites run in it and start and end their
        // own, so a leak shows as growth with the number of readers dropped, not as any growth.
        let before = Self.threadCount()
        let dropped = 60
        for _ in 0..<dropped {
            let reader = try archive.open(archive.entries[0], prefetch: true, chunkSize: 4096)
            _ = try reader.nextChunk()
        }
        #expect(Self.threadCount() < before + dropped / 2, "threads before \(before), after \(Self.threadCount())")
    }

    @Test func readingAfterCloseReturnsNothing() throws {
        var zip = ZipBuilder()
        zip.add("a.xml", "<a/>")
        let archive = try ZipArchive(bytes: zip.build())
        let reader = try archive.open(archive.entries[0])
        reader.close()
        #expect(try reader.nextChunk() == nil)
    }

    @Test func aSecondHandleReadsTheSameBytes() throws {
        var zip = ZipBuilder()
        zip.add("a.xml", "<привет/>")
        let archive = try ZipArchive(bytes: zip.build())
        let second = try archive.reopen()
        #expect(try second.read(second.entries[0]) == Array("<привет/>".utf8))
    }
}
