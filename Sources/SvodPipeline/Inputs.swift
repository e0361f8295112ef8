import Foundation

/// The files a command was given: a file as it is, a folder as every file inside it
/// (recursively, in path order) but hidden files and folders and the lock files office programs
/// leave beside a file being edited (`~$x.xlsx`, `.~lock.x.ods#`). Nothing else is left out:
/// a `.xls`, a CSV or a scan in a school's folder is an input too, which the check then refuses
/// with its reason, so that no file is skipped silently.
public enum Inputs {
    /// One input and its path below the folder it was found in (its name, for a file given itself).
    public struct Input: Sendable, Equatable {
        public let path: String
        public let relative: String
        /// Whether it was found inside a folder given on the command line.
        public let inFolder: Bool
    }

    /// Every input of the given paths.
    public static func expand(_ arguments: [String]) -> [Input] {
        arguments.flatMap { path -> [Input] in
            var isDirectory: ObjCBool = false
            let plain = [Input(path: path, relative: (path as NSString).lastPathComponent, inFolder: false)]
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return plain }
            guard let walker = FileManager.default.enumerator(atPath: path) else { return plain }
            var found: [Input] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()  // a hidden folder (.Trash-1000, .git) is skipped whole
                    continue
                }
                if isLockFile(name) { continue }
                let full = (path as NSString).appendingPathComponent(relative)
                var sub: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue else { continue }
                found.append(Input(path: full, relative: relative, inFolder: true))
            }
            return found.sorted { $0.path.compare($1.path, options: [.numeric]) == .orderedAscending }
        }
    }

    /// Office lock files: Excel's `~$name`, LibreOffice's `.~lock.name#` (hidden anyway).
    public static func isLockFile(_ name: String) -> Bool {
        name.hasPrefix("~$") || (name.hasPrefix(".~lock.") && name.hasSuffix("#"))
    }
}
