import Foundation
import SvodIO
import SvodLocale
import SvodReports
import SvodSpreadsheet
import SvodValidation
import SvodWorkbook

/// What a school gets back for one file, in `<outbox>/<school>/`: the JSON and HTML reports, and
/// when there are findings the marked copy of its workbook, each named after the original and
/// its hash (`vpr-2024-co9-1a2b3c4d.json`), each written whole or not at all.
struct SchoolAnswer {
    let outbox: String
    let language: Language

    /// The folder of a school's answers; files naming no known school go to `_без_школы`.
    func folder(school: String?) -> String {
        (outbox as NSString).appendingPathComponent(school.map(Self.safe) ?? "_без_школы")
    }

    /// `<name without extension>-<first 8 of the hash>`.
    static func stem(name: String, sha256: String) -> String {
        (name as NSString).deletingPathExtension + "-" + sha256.prefix(8)
    }

    /// A school code as a folder name: nothing that climbs out of the outbox.
    static func safe(_ code: String) -> String {
        let cleaned = code.map { $0 == "/" || $0 == "\\" || $0 == "\0" ? "_" : $0 }
        let s = String(cleaned)
        return s.isEmpty || s.hasPrefix(".") ? "_" + s : s
    }

    /// The annotated copy's path for a file of `format`.
    func annotatedPath(school: String?, stem: String, format: SpreadsheetFormat) -> String {
        (folder(school: school) as NSString).appendingPathComponent(stem + "-замечания." + (format == .xlsx ? "xlsx" : "ods"))
    }

    /// Writes the JSON and HTML reports of `verdict` and returns their paths; each appears whole
    /// or not at all, unflushed: the run flushes a group of files' answers at once (`DurableFile.flush`)
    /// before the journal calls them written. What an earlier, interrupted attempt left is replaced.
    func writeReports(_ verdict: FileVerdict, school: String?, stem: String) throws -> [String] {
        let dir = folder(school: school)
        try make(dir)
        let json = (dir as NSString).appendingPathComponent(stem + ".json")
        let html = (dir as NSString).appendingPathComponent(stem + ".html")
        for (path, text) in [(json, JSONReport.render([verdict], single: true, language: language)),
                             (html, HTMLReport.render([verdict], language: language, allFiles: true))] {
            unlink(path)
            try DurableFile.writeOnce(Data(text.utf8), to: path, flush: false)
        }
        return [json, html]
    }

    /// Writes the marked copy while the file is open.
    func writeAnnotated(_ reader: WorkbookReader, _ report: ValidationReport, to path: String) throws {
        try make((path as NSString).deletingLastPathComponent)
        let format: SpreadsheetFormat = reader.format == .xlsx ? .xlsx : .ods
        try AnnotatedWorkbook.write(source: reader, report: report, to: path, format: format, language: language)
    }

    /// The accepted file also kept in `format` (`ods`/`xlsx`): read again and copied by svod's writers.
    func convert(_ source: String, to path: String) throws {
        try make((path as NSString).deletingLastPathComponent)
        let reader = try Spreadsheet.open(path: source)
        let writer = try SpreadsheetOutput.create(path: path, format: path.hasSuffix(".xlsx") ? .xlsx : .ods,
                                                  options: WriteOptions(illegalCharacters: .replace))
        do {
            _ = try WorkbookCopy.copy(from: reader, to: writer, sheet: nil)
            try writer.finish()
        } catch {
            writer.cancel()
            throw error
        }
        DurableFile.syncFolder((path as NSString).deletingLastPathComponent)
    }

    private func make(_ dir: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw IOFailure.errno("не удалось создать папку", "cannot create folder", path: dir)
        }
    }
}
