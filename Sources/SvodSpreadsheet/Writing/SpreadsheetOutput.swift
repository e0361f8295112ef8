import SvodLocale
import SvodODS
import SvodWorkbook
import SvodXLSX

/// Creates workbook writers by format.
public enum SpreadsheetOutput {
    /// The format an output path asks for by its extension, or nil.
    public static func format(forPath path: String) -> SpreadsheetFormat? {
        switch path.split(separator: ".").last?.lowercased() {
        case "xlsx": return .xlsx
        case "ods": return .ods
        default: return nil
        }
    }

    /// A writer for `path` in `format` (XLSX or ODS; flat ODS is read, not written).
    public static func create(path: String, format: SpreadsheetFormat, options: WriteOptions = WriteOptions()) throws
        -> WorkbookWriter {
        switch format {
        case .xlsx: return try XLSXWriter(path: path, options: options)
        case .ods: return try ODSWriter(path: path, options: options)
        case .fods: throw WriteError.misuse("svod reads flat ODS (.fods) but writes ODS (.ods)")
        case .csv, .json: throw WriteError.misuse("CSV and JSON are written by `svod convert`, not as workbooks")
        }
    }
}
