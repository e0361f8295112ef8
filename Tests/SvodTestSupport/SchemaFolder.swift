import Foundation

/// A schema folder for one test: its form as `forms/<name>.yaml` and copies of the bundled
/// reference files it needs, so that a test states only what it is about.
public enum SchemaFolder {
    /// A test form's YAML: the header every such form shares (`id`, version 1, a title, mechanism 1,
    /// academic years, «Ежегодно»), then `body` — its `sheets:` and `rules:`.
    public static func form(id: String, _ body: String) -> String {
        "id: \(id)\nversion: 1\ntitle: {ru: Т, en: T}\nmechanism: 1\nperiod: academic-year\nperiodicity: Ежегодно\n" + body
    }

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
