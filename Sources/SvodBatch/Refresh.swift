import Foundation
import SvodIO
import SvodPipeline
import SvodWorkbook

/// The consolidations named in the settings, written again from the store when a run accepted
/// something new. A marker beside the store says a refresh is owed, from the first accepted
/// import until every consolidation is written, so a run killed in between owes it to the next.
extension BatchRun {
    var refreshMarker: String { settings.store + ".batch-refresh" }

    func markRefreshDue() throws {
        guard !settings.consolidate.isEmpty, !FileManager.default.fileExists(atPath: refreshMarker) else { return }
        try DurableFile.writeOnce(Data(Self.now().utf8), to: refreshMarker)
    }

    var refreshIsOwed: Bool { !settings.consolidate.isEmpty && FileManager.default.fileExists(atPath: refreshMarker) }

    /// Today in local time, the date a refreshed workbook carries.
    static func today() -> CivilDateTime {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return CivilDateTime(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1, hasTime: false) ?? CivilDateTime(days: 0)
    }

    /// Writes every consolidation; returns their paths.
    func refresh() throws -> [String] {
        guard let period = settings.period else { return [] }
        let result = try ConsolidationRun(catalog: catalog).fromStore(store, period: period)
        let writer = ConsolidationOutput(catalog: catalog)
        var written: [String] = []
        for path in settings.consolidate {
            try writer.write(result, to: path, created: Self.today())
            written.append(path)
            logger.info("consolidated", metadata: ["step": "consolidate", "output": .string(path), "period": .string(period)])
        }
        unlink(refreshMarker)
        DurableFile.syncFolder((refreshMarker as NSString).deletingLastPathComponent)
        return written
    }
}
