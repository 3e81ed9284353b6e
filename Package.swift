// swift-tools-version:6.0
import PackageDescription

/// Clawb server: a self-hosted control plane for the identity of AI agents.
///
/// Dependencies point inward: the domain (`ClawbCore`) knows no HTTP, SQL or C. Each C library
/// is wrapped by a `systemLibrary` target and imported by exactly one Swift target.
let package = Package(
    name: "Clawb",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "clawbd", targets: ["clawbd"]),
        .executable(name: "clawb", targets: ["clawb"]),
    ],
    targets: [
        // C libraries from Debian packages.
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // The C library's allocator statistics (glibc); no package to install.
        .systemLibrary(name: "CMalloc"),

        // Swift wrappers: the only importers of their C module.
        .target(name: "ClawbCrypto", dependencies: ["CSodium"]),
        .target(name: "ClawbJSON"),
        .target(name: "ClawbCore", dependencies: ["ClawbCrypto", "ClawbJSON"]),
        .target(name: "ClawbHTTP", dependencies: ["ClawbJSON"]),
        .target(name: "ClawbHTTPServer", dependencies: ["ClawbHTTP", "CMicroHTTPD"]),
        .target(name: "ClawbSQLite", dependencies: ["ClawbCore", "CSQLite"]),
        .target(name: "ClawbWire", dependencies: ["ClawbJSON"]),
        .target(name: "ClawbAPI", dependencies: ["ClawbCore", "ClawbHTTP", "ClawbWire"]),
        .target(
            name: "ClawbApp",
            dependencies: ["ClawbCore", "ClawbHTTP", "ClawbHTTPServer", "ClawbSQLite", "ClawbAPI", "CMalloc"]),
        .executableTarget(name: "clawbd", dependencies: ["ClawbApp", "ClawbAPI", "ClawbHTTP", "ClawbHTTPServer"]),
        .target(name: "ClawbClient", dependencies: ["ClawbWire", "ClawbCrypto"]),
        .executableTarget(name: "clawb", dependencies: ["ClawbClient", "ClawbWire", "ClawbCrypto"]),

        .target(
            name: "ClawbTesting",
            dependencies: ["ClawbApp", "ClawbCore", "ClawbCrypto", "ClawbHTTP", "ClawbSQLite", "ClawbWire"],
            path: "Tests/ClawbTesting"),
        .testTarget(name: "ClawbCryptoTests", dependencies: ["ClawbCrypto"]),
        .testTarget(name: "ClawbCoreTests", dependencies: ["ClawbCore", "ClawbCrypto", "ClawbTesting"]),
        .testTarget(
            name: "ClawbSQLiteTests", dependencies: ["ClawbSQLite", "ClawbCore", "ClawbCrypto", "ClawbTesting"]),
        .testTarget(name: "ClawbHTTPTests", dependencies: ["ClawbHTTP"]),
        .testTarget(name: "ClawbHTTPServerTests", dependencies: ["ClawbHTTPServer", "ClawbHTTP", "ClawbTesting"]),
        .testTarget(
            name: "ClawbAPITests",
            dependencies: [
                "ClawbAPI", "ClawbApp", "ClawbCore", "ClawbCrypto", "ClawbHTTP", "ClawbTesting", "ClawbWire",
            ]),
        .testTarget(
            name: "ClawbEndToEndTests",
            dependencies: ["ClawbTesting", "ClawbCore", "ClawbCrypto", "ClawbSQLite", "ClawbWire"]),
    ],
    swiftLanguageModes: [.v6]
)
