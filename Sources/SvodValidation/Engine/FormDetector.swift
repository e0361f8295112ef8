import SvodSchema
import SvodWorkbook

/// Which form a file is, when nobody said: the form whose sheets and column headers the file
/// matches best (most header labels recognised), and at least half of its first sheet's fields.
public enum FormDetector {
    /// The property svod's templates write with the form's id (and `svod.version` its version).
    public static let formProperty = "svod.form"
    /// The property with the form's version in svod's templates.
    public static let versionProperty = "svod.version"

    /// The form named in the file's metadata, else the best-matching form, or nil.
    public static func detect(_ reader: WorkbookReader, in catalog: SchemaCatalog) throws -> FormSchema? {
        // Metadata first: a template filled in any program keeps its custom properties.
        if let id = (try? reader.customProperties)?[formProperty], let form = catalog.form(id) { return form }
        let infos = try reader.sheets
        // A sheet every form has («Титул») tells none of them apart.
        let shared = catalog.forms.count > 1
            ? catalog.forms.dropFirst().reduce(Set(catalog.forms[0].sheets.map(\.name))) { $0.intersection($1.sheets.map(\.name)) } : []
        // Each sheet is read once, however many forms ask about it: its first rows for table
        // headers, the whole of it (small) for form sheets.
        var firstRows: [Int: [Row]] = [:]
        var wholeSheets: [Int: Sheet] = [:]
        var best: (FormSchema, Int)?
        for form in catalog.forms {
            var score = 0
            for (schema, match) in SheetMatcher.assign(form, infos) {
                guard let index = match?.index, !shared.contains(schema.name) else { continue }
                if schema.layout == .form {
                    // Filled cells of a form sheet are what it can be told by.
                    if wholeSheets[index] == nil {
                        wholeSheets[index] = try Sheet(reading: reader, index: index, maxCells: FormSheetBinder.maxCells)
                    }
                    let record = FormSheetBinder.bind(schema, sheet: wholeSheets[index]!).record
                    score += record.values.all.filter { !$0.value.raw.isEmpty }.count
                    continue
                }
                if firstRows[index] == nil {
                    let rows = try reader.rows(ofSheet: index)
                    var first: [Row] = []
                    while first.count < HeaderLocator.scanRows, let row = try rows.nextRow() { first.append(row) }
                    firstRows[index] = first
                }
                if let header = HeaderLocator.locate(schema, in: firstRows[index]!) { score += header.columns.count }
            }
            if score > (best?.1 ?? 0) { best = (form, score) }
        }
        return best?.0
    }
}
