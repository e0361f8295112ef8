import Foundation
import SvodLocale
import SvodSchema
import SvodStore
import SvodWorkbook

/// Reads a consolidation svod wrote (its JSON, or the «Данные свода» sheet of its workbook) back
/// as an input to a higher one: a district's consolidation into the city's.
public enum ConsolidationReader {
    /// Files larger than this are not a consolidation svod wrote for one city.
    public static let maxBytes = 256 << 20

    /// The consolidation in the JSON document `text`, or a one-line reason it is not one.
    public static func read(json text: String, file: String, catalog: SchemaCatalog) throws -> Consolidation {
        let doc: JSONValue
        do { doc = try JSONValue.parse(text) } catch let e as JSONParseError {
            throw ConsolidationInputError(file, ru: "не JSON (байт \(e.offset))", en: "not JSON (byte \(e.offset))")
        }
        guard doc["format"]?.string == "svod-consolidation", let period = doc["period"]?.string, let forms = doc["forms"]?.array else {
            throw ConsolidationInputError(file, ru: "это не свод svod (нет «format»: «svod-consolidation»)",
                                          en: "not a svod consolidation (no \"format\": \"svod-consolidation\")")
        }
        var result = Consolidation(period: period, district: doc["district"]?.string, forms: [])
        for f in forms { result.forms.append(try form(f, file: file, catalog: catalog)) }
        return result
    }

    private static func form(_ f: JSONValue, file: String, catalog: SchemaCatalog) throws -> FormConsolidation {
        guard let id = f["id"]?.string, let schema = catalog.form(id) else {
            throw ConsolidationInputError(file, ru: "форма «\(f["id"]?.string ?? "—")» не из каталога", en: "form '\(f["id"]?.string ?? "—")' is not in the catalogue")
        }
        let version = f["version"]?.number.map { NSDecimalNumber(decimal: $0).intValue } ?? 0
        guard version == schema.version else {
            throw ConsolidationInputError(file, ru: "форма «\(id)» сведена по версии \(version), а в каталоге версия \(schema.version)",
                                          en: "form '\(id)' was consolidated with version \(version); the catalogue has \(schema.version)")
        }
        var c = Accumulator(form: schema).empty()
        c.submitted = (f["submitted"]?.array ?? []).compactMap(\.string)
        c.sources = (f["sources"]?.array ?? []).map { s in
            SourceFile(school: s["school"]?.string ?? "", fileName: s["file"]?.string ?? "", sha256: s["sha256"]?.string ?? "",
                       arrivedAt: s["arrived"]?.string, warnings: int(s["warnings"]), warningsExplained: int(s["explained"]),
                       via: s["via"]?.string ?? (file as NSString).lastPathComponent)
        }
        let conditions = catalog.schoolConditions(of: id)
        for sheet in f["sheets"]?.array ?? [] {
            guard let sid = sheet["id"]?.string, let i = c.sheets.firstIndex(where: { $0.id == sid }) else { continue }
            let counted = conditions.filter { $0.sheet == sid }.map(\.id)
            for r in sheet["rows"]?.array ?? [] {
                var row = CityRow(key: [:])
                for (k, v) in r["key"]?.members ?? [] { row.key[k] = v.string }
                row.schools = int(r["schools"])
                for (field, p) in r["parts"]?.members ?? [] { row.fields[field] = total(p) }
                for (condition, t) in r["counts"]?.members ?? [] { row.counts[condition] = tally(t) }
                // A row without a count the tables ask for was written before they asked: not known.
                for condition in counted where row.counts[condition] == nil { row.counts[condition] = SchoolTally(unknown: true) }
                if row.key.isEmpty { c.sheets[i].total = row } else { c.sheets[i].rows[SQLiteStore.keyJSON(row.key)] = row }
            }
        }
        return c
    }

    /// A row's count of schools meeting a condition, as ConsolidationJSON writes it.
    static func tally(_ t: JSONValue) -> SchoolTally {
        SchoolTally(schools: int(t["schools"]), of: int(t["of"]), unknown: t["unknown"] == .bool(true))
    }

    static func total(_ p: JSONValue) -> FieldTotal {
        var t = FieldTotal()
        t.schools = int(p["schools"])
        t.sum = p["sum"]?.number ?? 0
        t.weighted = p["weighted"]?.number ?? 0
        t.weight = p["weight"]?.number ?? 0
        t.yes = int(p["yes"])
        t.answered = int(p["answered"])
        t.largest = p["max"]?.number
        t.smallest = p["min"]?.number
        return t
    }

    private static func int(_ v: JSONValue?) -> Int { v?.number.map { NSDecimalNumber(decimal: $0).intValue } ?? 0 }
}

/// A consolidation given as an input could not be used: one line, with the file.
public struct ConsolidationInputError: LocalizedFailure {
    public let message: LocalizedText
    public var kind: FailureKind { .unreadable }

    /// A reason about `file` (empty: about the run as a whole).
    public init(_ file: String, ru: String, en: String) {
        message = file.isEmpty ? .init(ru: ru, en: en) : .init(ru: "«\(file)»: \(ru)", en: "'\(file)': \(en)")
    }
}

extension ConsolidationReader {
    /// The consolidation a svod workbook carries on its hidden data sheet, or nil for any other
    /// workbook (a school's file).
    public static func read(workbook: WorkbookReader, file: String, catalog: SchemaCatalog) throws -> Consolidation? {
        guard let index = try workbook.sheetIndex(named: ConsolidatedWorkbook.dataSheet) else { return nil }
        let rows = try workbook.rows(ofSheet: index)
        var text = "", marked = false
        while let row = try rows.nextRow() {
            guard case .text(let s)? = row.cells.first(where: { $0.column == 0 })?.value else { continue }
            if !marked {
                guard s == ConsolidatedWorkbook.marker else { return nil }
                marked = true
                continue
            }
            text += s
            guard text.utf8.count <= maxBytes else {
                throw ConsolidationInputError(file, ru: "данные свода больше \(maxBytes >> 20) МиБ", en: "the consolidation data exceed \(maxBytes >> 20) MiB")
            }
        }
        return marked ? try read(json: text, file: file, catalog: catalog) : nil
    }
}
