import Foundation
import SvodWorkbook
import SvodXML

/// `xl/styles.xml` with records added at the end of its lists, the original ones untouched:
/// a marked cell's style is its own `xf` with a new fill, and an added sheet's styles come
/// from a `XLSXStyleTable` of their own, renumbered after the workbook's.
final class StylesPatch {
    private let original: [UInt8]
    /// The raw `<xf …>…</xf>` records of `cellXfs`, for deriving marked styles from.
    private var cellXfs: [String] = []
    private(set) var counts = (numFmts: 0, fonts: 0, fills: 0, borders: 0, cellXfs: 0)
    private var maxNumFmtID = 163
    /// Fills added for marks, by colour; their ids follow the added sheet's fills.
    private var markFills: [Color] = []
    /// Derived cell styles: (original xf, fill) → index among the derived ones.
    private var derived: [String: Int] = [:]
    private var derivedXfs: [String] = []
    /// The added sheet's styles, renumbered when the part is written.
    private var added: XLSXStyleTable?

    /// A patch of `bytes` (nil when the package has no styles part: one is made).
    init(_ bytes: [UInt8]?) throws {
        original = bytes ?? Array(Self.minimal.utf8)
        try scan()
    }

    /// A styles part as Excel's smallest: one font, the two reserved fills, one border, one xf.
    static let minimal = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>"#

    private func scan() throws {
        var path: [Substring] = []
        var xfStart: Int?
        var offset = 0
        let scanner = XMLTagScanner(onBytes: { offset += $0.count }, onTag: { [self] tag, raw in
            defer { offset += raw.count }
            let local = tag.localName
            switch tag.kind {
            case .start, .empty:
                if path.count == 2 {
                    switch path[1] {
                    case "numFmts" where local == "numFmt":
                        counts.numFmts += 1
                        if let id = tag.value("numFmtId").flatMap({ Int($0) }) { maxNumFmtID = max(maxNumFmtID, id) }
                    case "fonts" where local == "font": counts.fonts += 1
                    case "fills" where local == "fill": counts.fills += 1
                    case "borders" where local == "border": counts.borders += 1
                    case "cellXfs" where local == "xf":
                        counts.cellXfs += 1
                        if tag.kind == .empty { cellXfs.append(String(decoding: raw, as: UTF8.self)) } else { xfStart = offset }
                    default: break
                    }
                }
                if tag.kind == .start { path.append(local) }
            case .end:
                if path.count == 3, path[1] == "cellXfs", local == "xf", let start = xfStart {
                    cellXfs.append(String(decoding: original[start..<(offset + raw.count)], as: UTF8.self))
                    xfStart = nil
                }
                if !path.isEmpty { path.removeLast() }
            }
        })
        try original.withUnsafeBytes { try scanner.feed($0) }
        try scanner.finish()
    }

    /// Registers the added sheet's style table; its xfs are numbered from `counts.cellXfs`.
    func add(_ table: XLSXStyleTable) { added = table }

    /// The index of the added sheet's xf `i`.
    var addedBase: Int { counts.cellXfs }

    /// The style of a marked cell whose own style is `xf`: the same record with `fill`.
    func marked(_ xf: Int, fill: Color) -> Int {
        let base = xf >= 0 && xf < cellXfs.count ? xf : 0
        let key = "\(base)/\(fill.hex)"
        if let i = derived[key] { return derivedBase + i }
        let fillIndex = markFills.firstIndex(of: fill) ?? { markFills.append(fill); return markFills.count - 1 }()
        let fillID = fillsBefore + (added?.addedFills.count ?? 0) + fillIndex
        let record = cellXfs.isEmpty ? #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"# : cellXfs[base]
        derivedXfs.append(Self.withFill(record, fillID))
        derived[key] = derivedXfs.count - 1
        return derivedBase + derivedXfs.count - 1
    }

    /// Fills ahead of the added ones: the original's, at least the two Excel reserves.
    private var fillsBefore: Int { max(counts.fills, 2) }
    private var derivedBase: Int { counts.cellXfs + (added?.xfCount ?? 0) }

    /// `record` with `fillId` and `applyFill` set, the rest of it as it was.
    static func withFill(_ record: String, _ fillID: Int) -> String {
        var tag: XMLTag?
        let bytes = Array(record.utf8)
        let end = bytes.firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? bytes.count
        bytes[0..<end].withUnsafeBytes { tag = XMLTagScanner.tag($0) }
        guard let tag else { return record }
        return tag.written(set: [("fillId", "\(fillID)"), ("applyFill", "1")]) + String(decoding: bytes[end...], as: UTF8.self)
    }

    /// The patched part.
    func write() throws -> [UInt8] {
        let numFmts = (added?.addedNumFmts(firstID: maxNumFmtID + 1)) ?? []
        let fonts = added?.addedFonts ?? []
        let fills = (fillsBefore > counts.fills ? Array(repeating: #"<fill><patternFill patternType="none"/></fill>"#, count: fillsBefore - counts.fills) : [])
            + (added?.addedFills ?? []) + markFills.map(XLSXStyleTable.fillRecord)
        let borders = added?.addedBorders ?? []
        let xfs = (added?.addedXfs(fontBase: counts.fonts, fillBase: fillsBefore, borderBase: counts.borders, numFmtBase: maxNumFmtID + 1) ?? []) + derivedXfs
        let additions: [(list: String, item: String, records: [String], count: Int)] = [
            ("numFmts", "numFmt", numFmts, counts.numFmts), ("fonts", "font", fonts, counts.fonts), ("fills", "fill", fills, counts.fills),
            ("borders", "border", borders, counts.borders), ("cellXfs", "xf", xfs, counts.cellXfs),
        ]
        // Where a missing list goes: before the first of the elements that follow it in the schema.
        let order = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"]
        var present = Set<String>()
        var depth = XMLDepth()
        var prefix = ""
        var pendingBody: String?
        return try XMLTagScanner.rewrite(original) { tag, raw, out in
            func emit(_ s: String) { out.append(contentsOf: s.utf8) }
            func missing(before local: Substring?) {
                let limit = local.flatMap { order.firstIndex(of: String($0)) } ?? order.count
                for a in additions where !a.records.isEmpty && !present.contains(a.list) {
                    guard let at = order.firstIndex(of: a.list), at < limit else { continue }
                    present.insert(a.list)
                    emit("<\(prefix)\(a.list) count=\"\(a.records.count)\">" + a.records.map { Self.prefixed($0, prefix) }.joined() + "</\(prefix)\(a.list)>")
                }
            }
            let local = tag.localName
            let level = depth.enter(tag)
            if level == 0, tag.kind != .end { prefix = tag.prefix.isEmpty ? "" : tag.prefix + ":" }
            if level == 1, tag.kind != .end {
                missing(before: local)
                if let a = additions.first(where: { $0.list == local }) {
                    present.insert(a.list)
                    if !a.records.isEmpty {
                        let body = a.records.map { Self.prefixed($0, prefix) }.joined()
                        let count = ("count", "\(a.count + a.records.count)")
                        if tag.kind == .empty {
                            emit(tag.written(set: [count], as: .start) + body + "</\(tag.name)>")
                        } else {
                            emit(tag.written(set: [count]))
                            pendingBody = body
                        }
                        return
                    }
                }
            }
            if level == 1, tag.kind == .end, let body = pendingBody {
                emit(body)
                pendingBody = nil
            }
            if level == 0, tag.kind == .end { missing(before: nil) }
            out.append(contentsOf: raw)
        }
    }

    /// A record written with the part's prefix for SpreadsheetML (most parts use none).
    static func prefixed(_ record: String, _ prefix: String) -> String {
        guard !prefix.isEmpty else { return record }
        var out = ""
        var rest = Substring(record)
        while let lt = rest.firstIndex(of: "<") {
            out += rest[..<lt]
            let after = rest.index(after: lt)
            if rest[after...].hasPrefix("/") { out += "</" + prefix; rest = rest[rest.index(after: after)...] } else { out += "<" + prefix; rest = rest[after...] }
        }
        return out + rest
    }
}
