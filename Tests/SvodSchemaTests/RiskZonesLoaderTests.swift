import Foundation
import SvodSchema
import SvodTestSupport
import Testing

/// The risk-zone criteria are data: a misspelt key, a field the form lacks, an unknown reading of
/// «и/или» are each reported at their line, and the catalogue then declares no risk zones.
@Suite struct RiskZonesLoaderTests {
    private func catalog(with text: String) throws -> (SchemaCatalog, URL) {
        let dir = try TestPaths.temporaryDirectory()
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Schemas"), to: dir.appendingPathComponent("s"))
        let root = dir.appendingPathComponent("s")
        try text.write(to: root.appendingPathComponent("indicators/risk-zones.yaml"), atomically: true, encoding: .utf8)
        return (SchemaCatalog(directory: root.path), dir)
    }

    /// The file's head and the first lines of a criterion «a» with a field the form lacks (`n22`).
    static let header = """
        id: risk-zones
        title: {ru: Зоны риска, en: Risk zones}
        criteria:
          - id: a
            title: {ru: А, en: A}
            form: vpr
            sheet: results
            participants: n
            low: n22
            at-least: 20

        """

    @Test func theBundledCriteriaLoad() {
        let c = SchemaCatalog(directory: TestPaths.packageRoot.appendingPathComponent("Schemas").path)
        let zones = c.riskZones
        #expect(zones?.criteria.count == 7)
        let vpr4 = zones?.criteria.first
        #expect(vpr4?.atLeast == 20 && vpr4?.window == 3 && vpr4?.yearsNeeded == 2 && vpr4?.combination == .either && vpr4?.places == nil)
        #expect(vpr4?.rows == ["class": ["4"]] && vpr4?.empty == .skip)
        #expect(zones?.criteria.last?.yearsNeeded == nil && zones?.criteria.last?.rowsNeeded == 2)
    }

    @Test func mistakesAreReportedAtTheirLines() throws {
        let (c, dir) = try catalog(with: Self.header + """
                top: n5
                when: and-or
                window: 3
                years-needed: 4
                rows: {klass: ["4"]}
                treshold: 1
              - id: b
                title: {ru: Б, en: B}
                form: nosuch
                sheet: results
                participants: n
                low: n2
                at-least: двадцать
                window: 2
            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(c.riskZones == nil)
        let text = c.issues.map { "\($0.location.line): \($0.message.ru)" }.joined(separator: "\n")
        #expect(text.contains("12: «when»: одно из either, both, share, top, а не «and-or»"), "\(text)")
        #expect(text.contains("14: «years-needed»: от 1 до window (3)"), "\(text)")
        #expect(text.contains("16: неизвестный ключ «treshold»"), "\(text)")
        #expect(text.contains("«at-least»: ожидалось число процентов, а не «двадцать»"), "\(text)")
    }

    @Test func namesTheFormsDoNotHaveAreReported() throws {
        let (c, dir) = try catalog(with: Self.header + """
                top: quality
                window: 3
                years-needed: 2
                rows: {klass: ["4"]}
            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(c.riskZones == nil)
        let text = c.issues.map(\.message.ru).joined(separator: "\n")
        #expect(text.contains("критерий «a»: в форме «vpr» нет поля «results.n22»"), "\(text)")
        #expect(text.contains("критерий «a»: поле «results.quality» должно быть целым числом (человек)"), "\(text)")
        #expect(text.contains("критерий «a»: «klass» не ключ листа «results»"), "\(text)")
    }
}
