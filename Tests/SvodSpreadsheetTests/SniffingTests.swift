import Foundation
import SvodSpreadsheet
import SvodTestSupport
import SvodWorkbook
import Testing

/// Files are recognised by their bytes and refused with a reason a person can act on.
@Suite struct SniffingTests {
    func reason(_ bytes: [UInt8]) -> ReadError.Reason? {
        do {
            _ = try Spreadsheet.open(bytes: bytes)
            return nil
        } catch {
            return (error as? ReadError)?.reason
        }
    }

    /// A minimal compound file whose directory holds the given stream names.
    func compoundFile(_ names: [String]) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        header.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        header[0x1E] = 9                                   // 512-byte sectors
        header[0x2C] = 1                                   // one FAT sector
        header.replaceSubrange(0x30..<0x34, with: [1, 0, 0, 0])  // directory at sector 1
        header.replaceSubrange(0x44..<0x48, with: [0xFE, 0xFF, 0xFF, 0xFF])
        header.replaceSubrange(0x4C..<0x50, with: [0, 0, 0, 0])  // FAT at sector 0
        for i in 1..<109 { header.replaceSubrange((0x4C + i * 4)..<(0x50 + i * 4), with: [0xFF, 0xFF, 0xFF, 0xFF]) }
        var fat = [UInt8](repeating: 0xFF, count: 512)
        fat.replaceSubrange(0..<4, with: [0xFD, 0xFF, 0xFF, 0xFF])  // sector 0: FAT
        fat.replaceSubrange(4..<8, with: [0xFE, 0xFF, 0xFF, 0xFF])  // sector 1: end of directory chain
        var dir = [UInt8](repeating: 0, count: 512)
        for (i, name) in (["Root Entry"] + names).prefix(4).enumerated() {
            let units = Array(name.utf16) + [0]
            for (k, u) in units.enumerated() { dir[i * 128 + k * 2] = UInt8(u & 0xFF); dir[i * 128 + k * 2 + 1] = UInt8(u >> 8) }
            dir[i * 128 + 0x40] = UInt8(units.count * 2)
            dir[i * 128 + 0x42] = i == 0 ? 5 : 2
        }
        return header + fat + dir
    }

    @Test func encryptedOOXMLIsEncrypted() {
        #expect(reason(compoundFile(["EncryptionInfo", "EncryptedPackage"])) == .encrypted)
    }

    @Test func legacyXLSIsNamed() {
        #expect(reason(compoundFile(["Workbook", "\u{5}SummaryInformation"])) == .legacyXLS)
        #expect(reason(compoundFile(["Book"])) == .legacyXLS)
    }

    @Test func legacyWordIsNotASpreadsheet() {
        #expect(reason(compoundFile(["WordDocument", "1Table"])) == .notSpreadsheet)
    }

    @Test func spreadsheetML2003AndHTML() {
        let xml2003 = """
            <?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>\
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Лист1"/></Workbook>
            """
        #expect(reason(Array(xml2003.utf8)) == .spreadsheetML2003)
        let html = "\u{FEFF}<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><body><table><tr><td>1</td></tr></table></body></html>"
        #expect(reason(Array(html.utf8)) == .html)
        #expect(reason(Array("<!DOCTYPE html><html></html>".utf8)) == .html)
    }

    @Test func othersAreNotSpreadsheets() {
        #expect(reason([]) == .notSpreadsheet)
        #expect(reason(Array("Класс;Предмет\n4;Математика\n".utf8)) == .notSpreadsheet)
        #expect(reason(Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)) == .notSpreadsheet)
        var zip = ZipBuilder()
        zip.add("photo.jpg", "not really")
        #expect(reason(zip.build()) == .notSpreadsheet)
    }

    @Test func truncatedZipIsTruncated() {
        let whole = XLSXFixture.package(sheets: [("S", XLSXFixture.sheet("<row r=\"1\"><c><v>1</v></c></row>"))])
        for cut in [10, whole.count / 2, whole.count - 5] {
            #expect(reason(Array(whole.prefix(cut))) == .truncated)
        }
    }

    @Test func theNameDoesNotDecide() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let odsNamedXlsx = dir.appendingPathComponent("отчёт.xlsx")
        let tables = "<table:table table:name=\"Т\"><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"7\"/></table:table-row></table:table>"
        try Data(ODSFixture.package(content: ODSFixture.content(tables))).write(to: odsNamedXlsx)
        let reader = try Spreadsheet.open(path: odsNamedXlsx.path)
        #expect(reader.format == .ods)
        let fods = dir.appendingPathComponent("table.xml")
        try Data(ODSFixture.flat(tables).utf8).write(to: fods)
        #expect(try Spreadsheet.open(path: fods.path).format == .fods)
    }

    @Test func messagesAreOneLineInBothLanguages() {
        for bytes in [compoundFile(["EncryptedPackage"]), compoundFile(["Workbook"]), Array("<html/>".utf8), [0x50, 0x4B, 3, 4, 1]] {
            do {
                _ = try Spreadsheet.open(bytes: bytes)
                Issue.record("should have been refused")
            } catch let e as ReadError {
                for text in [e.message.ru, e.message.en] {
                    #expect(!text.isEmpty && !text.contains("\n"))
                }
                #expect(e.message.ru != e.message.en)
            } catch {
                Issue.record("untyped error \(error)")
            }
        }
    }
}
