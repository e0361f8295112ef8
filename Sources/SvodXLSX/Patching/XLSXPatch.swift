import Foundation
import SvodLocale
import SvodPackage
import SvodWorkbook
import SvodXML
import SvodZip

/// A workbook copied with additions only: marked cells (their own style with a fill, and a
/// comment) and a sheet put first. Every part the marks do not touch is carried over as it was
/// stored — styles, widths, merges, protection, validations, conditional formats, properties,
/// drawings, printer settings, defined names, VBA; the parts they touch keep every byte but
/// the ones changed. Only `calcChain.xml` is dropped (its sheet numbers move; Excel rebuilds it).
public enum XLSXPatch {
    /// What a patch did.
    public struct Outcome: Sendable {
        /// Cells given a fill or a comment.
        public var markedCells = 0
        /// Marked sheets the workbook does not have.
        public var missingSheets: [String] = []
    }

    /// Writes `source` with `patch` applied to `target` (whole or not at all).
    public static func apply(_ patch: WorkbookPatch, source: String, to target: String, xmlLimits: XMLLimits = .default) throws -> Outcome {
        let archive = try ZipArchive(path: source)
        let package = try PatchedPackage(archive: archive, xmlLimits: xmlLimits)
        let output = try PackageOutput(path: target, level: patch.options.compressionLevel)
        do {
            return try package.write(patch, into: output)
        } catch {
            output.discard()
            throw error
        }
    }
}
