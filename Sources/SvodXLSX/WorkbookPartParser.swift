import SvodWorkbook
import SvodXML

/// Reads workbook.xml: sheets in order with their relationship ids, the date system, names.
final class WorkbookPartParser: XMLHandler {
    struct SheetEntry {
        var name: String
        var relationshipId: String?
        var visibility: SheetVisibility
    }

    private(set) var sheets: [SheetEntry] = []
    private(set) var definedNames: [DefinedName] = []
    private(set) var dateSystem: DateSystem = .from1900
    /// The local name of the root element: "workbook" for a spreadsheet.
    private(set) var rootName = ""

    private var alternate = AlternateContentFilter()
    private var tSheet: XMLToken?, tName: XMLToken?, tState: XMLToken?, tId: XMLToken?
    private var tWorkbookPr: XMLToken?, tDate1904: XMLToken?
    private var tDefinedName: XMLToken?, tLocalSheetId: XMLToken?
    private var relationshipsNS: XMLNamespaceToken?
    private var pendingName: (String, Int?)?
    private var text: [UInt8] = []

    override func prepare(_ names: XMLNameTable) {
        alternate.prepare(names)
        tSheet = names.token("sheet")
        tName = names.token("name")
        tState = names.token("state")
        tId = names.token("id")
        tWorkbookPr = names.token("workbookPr")
        tDate1904 = names.token("date1904")
        tDefinedName = names.token("definedName")
        tLocalSheetId = names.token("localSheetId")
        relationshipsNS = names.namespace(NS.relationships)
    }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if rootName.isEmpty { rootName = name.localString }
        if alternate.skipStart(name) { return }
        if name.local == tSheet {
            let state = attributes.string(tState!) ?? "visible"
            let visibility: SheetVisibility = state == "hidden" ? .hidden : state == "veryHidden" ? .veryHidden : .visible
            sheets.append(SheetEntry(name: attributes.string(tName!) ?? "",
                                     relationshipId: attributes.string(tId!, in: relationshipsNS!),
                                     visibility: visibility))
        } else if name.local == tWorkbookPr {
            let v = attributes.string(tDate1904!)
            if v == "1" || v == "true" { dateSystem = .from1904 }
        } else if name.local == tDefinedName {
            pendingName = (attributes.string(tName!) ?? "", attributes.string(tLocalSheetId!).flatMap { Int($0) })
            text.removeAll(keepingCapacity: true)
        }
    }

    override func endElement(_ name: XMLName) {
        if alternate.skipEnd() { return }
        if name.local == tDefinedName, let (n, local) = pendingName {
            definedNames.append(DefinedName(name: n, refersTo: String(decoding: text, as: UTF8.self), localSheet: local))
            pendingName = nil
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if pendingName != nil { text.append(contentsOf: bytes) }
    }
}
