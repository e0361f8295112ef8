// swift-tools-version:5.4
// (5.4, not newer: later tools versions make SwiftPM rename an executable's `main` for
// testing, which breaks linking against libFuzzer's own `main`.)
import Foundation
import PackageDescription

// The svod package under test: the working tree by default; run.sh points this at an exported
// git revision when SVOD_FUZZ_REV is set, so a half-edited working tree cannot break a run.
let svodSource = ProcessInfo.processInfo.environment["SVOD_FUZZ_SOURCE"] ?? ".."

// The fuzz harness for svod's XLSX and ODS readers: a package of its own so the main
// package stays untouched. Build it through `bash Fuzz/run.sh` (libFuzzer + ASan).
let package = Package(
    name: "SvodFuzz",
    platforms: [.macOS(.v11)],
    dependencies: [
        .package(name: "svod", path: svodSource),
    ],
    targets: [
        .executableTarget(
            name: "SvodFuzz",
            dependencies: [.product(name: "SvodSpreadsheet", package: "svod")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
