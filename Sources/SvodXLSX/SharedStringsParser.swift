import SvodWorkbook
import SvodXML

/// Reads sharedStrings.xml: each `<si>` is one string, its rich-text runs concatenated and
/// its phonetic (`<rPh>`) runs left out, as Excel displays it.
final class SharedStringsParser: XMLHandler {
    let strings: SharedStrings
    private let maxTextBytes: Int

    /// A parser that publishes into `strings` as it goes.
    init(into strings: SharedStrings, maxTextBytes: Int) {
        self.strings = strings
        self.maxTextBytes = maxTextBytes
    }
    private var text: [UInt8] = []
    /// Strings decoded and not yet published, as one buffer and the end of each.
    private var batch: [UInt8] = []
    private var batchEnds: [Int] = []
    /// Strings completed so far, published or not.
    private var completed = 0
    private var inItem = false
    private var inT = false
    private var phoneticDepth = 0
    private var runStart = 0
    private var preserve = false
    private var tSi = XMLToken.unset, tT = XMLToken.unset, tRPh = XMLToken.unset
    private var tSpace = XMLToken.unset, tSst = XMLToken.unset, tUnique = XMLToken.unset
    private var xmlNS = XMLNamespaceToken.none
    private var alternate = AlternateContentFilter()

    override func prepare(_ names: XMLNameTable) {
        alternate.prepare(names)
        tSi = names.token("si")
        tT = names.token("t")
        tRPh = names.token("rPh")
        tSpace = names.token("space")
        tSst = names.token("sst")
        tUnique = names.token("uniqueCount")
        xmlNS = names.namespace(OOXMLText.xmlNamespace)
    }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if alternate.skipStart(name) { return }
        if name.local == tT {
            inT = true
            runStart = text.count
            preserve = OOXMLText.preservesSpace(attributes, tSpace, xmlNS)
        } else if name.local == tSi {
            inItem = true
            text.removeAll(keepingCapacity: true)
        } else if name.local == tRPh {
            phoneticDepth += 1
        } else if name.local == tSst, let n = attributes.bytes(tUnique).flatMap({ XMLNumber.int($0) }) {
            strings.reserve(n)
        }
    }

    override func endElement(_ name: XMLName) {
        if alternate.skipEnd() { return }
        if name.local == tT {
            inT = false
            if !preserve && phoneticDepth == 0 { OOXMLText.trimTail(&text, from: runStart) }
        } else if name.local == tSi {
            batch.append(contentsOf: OOXMLText.decodeBytes(text))
            batchEnds.append(batch.count)
            completed += 1
            if batchEnds.count == 256 { flush() }
            inItem = false
        } else if name.local == tRPh {
            phoneticDepth -= 1
        }
    }

    /// Publishes the strings decoded so far; the loader calls it once more at the end.
    func flush() {
        guard !batchEnds.isEmpty, failure == nil else { return }
        do {
            if try !strings.append(batch: batch, ends: batchEnds) { failure = CancellationError() }
        } catch {
            failure = error
        }
        batch.removeAll(keepingCapacity: true)
        batchEnds.removeAll(keepingCapacity: true)
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inItem && inT && phoneticDepth == 0 {
            text.append(contentsOf: bytes)
            if text.count > maxTextBytes {
                failure = ReadError(.limit, .init(ru: "общая строка № \(completed + 1) длиннее \(maxTextBytes) байт",
                                                  en: "shared string #\(completed + 1) is longer than \(maxTextBytes) bytes"))
            }
        }
    }
}
