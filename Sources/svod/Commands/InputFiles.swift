import Foundation

/// The files a command was given: files as they are, folders as every spreadsheet inside them
/// (recursively, in path order), without hidden files and office lock files (`~$x.xlsx`,
/// `.~lock.x.ods#`) that sit beside files being edited.
enum InputFiles {
    static let extensions: Set<String> = ["xlsx", "xlsm", "ods", "fods"]

    static func expand(_ arguments: [String]) -> [String] {
        arguments.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
            guard let walker = FileManager.default.enumerator(atPath: path) else { return [path] }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") || name.hasPrefix("~$") { continue }
                if extensions.contains((name as NSString).pathExtension.lowercased()) {
                    found.append((path as NSString).appendingPathComponent(relative))
                }
            }
            return found.sorted { $0.compare($1, options: [.numeric]) == .orderedAscending }
        }
    }
}
