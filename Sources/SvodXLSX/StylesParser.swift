import SvodWorkbook
import SvodXML

/// Reads styles.xml far enough to know which cell formats show numbers as dates.
final class StylesParser: XMLHandler {
    private var customFormats: [Int: String] = [:]
    private var xfFormatIds: [Int] = []
    private var inCellXfs = false
    // Differential formats (<dxfs>) carry numFmts of their own that must not replace these.
    private var inNumFmts = false
    private var tNumFmts: XMLToken?, tNumFmt: XMLToken?, tNumFmtId: XMLToken?, tFormatCode: XMLToken?
    private var tCellXfs: XMLToken?, tXf: XMLToken?
    private var alternate = AlternateContentFilter()

    /// The number-format kind of each cell format (`s` attribute of a cell).
    var kinds: [NumberFormatKind] {
        // Classify each format once, however many cell formats use it.
        let custom = customFormats.mapValues { NumberFormat.kind(ofCode: $0) }
        return xfFormatIds.map { custom[$0] ?? NumberFormat.builtinKind($0) }
    }

    override func prepare(_ names: XMLNameTable) {
        alternate.prepare(names)
        tNumFmt = names.token("numFmt")
        tNumFmts = names.token("numFmts")
        tNumFmtId = names.token("numFmtId")
        tFormatCode = names.token("formatCode")
        tCellXfs = names.token("cellXfs")
        tXf = names.token("xf")
    }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if alternate.skipStart(name) { return }
        if name.local == tNumFmts {
            inNumFmts = true
        } else if name.local == tNumFmt && inNumFmts {
            if let id = attributes.string(tNumFmtId!).flatMap({ Int($0) }), let code = attributes.string(tFormatCode!) {
                customFormats[id] = code
            }
        } else if name.local == tCellXfs {
            inCellXfs = true
        } else if inCellXfs && name.local == tXf {
            xfFormatIds.append(attributes.string(tNumFmtId!).flatMap { Int($0) } ?? 0)
        }
    }

    override func endElement(_ name: XMLName) {
        if alternate.skipEnd() { return }
        if name.local == tCellXfs { inCellXfs = false }
        if name.local == tNumFmts { inNumFmts = false }
    }
}
