import Foundation
import SvodLocale
import SvodWorkbook

/// Reads svod's JSON (the `inspect` and corpus shape) back as a workbook, so that a program
/// can produce a form's data as JSON and have svod write it as XLSX or ODS.
///
/// The document is read whole: JSON is for exchanging forms, not for million-row sheets.
public final class JSONWorkbookReader: WorkbookReader {
    public let format = SpreadsheetFormat.json
    public let dateSystem = DateSystem.from1900
    public let sheets: [SheetInfo]
    public var definedNames: [DefinedName] { [] }
    private let rowsBySheet: [[Row]]

    /// Reads the document at `path`; refuses a file over `maxBytes`.
    public convenience init(path: String, maxBytes: Int = 256 << 20) throws {
        try ReadError.checkReadable(path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maxBytes else {
            throw ReadError(.limit, .init(ru: "JSON больше \(maxBytes >> 20) МиБ", en: "the JSON is larger than \(maxBytes >> 20) MiB"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError.cannotOpen(path)
        }
        try self.init(data: data)
    }

    /// Reads a document held in memory.
    public init(data: Data) throws {
        func bad(_ ru: String, _ en: String) -> ReadError { ReadError(.malformed, .init(ru: "JSON: " + ru, en: "JSON: " + en)) }
        guard let doc = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let list = doc["sheets"] as? [[String: Any]] else {
            throw bad("ожидался объект с массивом «sheets» (формат svod inspect --format json)",
                      "expected an object with a \"sheets\" array (the svod inspect --format json shape)")
        }
        var infos: [SheetInfo] = []
        var all: [[Row]] = []
        for sheet in list {
            guard let name = sheet["name"] as? String else { throw bad("у листа нет имени", "a sheet has no name") }
            let visibility = SheetVisibility(rawValue: (sheet["visible"] as? String) ?? "visible") ?? .visible
            let kind: SheetKind = (sheet["kind"] as? String) == "chart" ? .chart : .worksheet
            infos.append(SheetInfo(name: name, visibility: visibility, kind: kind))
            var byRow: [Int: [Cell]] = [:]
            for entry in (sheet["cells"] as? [[Any]]) ?? [] {
                guard entry.count >= 3, let a1 = entry[0] as? String, let ref = CellReference(a1), let type = entry[1] as? String,
                      let value = JSONWorkbookReader.value(type, entry[2]) else {
                    throw bad("«\(name)»: ячейка \(entry) не в формате [A1, тип, значение]",
                              "'\(name)': cell \(entry) is not [A1, type, value]")
                }
                byRow[ref.row, default: []].append(Cell(column: ref.column, value: value))
            }
            all.append(byRow.keys.sorted().map { r in Row(index: r, cells: byRow[r]!.sorted { $0.column < $1.column }) })
        }
        sheets = infos
        rowsBySheet = all
    }

    static func value(_ type: String, _ v: Any) -> CellValue? {
        switch type {
        case "number": return (v as? NSNumber).map { .number($0.doubleValue) }
        case "string": return (v as? String).map { .text($0) }
        case "bool": return (v as? NSNumber).map { .bool($0.boolValue) }
        case "date", "datetime": return (v as? String).flatMap(ISO8601.dateTime).map { .date($0) }
        case "time": return (v as? String).flatMap(ISO8601.timeOfDay).map { .time($0) }
        case "duration": return (v as? NSNumber).map { .duration($0.doubleValue) }
        case "error": return (v as? String).map { .error($0) }
        default: return nil
        }
    }

    public func rows(ofSheet index: Int) throws -> SheetRowReader { ListedRows(rowsBySheet[index]) }

    public func readSheets(_ visit: (Int, SheetInfo, SheetRowReader) throws -> Void) throws {
        try readSheetsByIndex(visit)
    }
}

/// Rows already in memory, handed out one at a time.
final class ListedRows: SheetRowReader {
    private var rows: IndexingIterator<[Row]>
    let merges: [CellRange] = []

    init(_ rows: [Row]) { self.rows = rows.makeIterator() }

    func nextRow() throws -> Row? { rows.next() }
}
