import SvodWorkbook

/// Hands a sheet's merged ranges to a writer when the writer can take them. ODS needs each
/// merge before its first row; XLSX lists merges after the cells, so an XLSX → ODS copy reads
/// the sheet once ahead for them; other readers report merges as they reach them.
public struct MergeFeed {
    /// Merges for the sheet's setup: all of them when read ahead, else none.
    public let initial: [CellRange]
    private let readAhead: Bool
    private var seen = 0
    private var known: Set<CellRange>

    /// Reads the sheet ahead for its merges when `writer` needs them first and `source` gives them last.
    public init(source: WorkbookReader, index: Int, writer: WorkbookWriter) throws {
        readAhead = source.format == .xlsx && writer.format == .ods
        var merges: [CellRange] = []
        if readAhead {
            let scan = try source.rows(ofSheet: index)
            while try scan.nextRow() != nil {}
            merges = scan.merges
        }
        initial = merges
        known = Set(merges)
    }

    /// Gives the writer the merges `rows` has reported since the last call; call before
    /// writing each row and once after the last.
    public mutating func pass(_ rows: SheetRowReader, to writer: WorkbookWriter) throws {
        guard !readAhead else { return }
        let merges = rows.merges
        guard merges.count > seen else { return }
        for m in merges[seen...] where known.insert(m).inserted { try writer.merge(m) }
        seen = merges.count
    }
}
