// swift-tools-version:5.9
import Foundation
import PackageDescription

// The svod under test: the working tree by default. SVOD_SOURCE=/path/to/an/exported/tree lets
// run.sh measure a clean revision while the working tree is mid-edit.
let svodSource = ProcessInfo.processInfo.environment["SVOD_SOURCE"] ?? "../../.."

// The write benchmark's svod side: a package of its own so that the main package stays
// untouched and its .build is not locked while someone else builds there.
let package = Package(
    name: "svod-writer",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "svod", path: svodSource),
    ],
    targets: [
        .executableTarget(
            name: "svod-writer",
            dependencies: [.product(name: "SvodSpreadsheet", package: "svod")]
        ),
    ]
)
