import Foundation

/// The files a command was given: files as they are, folders as every spreadsheet inside them
/// (recursively, in path order), without hidden files and folders and office lock files
/// (`~$x.xlsx`, `.~lock.x.ods#`) that sit beside files being edited.
enum InputFiles {
    static let extensions: Set<String> = ["xlsx", "xlsm", "ods", "fods"]

    /// A file and its path below the folder it was found in (its name, for a file given itself).
    struct Input {
        let path: String
        let relative: String
    }

    static func expand(_ arguments: [String]) -> [Input] {
        arguments.flatMap { path -> [Input] in
            var isDirectory: ObjCBool = false
            let plain = [Input(path: path, relative: (path as NSString).lastPathComponent)]
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return plain }
            guard let walker = FileManager.default.enumerator(atPath: path) else { return plain }
            var found: [Input] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()  // a hidden folder (.Trash-1000, .git) is skipped whole
                    continue
                }
                if name.hasPrefix("~$") { continue }
                if extensions.contains((name as NSString).pathExtension.lowercased()) {
                    found.append(Input(path: (path as NSString).appendingPathComponent(relative), relative: relative))
                }
            }
            return found.sorted { $0.path.compare($1.path, options: [.numeric]) == .orderedAscending }
        }
    }
}
