import Foundation
import SvodLocale
import SvodPipeline
import SvodSchema
import SvodStore
import SvodWorkbook

/// Where a command writing a workbook or its JSON sends it: `-o FILE` (.xlsx, .ods, .json), `--format json` to standard output, or both.
struct TableOutput {
    let path: String?
    let toStdout: Bool
    /// `--as-of`, the date written into the file; 2000-01-01 without it, so the same inputs give the same bytes.
    let asOf: CivilDateTime

    /// Reads `-o`, `--format` and `--as-of`; `what` says what is written where («свод пишется») in the refusal of another extension.
    init(_ call: ParsedCall, what: LocalizedText) throws {
        path = call.value("output")
        toStdout = call.choice("format", ShowFormat.self) == .json
        asOf = try Self.asOf(call)
        if path == nil && !toStdout {
            throw UsageError(ru: "укажите -o ФАЙЛ (.xlsx, .ods, .json) или --format json", en: "give -o FILE (.xlsx, .ods, .json) or --format json")
        }
        if let path, !["xlsx", "ods", "json"].contains((path as NSString).pathExtension.lowercased()) {
            throw UsageError(ru: "-o: «\(path)» — \(what.ru) в .xlsx, .ods или .json", en: "-o: '\(path)' — \(what.en) to .xlsx, .ods or .json")
        }
    }

    /// `--as-of`, or 2000-01-01 without it: the same inputs give the same bytes.
    static func asOf(_ call: ParsedCall) throws -> CivilDateTime {
        call.value("as-of") == nil ? CivilDateTime(year: 2000, month: 1, day: 1, hasTime: false)! : try StatusCommand.date(call.value("as-of"))
    }

    /// Whether the file asked for is the JSON.
    var isJSON: Bool { path?.lowercased().hasSuffix(".json") ?? false }
}

/// A run over the store (no files given) or over files checked into a scratch store of their own;
/// `use` writes the outputs while that store is still there (writers read the schools' rows from
/// it), and the scratch folder is removed afterwards.
enum StoreOrFiles {
    static func run<T>(_ arguments: [String], store: String, scratchName: String,
                       fromStore: (SQLiteStore) throws -> T, fromFiles: ([Inputs.Input], String) throws -> T,
                       use: (inout T) throws -> Void) throws -> T {
        if arguments.isEmpty {
            try StoreLocation.mustExist(store)
            var result = try fromStore(try SQLiteStore(path: store))
            try use(&result)
            return result
        }
        let inputs = Inputs.expand(arguments)
        guard !inputs.isEmpty else {
            throw UsageError(ru: "\(arguments.joined(separator: ", ")): в папке нет файлов", en: "\(arguments.joined(separator: ", ")): the folder holds no files")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("svod-\(scratchName)-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var result = try fromFiles(inputs, scratch)
        try use(&result)
        return result
    }
}

/// What `svod indicators` and `svod card` are both given: files or the store, the academic year, the schemas.
struct IndicatorCall {
    let arguments: [String]
    let period: String
    let store: String
    let location: SchemasCommand.Location
    let common: CommonOptions

    init(_ call: ParsedCall) throws {
        arguments = call.all("files")
        guard let period = call.value("period") else {
            throw UsageError(ru: "укажите --period — учебный год, например 2019/2020", en: "give --period, the academic year, e.g. 2019/2020")
        }
        self.period = period
        store = StoreLocation.path(call)
        location = try SchemasCommand.Location(call)
        common = CommonOptions(call)
    }

    /// Each input left out, on standard error; exit status 1 when there is one.
    func finish(_ result: IndicatorRun.Result) throws {
        let ru = common.lang == .ru
        for l in result.leftOut { FileHandle.standardError.write(Data("\(l.file) — \(ru ? "не вошёл" : "left out"): \(l.reason(common.lang))\n".utf8)) }
        if !result.leftOut.isEmpty { throw ExitCode(1) }
    }

    /// The indicators of the year, from the store or the files; `use` writes while a scratch store lives.
    /// A failure of the store or an input is reported on one line against `output` and exits with 2.
    func run(_ catalog: SchemaCatalog, output: String, use: (IndicatorRun.Result) throws -> Void) throws -> IndicatorRun.Result {
        let run = IndicatorRun(catalog: catalog)
        do {
            return try StoreOrFiles.run(arguments, store: store, scratchName: "indicators",
                                        fromStore: { try run.fromStore($0, period: period) },
                                        fromFiles: { try run.fromFiles($0, period: period, scratch: $1) }) { try use($0) }
        } catch let e as UsageError {
            throw e
        } catch {
            report(error, file: output, language: common.lang)
            throw ExitCode(2)
        }
    }
}
