import Foundation

/// The form the programme-table tests share, loading tables and consolidating alike: «t» with
/// a form sheet (graduates, medalists, a text note), a table by subject with two fixed rows, and
/// a table by grade × subject.
public enum ProgrammeTableFixture {
    public static let form = SchemaFolder.form(id: "t", """
        sheets:
          - id: summary
            name: Выпускники
            layout: form
            fields:
              - {code: grads, label: Выпускников, type: integer, cell: C3}
              - {code: medals, label: Медалистов, type: integer, cell: C4}
              - {code: note, label: Примечание, type: text, cell: C5}
          - id: events
            name: Мероприятия
            key: [subject]
            rows: [{subject: rus}, {subject: math}]
            fields:
              - {code: subject, label: Предмет, type: code, list: subjects, required: true}
              - {code: n, label: Участников, type: integer}
              - {code: wp, label: Победителей, type: integer}
          - id: stages
            name: Этапы
            key: [grade, subject]
            rows: [{grade: "9", subject: rus}, {grade: "9", subject: math}]
            fields:
              - {code: grade, label: Класс, type: code, list: classes, required: true}
              - {code: subject, label: Предмет, type: code, list: subjects, required: true}
              - {code: n, label: Участников, type: integer}
        """)

    /// A schema folder in `dir`: the form, the bundled code lists, and `tables` (file name → YAML) under `tables/`.
    public static func make(in dir: URL, tables: [String: String]) throws {
        try SchemaFolder.make(in: dir, form: form, named: "t")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("tables"), withIntermediateDirectories: true)
        for (name, yaml) in tables {
            try yaml.write(to: dir.appendingPathComponent("tables/\(name)"), atomically: true, encoding: .utf8)
        }
    }
}
