import Foundation
import SvodTestSupport
import SvodValidation
import Testing

/// svod's own findings are one catalogue, and README's table is that catalogue.
@Suite struct FindingKindsTests {
    @Test func idsAreUniqueAndEveryKindSpeaksBothLanguages() {
        let ids = FindingKinds.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for k in FindingKinds.all {
            #expect(!k.meaning.ru.isEmpty && !k.meaning.en.isEmpty && !k.fix.ru.isEmpty && !k.fix.en.isEmpty, "\(k.id)")
            #expect(FindingKinds.kind(k.id) == k)
        }
    }

    @Test func readmeDocumentsEveryKind() throws {
        let readme = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for k in FindingKinds.all {
            #expect(readme.contains("| `\(k.id)` |"), "README.md has no row for \(k.id)")
        }
    }
}
