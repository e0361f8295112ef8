import Foundation
import SvodSchema
import SvodTestSupport
import Testing

/// A test's own schema folder (`SchemaFolder`) loaded as a catalogue, which must load cleanly.
func testCatalog(in dir: URL, form: String, named name: String, references: [String] = ["lists.yaml"]) throws -> SchemaCatalog {
    try SchemaFolder.make(in: dir, form: form, named: name, references: references)
    let catalog = SchemaCatalog(directory: dir.path)
    #expect(catalog.issues.isEmpty, "\(catalog.issues.map { $0.line(.en) })")
    return catalog
}
