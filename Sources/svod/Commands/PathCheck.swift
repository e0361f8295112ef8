import Foundation
import SvodLocale
import SvodWorkbook

/// Checks of the paths a call names, made before any work so that a typo costs one line and
/// no half-done run: inputs must be readable files, outputs need a folder to go to and an
/// extension that names their format.
enum PathCheck {
    /// A file an option names for reading (`--previous`).
    static func readableFile(_ path: String, option: String) throws {
        do {
            try ReadError.checkReadable(path)
        } catch let e as ReadError {
            throw UsageError(ru: "\(option) «\(path)»: \(e.message.ru)", en: "\(option) '\(path)': \(e.message.en)")
        }
    }

    /// A workbook to write (`--annotate`, `template -o`): `.xlsx` or `.ods`, not a folder, in a folder that exists.
    static func spreadsheetOutput(_ path: String, option: String) throws {
        let ext = (path as NSString).pathExtension.lowercased()
        guard ext == "xlsx" || ext == "ods" else {
            throw UsageError(ru: "\(option): по имени «\(path)» не определить формат файла: укажите расширение .xlsx или .ods",
                             en: "\(option): cannot tell the file format from the name '\(path)': use the extension .xlsx or .ods")
        }
        try outputFile(path, option: option)
    }

    /// A file to write: not a folder, and its folder exists and may be written to.
    static func outputFile(_ path: String, option: String?) throws {
        let label = option.map { "\($0): " } ?? ""
        if isDirectory(path) {
            throw UsageError(ru: "\(label)«\(path)» — это папка, а нужен файл", en: "\(label)'\(path)' is a folder, not a file")
        }
        let folder = (path as NSString).deletingLastPathComponent
        try writableFolder(folder.isEmpty ? "." : folder, for: path, label: label)
    }

    /// A folder to write into, made if need be (`--annotate` for several files, `template --all -o`):
    /// it is a folder or does not exist yet, and the nearest folder that does exist may be written to.
    static func creatableFolder(_ path: String, option: String) throws {
        let label = "\(option): "
        if FileManager.default.fileExists(atPath: path) && !isDirectory(path) {
            throw UsageError(ru: "\(label)«\(path)» — это файл, а нужна папка", en: "\(label)'\(path)' is a file, not a folder")
        }
        var existing = path
        while !FileManager.default.fileExists(atPath: existing) {
            let up = (existing as NSString).deletingLastPathComponent
            existing = up.isEmpty ? "." : up
        }
        if !isDirectory(existing) {
            throw UsageError(ru: "\(label)«\(existing)» в пути «\(path)» — не папка", en: "\(label)'\(existing)' in the path '\(path)' is not a folder")
        }
        if access(existing, W_OK) != 0 {
            throw UsageError(ru: "\(label)нет прав на запись в папку «\(existing)»", en: "\(label)no permission to write in the folder '\(existing)'")
        }
    }

    private static func writableFolder(_ folder: String, for path: String, label: String) throws {
        guard FileManager.default.fileExists(atPath: folder) else {
            throw UsageError(ru: "\(label)нет папки «\(folder)», куда записать «\((path as NSString).lastPathComponent)»",
                             en: "\(label)there is no folder '\(folder)' to write '\((path as NSString).lastPathComponent)' in")
        }
        guard isDirectory(folder) else {
            throw UsageError(ru: "\(label)«\(folder)» — не папка", en: "\(label)'\(folder)' is not a folder")
        }
        guard access(folder, W_OK) == 0 else {
            throw UsageError(ru: "\(label)нет прав на запись в папку «\(folder)»", en: "\(label)no permission to write in the folder '\(folder)'")
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
