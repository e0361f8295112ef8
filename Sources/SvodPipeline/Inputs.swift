#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    /// Every input of the given paths, as a list (for commands that need them all at once).
    public static func expand(_ arguments: [String]) -> [Input] {
        Array(walk(arguments))
    }

    /// Every input of the given paths, found as the walk goes: memory holds one folder's names at
    /// a time, not the whole tree, so a 100 000-file inbox costs what its largest folder costs.
    public static func walk(_ arguments: [String]) -> Walk { Walk(arguments: arguments) }

    /// The inputs in order: each argument in turn; inside a folder, its entries by name (numbers
    /// compared as numbers), a subfolder's files where its name falls.
    public struct Walk: Sequence {
        let arguments: [String]

        public func makeIterator() -> Iterator { Iterator(arguments: arguments[...]) }

        public struct Iterator: IteratorProtocol {
            var arguments: ArraySlice<String>
            /// Open folders, innermost last: the folder given, the path below it, the names still to visit.
            var open: [(root: String, relative: String, names: ArraySlice<String>)] = []

            public mutating func next() -> Input? {
                while true {
                    if var top = open.popLast() {
                        guard let name = top.names.popFirst() else { continue }
                        open.append(top)
                        if name.hasPrefix(".") || Inputs.isLockFile(name) { continue }  // a hidden folder (.Trash-1000, .git) is skipped whole
                        let relative = top.relative.isEmpty ? name : top.relative + "/" + name
                        let full = (top.root as NSString).appendingPathComponent(relative)
                        switch Kind(full) {
                        case .file: return Input(path: full, relative: relative, inFolder: true)
                        case .folder:
                            // A folder that cannot be listed is an input too: the check says why it cannot be read.
                            guard let names = Inputs.names(full) else { return Input(path: full, relative: relative, inFolder: true) }
                            open.append((top.root, relative, names))
                        case .other: continue
                        }
                    } else {
                        guard let path = arguments.popFirst() else { return nil }
                        var isDirectory: ObjCBool = false
                        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
                           let names = Inputs.names(path) {
                            open.append((path, "", names))
                        } else {
                            return Input(path: path, relative: (path as NSString).lastPathComponent, inFolder: false)
                        }
                    }
                }
            }
        }
    }

    /// What a folder's entry is: symbolic links to folders are not followed (a link back up would never end).
    /// By lstat/stat, not FileManager's attributes: those look the owner up by name, file by file.
    private enum Kind {
        case file, folder, other
        init(_ path: String) {
            var st = stat()
            guard lstat(path, &st) == 0 else { self = .other; return }
            switch st.st_mode & S_IFMT {
            case S_IFDIR: self = .folder
            case S_IFLNK:
                // A link to a file is that file; a dangling link is an input too (refused as unreadable, not skipped).
                var target = stat()
                self = stat(path, &target) == 0 && (target.st_mode & S_IFMT) == S_IFDIR ? .other : .file
            default: self = .file
            }
        }
    }

    private static func names(_ folder: String) -> ArraySlice<String>? {
        (try? FileManager.default.contentsOfDirectory(atPath: folder))?
            .sorted { $0.compare($1, options: [.numeric]) == .orderedAscending }[...]
    }

    /// Office lock files: Excel's `~$name`, LibreOffice's `.~lock.name#` (hidden anyway).
    public static func isLockFile(_ name: String) -> Bool {
        name.hasPrefix("~$") || (name.hasPrefix(".~lock.") && name.hasSuffix("#"))
    }
}
