import Foundation

/// A schema folder for one test: its form as `forms/<name>.yaml` and copies of the bundled
/// reference files it needs, so that a test states only what it is about.
public enum SchemaFolder {
    public static func make(in dir: URL, form: String, named name: String, references: [String] = ["lists.yaml"]) throws {
        for sub in ["forms", "reference"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try form.write(to: dir.appendingPathComponent("forms/\(name).yaml"), atomically: true, encoding: .utf8)
        for file in references {
            try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Schemas/reference/\(file)"),
                                             to: dir.appendingPathComponent("reference/\(file)"))
        }
    }
}
