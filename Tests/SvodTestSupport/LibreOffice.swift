import Foundation

/// LibreOffice headless as the tests run it: a profile of its own per run (parallel runs on one
/// profile block each other), and, when asked, formulas recalculated on load.
public enum LibreOffice {
    /// The binary Debian installs.
    public static let soffice = URL(fileURLWithPath: "/usr/bin/soffice")

    /// Whether LibreOffice is installed.
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: soffice.path) }

    /// LibreOffice trusts the cached results of an XLSX or ODS by default: a profile setting both
    /// recalculation modes to «always» makes it compute every formula on load.
    static let recalculateOnLoad = """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
        </oor:items>
        """

    /// Converts `files` to `format` into `outdir`, with a profile in `work/profile`; `recalculate`
    /// makes it compute every formula first. Nil when LibreOffice is not installed.
    public static func convert(_ files: [String], to format: String, outdir: URL, work: URL, recalculate: Bool = false) throws -> ProcessResult? {
        guard isInstalled else { return nil }
        let profile = work.appendingPathComponent("profile")
        if recalculate {
            let user = profile.appendingPathComponent("user")
            try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
            try recalculateOnLoad.write(to: user.appendingPathComponent("registrymodifications.xcu"), atomically: true, encoding: .utf8)
        }
        return try runProcess(soffice, ["-env:UserInstallation=file://" + profile.path, "--headless", "--convert-to", format, "--outdir", outdir.path] + files)
    }
}
