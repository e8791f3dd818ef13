// swift-tools-version:6.1
import PackageDescription

// Module graph: see DESIGN.md ("Modules"). A target depends only on what its row names.
let package = Package(
    name: "provision",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "provision", targets: ["provision"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        .target(name: "ProvisionModel"),
        .target(name: "ProvisionStore", dependencies: [
            "ProvisionModel",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "CloudConfig", dependencies: [
            "ProvisionModel",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "TFTP", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
        ]),
        .target(name: "DHCP", dependencies: [
            "ProvisionModel", "ProvisionStore",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Discovery", dependencies: [
            "ProvisionStore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "ImageTrust", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "DiskLayout"),
        .target(name: "Installer", dependencies: [
            "ProvisionModel", "DiskLayout", "ImageTrust", "CArchive",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "BootServer", dependencies: [
            "ProvisionModel", "ProvisionStore", "CloudConfig", "TFTP", "DHCP", "Discovery", "ImageTrust",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "provision", dependencies: [
            "BootServer", "Installer", "ProvisionModel", "ProvisionStore", "CloudConfig", "ImageTrust",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Yams", package: "Yams"),
        ]),

        .testTarget(name: "ProvisionModelTests", dependencies: ["ProvisionModel"]),
        .testTarget(name: "ProvisionStoreTests", dependencies: ["ProvisionStore"]),
        .testTarget(name: "CloudConfigTests", dependencies: ["CloudConfig"]),
        .testTarget(name: "TFTPTests", dependencies: ["TFTP", "TestSupport"]),
        .testTarget(name: "DHCPTests", dependencies: ["DHCP", "ProvisionModel", "ProvisionStore", "TestSupport"]),
        .testTarget(name: "DiscoveryTests", dependencies: ["Discovery", "ProvisionStore"]),
        .testTarget(name: "ImageTrustTests", dependencies: ["ImageTrust", "TestSupport"]),
        .testTarget(name: "DiskLayoutTests", dependencies: ["DiskLayout", "TestSupport"]),
        .testTarget(name: "InstallerTests", dependencies: [
            "Installer", "DiskLayout", "ImageTrust", "ProvisionModel", "TestSupport",
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .testTarget(name: "BootServerTests", dependencies: [
            "BootServer", "TestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: [
            "provision", "TestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        // Shared by tests only: run real processes (clients, servers, the provision binary) and clean up by PID.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
    ],
    swiftLanguageModes: [.v6]
)
