import Foundation
import SvodTestSupport

/// The bundled years (not late/) imported once into a store shared by the indicator tests: importing 1 300
/// files is what such a test costs, and most of them only read the result. 2020/2021 holds only
/// the autumn's career (and diag10) files, which the report takes its profile classes from.
enum SampleStore {
    static let years = ["2017-2018", "2018-2019", "2019-2020", "2020-2021"].map { TestPaths.packageRoot.appendingPathComponent("Samples").appendingPathComponent($0).path }

    /// The store's path; the folder is left in the temporary directory for the run.
    static let path: String = {
        let dir = (try? TestPaths.temporaryDirectory()) ?? FileManager.default.temporaryDirectory
        let store = dir.appendingPathComponent("samples.sqlite").path
        _ = try? runProcess(TestPaths.svodBinary, ["import"] + years + ["--store", store])
        return store
    }()
}
