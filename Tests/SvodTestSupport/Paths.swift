import Foundation

/// Where tests find the project, the built binary and the shared conformance material.
public enum TestPaths {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared` beside the clone (or `$SVOD_SHARED`), nil when absent: a user's clone has none.
    public static let shared: URL? = {
        let candidates = [ProcessInfo.processInfo.environment["SVOD_SHARED"].map { URL(fileURLWithPath: $0) },
                          packageRoot.deletingLastPathComponent().appendingPathComponent("shared")]
        return candidates.compactMap { $0 }.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("corpus").path)
        }
    }()

    /// The `svod` binary built beside the test bundle.
    public static let svodBinary: URL = {
        if let env = ProcessInfo.processInfo.environment["SVOD_BINARY"] { return URL(fileURLWithPath: env) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("svod")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/svod")
    }()

    /// A fresh temporary directory, removed by the caller.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("svod-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The result of running a program.
public struct ProcessResult {
    /// Exit status.
    public let status: Int32
    /// Standard output.
    public let stdout: Data
    /// Standard error as text.
    public let stderr: String
    /// Wall time in seconds.
    public let seconds: Double
    /// Peak resident memory in bytes as GNU time measured it; 0 without GNU time.
    public let peakBytes: Int

    /// Standard output as text.
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs a program to completion, capturing its output, time and peak memory.
///
/// Peak memory comes from GNU time (`/usr/bin/time`, Debian's `time`) when it is installed:
/// Linux charges a vfork-spawned child with its parent's high-water mark at exec, so the test
/// process (hundreds of MiB of fixtures) cannot measure its own children; GNU time forks
/// them from a process of 2 MiB. Without it, `peakBytes` is 0.
public func runProcess(_ executable: URL, _ arguments: [String], stdin: Data? = nil) throws -> ProcessResult {
    let timer = "/usr/bin/time"
    guard FileManager.default.isExecutableFile(atPath: timer) else {
        return try spawn(executable, arguments, stdin: stdin)
    }
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let report = dir.appendingPathComponent("rss").path
    let r = try spawn(URL(fileURLWithPath: timer), ["-q", "-f", "%M", "-o", report, executable.path] + arguments,
                      stdin: stdin)
    let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
    let kib = text.split(whereSeparator: \.isNewline).last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
    // GNU time reports a child killed by a signal in its own status (128 + n), like a shell.
    return ProcessResult(status: r.status, stdout: r.stdout, stderr: r.stderr, seconds: r.seconds, peakBytes: kib * 1024)
}

private func spawn(_ executable: URL, _ arguments: [String], stdin: Data?) throws -> ProcessResult {
    let dir = try TestPaths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let outPath = dir.appendingPathComponent("stdout").path
    let errPath = dir.appendingPathComponent("stderr").path
    let inPath = dir.appendingPathComponent("stdin").path
    _ = FileManager.default.createFile(atPath: inPath, contents: stdin ?? Data())

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = Date()
    let rc = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
    guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc)) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let seconds = Date().timeIntervalSince(start)
    let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    let out = FileManager.default.contents(atPath: outPath) ?? Data()
    let err = FileManager.default.contents(atPath: errPath) ?? Data()
    return ProcessResult(status: exit, stdout: out, stderr: String(decoding: err, as: UTF8.self),
                         seconds: seconds, peakBytes: 0)
}

/// Independent readers (python-calamine, openpyxl) run from the project's virtual environment.
public enum IndependentReader: String {
    case calamine, openpyxl

    /// `.venv/bin/python` (made by `.ci/run`), nil when absent: the tests that need it skip.
    public static let python: URL? = {
        let url = TestPaths.packageRoot.appendingPathComponent(".venv/bin/python")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }()

    /// What this reader reads from each file, in the corpus shape; nil without the environment.
    public func read(_ files: [String]) throws -> [[String: Any]]? {
        guard let python = IndependentReader.python else { return nil }
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/Tools/dump_with.py").path
        let r = try runProcess(python, [script, rawValue] + files)
        guard r.status == 0 else { throw NSError(domain: "dump_with", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: r.stderr]) }
        return r.stdoutText.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}
