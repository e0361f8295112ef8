import Foundation
import SvodTestSupport

/// Both bundled years imported once into a store shared by the indicator tests: importing 2 500
/// files is what such a test costs, and most of them only read the result.
enum SampleStore {
    static let years = ["2018-2019", "2019-2020"].map { TestPaths.packageRoot.appendingPathComponent("Samples").appendingPathComponent($0).path }

    /// The store's path; the folder is left in the temporary directory for the run.
    static let path: String = {
        let dir = (try? TestPaths.temporaryDirectory()) ?? FileManager.default.temporaryDirectory
        let store = dir.appendingPathComponent("samples.sqlite").path
        _ = try? runProcess(TestPaths.svodBinary, ["import"] + years + ["--store", store])
        return store
    }()
}
