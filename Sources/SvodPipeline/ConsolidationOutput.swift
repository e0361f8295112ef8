import Foundation
import SvodConsolidation
import SvodIO
import SvodSchema
import SvodWorkbook

/// Writes a consolidation where a driver asks: the city's workbook (.xlsx, .ods) or its JSON,
/// whole or not at all. `svod consolidate` and the batch run's refresh write through here.
public struct ConsolidationOutput {
    public let catalog: SchemaCatalog
    /// Whether the JSON lists every school's row too (`--with-schools`).
    public var withSchools = false

    /// An output over `catalog`.
    public init(catalog: SchemaCatalog, withSchools: Bool = false) {
        self.catalog = catalog
        self.withSchools = withSchools
    }

    /// Writes `r` to `path` (its extension picks the format), dated `created`.
    public func write(_ r: ConsolidationRun.Result, to path: String, created: CivilDateTime) throws {
        if path.lowercased().hasSuffix(".json") {
            let file = try AtomicFile(target: path)
            // One write per 64 KiB, not per piece.
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 16)
            try json(r) { chunk in
                buffer.append(contentsOf: chunk.utf8)
                if buffer.count >= 1 << 16 { try buffer.withUnsafeBytes { try file.write($0) }; buffer.removeAll(keepingCapacity: true) }
            }
            try buffer.withUnsafeBytes { try file.write($0) }
            try file.commit()
        } else {
            let area = r.consolidation.district.flatMap { catalog.district($0)?.name } ?? "г. Тула"
            var book = ConsolidatedWorkbook(catalog: catalog, area: area)
            book.leftOut = r.leftOut
            book.earlier = r.earlier
            try book.write(r.consolidation, schools: r.schools, to: path, created: created)
        }
    }

    /// The JSON in pieces, as it is produced.
    public func json(_ r: ConsolidationRun.Result, to emit: (String) throws -> Void) throws {
        try ConsolidationJSON(catalog: catalog, schools: withSchools ? r.schools : nil).write(r.consolidation, to: emit)
    }
}
