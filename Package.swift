// swift-tools-version:6.0
import PackageDescription

// Targets are the architecture's walls: a target imports only what it declares,
// so formats cannot reach into schemas and nothing reaches into the CLI.
// Dynamic exclusivity checks cost a tenth of a read (measured with perf on the 200k-row
// benchmark, and a few percent of a validation); the parsers' and the validator's state is
// only ever touched from one thread, so release builds skip them. Debug builds and tests
// keep them.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "svod",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "svod", targets: ["svod"]),
        .library(name: "SvodSpreadsheet", targets: ["SvodSpreadsheet", "SvodWorkbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip",
                       providers: [.apt(["libzip-dev"]), .brew(["libzip"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),

        .target(name: "SvodLocale", swiftSettings: fast),
        .target(name: "SvodIO", dependencies: ["CLibCrypto", "SvodLocale"], swiftSettings: fast),
        .target(name: "SvodZip", dependencies: ["CLibZip", "CZlib", "SvodIO", "SvodLocale"], swiftSettings: fast),
        .target(name: "SvodXML", dependencies: ["CLibXML2", "SvodLocale"], swiftSettings: fast),
        .target(name: "SvodWorkbook", dependencies: ["SvodLocale"], swiftSettings: fast),
        .target(name: "SvodPackage", dependencies: ["SvodIO", "SvodZip", "SvodXML", "SvodWorkbook"], swiftSettings: fast),
        .target(name: "SvodXLSX", dependencies: ["SvodPackage", "SvodIO", "SvodZip", "SvodXML", "SvodWorkbook"], swiftSettings: fast),
        .target(name: "SvodODS", dependencies: ["SvodPackage", "SvodIO", "SvodZip", "SvodXML", "SvodWorkbook"], swiftSettings: fast),
        .target(name: "SvodSchema", dependencies: ["SvodWorkbook", "SvodLocale", "SvodExpressions", .product(name: "Yams", package: "Yams")],
                swiftSettings: fast),
        .target(name: "SvodExpressions", swiftSettings: fast),
        .target(name: "SvodValidation", dependencies: ["SvodSchema", "SvodExpressions", "SvodSpreadsheet", "SvodWorkbook", "SvodLocale", "SvodIO"],
                swiftSettings: fast),
        .target(name: "SvodTemplates", dependencies: ["SvodSchema", "SvodWorkbook", "SvodSpreadsheet", "SvodExpressions", "SvodLocale"]),
        .target(name: "SvodPipeline", dependencies: ["SvodValidation", "SvodSchema", "SvodSpreadsheet", "SvodWorkbook", "SvodLocale", "SvodIO", "SvodStore",
                                                     "SvodConsolidation", "SvodIndicators"]),
        .target(name: "SvodStore", dependencies: ["SvodValidation", "SvodSchema", "SvodLocale", "SvodIO", .product(name: "GRDB", package: "GRDB.swift"),
                                                  .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .target(name: "SvodConsolidation", dependencies: ["SvodStore", "SvodSchema", "SvodValidation", "SvodExpressions", "SvodWorkbook",
                                                          "SvodSpreadsheet", "SvodLocale"]),
        .target(name: "SvodBatch", dependencies: ["SvodPipeline", "SvodStore", "SvodReports", "SvodSpreadsheet", "SvodValidation", "SvodWorkbook",
                                                  "SvodSchema", "SvodIO", "SvodLocale", .product(name: "Yams", package: "Yams"),
                                                  .product(name: "Logging", package: "swift-log")]),
        .target(name: "SvodIndicators", dependencies: ["SvodSchema", "SvodLocale", "SvodWorkbook", "SvodSpreadsheet", "SvodExpressions"], swiftSettings: fast),
        .target(name: "SvodReports", dependencies: ["SvodValidation", "SvodSchema", "SvodLocale", "SvodWorkbook", "SvodSpreadsheet", "SvodXLSX", "SvodODS"]),
        .target(name: "SvodSpreadsheet",
                dependencies: ["SvodZip", "SvodXML", "SvodWorkbook", "SvodXLSX", "SvodODS", "SvodLocale"]),
        .executableTarget(name: "svod", dependencies: [
            "SvodSpreadsheet", "SvodWorkbook", "SvodLocale", "SvodIO", "SvodSchema", "SvodValidation", "SvodPipeline", "SvodStore", "SvodReports", "SvodTemplates", "SvodConsolidation", "SvodIndicators", "SvodBatch",
            .product(name: "Logging", package: "swift-log"),
        ]),

        .target(name: "SvodTestSupport", dependencies: ["SvodWorkbook", "SvodSpreadsheet"], path: "Tests/SvodTestSupport"),
        .testTarget(name: "SvodIOTests", dependencies: ["SvodIO", "SvodLocale"]),
        .testTarget(name: "SvodZipTests", dependencies: ["SvodZip", "SvodIO", "SvodLocale", "SvodTestSupport"]),
        .testTarget(name: "SvodXMLTests", dependencies: ["SvodXML", "SvodLocale"]),
        .testTarget(name: "SvodWorkbookTests", dependencies: ["SvodWorkbook"]),
        .testTarget(name: "SvodXLSXTests", dependencies: ["SvodXLSX", "SvodIO", "SvodZip", "SvodXML", "SvodWorkbook", "SvodSpreadsheet", "SvodTestSupport"]),
        .testTarget(name: "SvodODSTests", dependencies: ["SvodODS", "SvodZip", "SvodXML", "SvodWorkbook", "SvodSpreadsheet", "SvodTestSupport"]),
        .testTarget(name: "SvodSpreadsheetTests", dependencies: ["SvodSpreadsheet", "SvodTestSupport"]),
        .testTarget(name: "SvodSchemaTests", dependencies: ["SvodSchema", "SvodTestSupport"]),
        .testTarget(name: "SvodExpressionsTests", dependencies: ["SvodExpressions"]),
        .testTarget(name: "SvodValidationTests", dependencies: ["SvodValidation", "SvodSchema", "SvodWorkbook", "SvodSpreadsheet", "SvodTestSupport"]),
        .testTarget(name: "SvodTemplatesTests", dependencies: ["SvodTemplates", "SvodSchema", "SvodWorkbook", "SvodSpreadsheet", "SvodExpressions", "SvodTestSupport"]),
        .testTarget(name: "SvodStoreTests", dependencies: ["SvodStore", "SvodPipeline", "SvodValidation", "SvodSchema", "SvodIO", "SvodTestSupport"]),
        .testTarget(name: "SvodConsolidationTests", dependencies: ["SvodConsolidation", "SvodStore", "SvodSchema", "SvodTestSupport"]),
        .testTarget(name: "SvodIndicatorsTests", dependencies: ["SvodIndicators", "SvodSchema", "SvodExpressions", "SvodTestSupport"]),
        .testTarget(name: "SvodPipelineTests", dependencies: ["SvodPipeline", "SvodValidation", "SvodSchema", "SvodStore", "SvodTestSupport"]),
        .testTarget(name: "SvodBatchTests", dependencies: ["SvodBatch", "SvodIO", "SvodTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["SvodTestSupport", "SvodStore", "SvodSpreadsheet", "SvodWorkbook", "SvodZip", "SvodXLSX", "SvodODS", "SvodReports", "SvodValidation", "SvodSchema", "SvodTemplates", "SvodExpressions"]),
    ]
)
