import SvodSchema
import SvodWorkbook

/// Which form a file is, when nobody said: the form whose sheets and column headers the file
/// matches best (most header labels recognised), and at least half of its first sheet's fields.
public struct FormDetector: Sendable {
    /// The property svod's templates write with the form's id (and `svod.version` its version).
    public static let formProperty = "svod.form"
    /// The property with the form's version in svod's templates.
    public static let versionProperty = "svod.version"

    private let catalog: SchemaCatalog
    /// Sheet names every form has («Титул»): they tell none of them apart.
    private let shared: Set<String>
    /// Table sheets' header labels by form and sheet id, normalised once: a folder's every file
    /// is matched against every form.
    private let labels: [String: [String: HeaderLocator.Labels]]
    /// Each form's sheet names and aliases, normalised once.
    private let wanted: [String: [SheetMatcher.Wanted]]

    /// A detector over `catalog`'s forms.
    public init(catalog: SchemaCatalog) {
        self.catalog = catalog
        shared = catalog.forms.count > 1
            ? catalog.forms.dropFirst().reduce(Set(catalog.forms[0].sheets.map(\.name))) { $0.intersection($1.sheets.map(\.name)) } : []
        var labels: [String: [String: HeaderLocator.Labels]] = [:]
        for form in catalog.forms {
            for sheet in form.sheets where sheet.layout == .table { labels[form.id, default: [:]][sheet.id] = HeaderLocator.Labels(sheet) }
        }
        self.labels = labels
        wanted = Dictionary(catalog.forms.map { ($0.id, $0.sheets.map(SheetMatcher.Wanted.init)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The form named in the file's metadata, else the best-matching form of `catalog`, or nil.
    public static func detect(_ reader: WorkbookReader, in catalog: SchemaCatalog) throws -> FormSchema? {
        try FormDetector(catalog: catalog).detect(reader)
    }

    /// The form named in the file's metadata, else the best-matching form, or nil.
    public func detect(_ reader: WorkbookReader) throws -> FormSchema? {
        // Metadata first: a template filled in any program keeps its custom properties.
        if let id = (try? reader.customProperties)?[Self.formProperty], let form = catalog.form(id) { return form }
        let infos = try reader.sheets
        let names = SheetMatcher.Names(infos)
        // Each sheet is read once, however many forms ask about it: its first rows for table
        // headers, the whole of it (small) for form sheets.
        var firstRows: [Int: HeaderLocator.Rows] = [:]
        var wholeSheets: [Int: Sheet] = [:]
        var best: (FormSchema, Int)?
        for form in catalog.forms {
            var score = 0
            for (schema, match) in SheetMatcher.assign(form, infos, names: names, wanted: wanted[form.id]) {
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
                    firstRows[index] = HeaderLocator.Rows(first)
                }
                let labels = self.labels[form.id]?[schema.id] ?? HeaderLocator.Labels(schema)
                if let header = HeaderLocator.locate(schema, labels: labels, in: firstRows[index]!) { score += header.columns.count }
            }
            if score > (best?.1 ?? 0) { best = (form, score) }
        }
        return best?.0
    }
}
