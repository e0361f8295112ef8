import SvodSpreadsheet
import SvodWorkbook

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// libFuzzer entry point for svod's readers. The mode comes from SVOD_FUZZ_MODE:
//
//   xlsx, ods   the input is a whole file (zip, flat ODF, anything); it goes to
//               Spreadsheet.open(bytes:) unchanged. The two differ only in seeds and dictionary.
//   xlsx-xml    the input is XML parts separated by PART_SEPARATOR:
//                 worksheet ⟂ sharedStrings ⟂ styles ⟂ workbook
//               (missing parts get defaults); they are wrapped into a stored XLSX package.
//   ods-xml     the input is content.xml [⟂ META-INF/manifest.xml]; it is wrapped into a
//               stored ODS package, and content.xml is also opened on its own (flat ODF path).
//
// Thrown errors are the expected outcome for bad input and are ignored; a crash, a hang
// or unbounded memory is a finding.

enum Mode: String {
    case xlsx, ods
    case xlsxXML = "xlsx-xml"
    case odsXML = "ods-xml"

    static let current: Mode = {
        guard let raw = getenv("SVOD_FUZZ_MODE") else { return .xlsx }
        guard let mode = Mode(rawValue: String(cString: raw)) else {
            print("SVOD_FUZZ_MODE must be xlsx, ods, xlsx-xml or ods-xml")
            exit(2)
        }
        return mode
    }()
}

/// Separates the XML parts of an xml-mode input. NUL never occurs in well-formed XML.
let partSeparator: [UInt8] = [0, 0] + Array("PART".utf8) + [0, 0]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    switch Mode.current {
    case .xlsx, .ods:
        read(input)
    case .xlsxXML:
        read(xlsxPackage(parts: split(input)))
    case .odsXML:
        let parts = split(input)
        read(odsPackage(parts: parts))
        read(parts[0])  // office:document-content sniffs as flat ODF
    }
    return 0
}

/// Opens the bytes and reads everything a caller of the library can reach, twice: parsing
/// inline, and parsing on a thread of its own (recorded events replayed), which the library
/// otherwise uses only for parts of 2 MiB and more.
func read(_ bytes: [UInt8]) {
    read(bytes, ReadOptions(parseAhead: .max))
    read(bytes, ReadOptions(parseAhead: 0))
}

func read(_ bytes: [UInt8], _ options: ReadOptions) {
    guard let reader = try? Spreadsheet.open(bytes: bytes, options: options) else { return }
    var sink = 0
    _ = try? reader.readSheets { _, info, rows in
        sink &+= info.name.utf8.count
        while let row = try rows.nextRow() {
            sink &+= row.index &+ row.repeatCount
            for cell in row.cells { sink &+= render(row.index, cell) }
        }
        for range in rows.merges { sink &+= range.a1.utf8.count &+ range.cellCount }
    }
    if let names = try? reader.definedNames {
        for n in names { sink &+= n.name.utf8.count &+ n.refersTo.utf8.count &+ (n.localSheet ?? 0) }
    }
    if reader.format != .xlsx, let sheets = try? reader.sheets, !sheets.isEmpty {
        // ODS reads one sheet on its own through a different path (onlySheet); try the last.
        if let rows = try? reader.rows(ofSheet: sheets.count - 1) {
            while let row = try? rows.nextRow() { sink &+= row.cells.count }
        }
    }
    blackHole(sink)
}

/// Turns a cell into text the way `svod inspect` does, so formatting traps count too.
func render(_ row: Int, _ cell: Cell) -> Int {
    var n = CellReference(row: row, column: cell.column).a1.utf8.count
    switch cell.value {
    case .empty: break
    case .number(let d), .duration(let d): n &+= d.isFinite ? 1 : 2
    case .text(let s), .error(let s): n &+= s.utf8.count
    case .bool(let b): n &+= b ? 1 : 0
    case .date(let d): n &+= d.iso8601.utf8.count
    case .time(let s): n &+= CivilDateTime.clock(s).utf8.count
    }
    return n &+ (cell.formula?.utf8.count ?? 0)
}

@inline(never) func blackHole(_ x: Int) { if x == 0x5EED_F00D { print("") } }

/// Splits on the separator; always at least one part.
func split(_ input: [UInt8]) -> [[UInt8]] {
    var parts: [[UInt8]] = []
    var start = 0
    var i = 0
    let n = partSeparator.count
    while i + n <= input.count {
        if input[i] == 0, input[i + 1] == 0, Array(input[i..<(i + n)]) == partSeparator {
            parts.append(Array(input[start..<i]))
            i += n
            start = i
        } else {
            i += 1
        }
    }
    parts.append(Array(input[start...]))
    return parts
}

private let ooxmlRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
private let contentTypes = """
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
</Types>
"""
private let packageRels = """
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="\(ooxmlRel)/officeDocument" Target="xl/workbook.xml"/>\
</Relationships>
"""
/// rId1…rId32 all point at the one fuzzed worksheet, so a seed's own workbook.xml (whatever
/// ids it uses) still reaches it; shared strings and styles use ids past those.
private let workbookRels: String = {
    var s = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
    """
    for i in 1...32 {
        s += "<Relationship Id=\"rId\(i)\" Type=\"\(ooxmlRel)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    }
    s += "<Relationship Id=\"rId100\" Type=\"\(ooxmlRel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    s += "<Relationship Id=\"rId101\" Type=\"\(ooxmlRel)/styles\" Target=\"styles.xml\"/>"
    return s + "</Relationships>"
}()
private let defaultWorkbook = """
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="\(ooxmlRel)"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
"""
private let defaultSharedStrings = """
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>x</t></si></sst>
"""
private let defaultStyles = """
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts>\
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>\
</styleSheet>
"""

func xlsxPackage(parts: [[UInt8]]) -> [UInt8] {
    func part(_ i: Int, _ fallback: String) -> [UInt8] { i < parts.count ? parts[i] : Array(fallback.utf8) }
    var zip = StoredZip()
    zip.add("[Content_Types].xml", Array(contentTypes.utf8))
    zip.add("_rels/.rels", Array(packageRels.utf8))
    zip.add("xl/workbook.xml", part(3, defaultWorkbook))
    zip.add("xl/_rels/workbook.xml.rels", Array(workbookRels.utf8))
    zip.add("xl/worksheets/sheet1.xml", parts[0])
    zip.add("xl/sharedStrings.xml", part(1, defaultSharedStrings))
    zip.add("xl/styles.xml", part(2, defaultStyles))
    return zip.build()
}

private let defaultManifest = """
<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">\
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
</manifest:manifest>
"""

func odsPackage(parts: [[UInt8]]) -> [UInt8] {
    var zip = StoredZip()
    zip.add("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8))
    zip.add("content.xml", parts[0])
    zip.add("META-INF/manifest.xml", parts.count > 1 ? parts[1] : Array(defaultManifest.utf8))
    return zip.build()
}
