// swift-tools-version:6.2
import PackageDescription

/// Swift settings shared by every target: Swift 6 language mode with strict concurrency.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

/// Release link of a service on Linux: lld places the functions listed in its startup.order (what start-up, idle and
/// request handling run, recorded by scripts/startup-order) first and in that order, so an idle service keeps the few
/// megabytes of code it uses resident instead of every 64 KB window start-up touched. It moves single functions only in a build with
/// function sections (scripts/build); docs/benchmarks.md has the measurements.
func serviceLink(_ name: String) -> [LinkerSetting] {
    [
        .unsafeFlags(
            [
                "-use-ld=lld",
                "-Xlinker",
                "--symbol-ordering-file=\(Context.packageDirectory)/Sources/Executables/\(name)/startup.order",
                "-Xlinker", "--no-warn-symbol-ordering",
            ],
            .when(platforms: [.linux], configuration: .release)
        )
    ]
}

/// The thin executable of one service: its main in Sources/Executables/<name>, linked with `serviceLink`.
func serviceExecutable(_ name: String, library: String) -> Target {
    .executableTarget(
        name: name, dependencies: [.target(name: library)], path: "Sources/Executables/\(name)",
        exclude: ["startup.order"], swiftSettings: strict, linkerSettings: serviceLink(name))
}

let package = Package(
    name: "Mercato",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "identity", targets: ["identity"]),
        .executable(name: "catalog", targets: ["catalog"]),
        .executable(name: "mercato", targets: ["mercato"]),
        .executable(name: "notifications", targets: ["notifications"]),
        .executable(name: "orders", targets: ["orders"]),
        .executable(name: "payments", targets: ["payments"]),
        .executable(name: "hello-baseline", targets: ["hello-baseline"]),
        .executable(name: "pool-outage", targets: ["pool-outage"]),
        .library(name: "MercatoCore", targets: ["MercatoCore"]),
        .library(name: "Resilience", targets: ["Resilience"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-otel/swift-otel", from: "1.6.0", traits: ["OTLPHTTP"]),
        .package(url: "https://github.com/swift-otel/swift-w3c-trace-context", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0",
                 traits: [.defaults, "YAML", "CommandLineArguments"]),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .target(
            name: "MercatoCore",
            dependencies: [
                "Resilience",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "IdentityService",
            dependencies: [
                "MercatoCore", "Messaging", "Contracts",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/Services/Identity",
            swiftSettings: strict
        ),
        .target(
            name: "CatalogService",
            dependencies: ["MercatoCore", "Messaging", "Contracts"],
            path: "Sources/Services/Catalog",
            swiftSettings: strict
        ),
        .target(
            name: "NotificationsService",
            dependencies: [
                "MercatoCore", "Messaging", "Contracts", "SMTP",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Sources/Services/Notifications",
            swiftSettings: strict
        ),
        .target(
            name: "OrdersService",
            dependencies: [
                "MercatoCore", "Messaging", "Contracts", "Resilience",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/Services/Orders",
            swiftSettings: strict
        ),
        .target(
            name: "PaymentsService",
            dependencies: ["MercatoCore", "Messaging", "Contracts", "Resilience"],
            path: "Sources/Services/Payments",
            swiftSettings: strict
        ),
        .target(name: "LocalCluster", swiftSettings: strict),
        .target(
            name: "Resilience",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AMQP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Contracts",
            swiftSettings: strict
        ),
        .target(
            name: "Invariants",
            dependencies: ["Contracts"],
            swiftSettings: strict
        ),
        .target(
            name: "Messaging",
            dependencies: [
                "MercatoCore", "Contracts", "AMQP",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "SMTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "MercatoTestSupport",
            dependencies: [
                "MercatoCore", "LocalCluster", "AMQP", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/Support",
            swiftSettings: strict
        ),
        serviceExecutable("identity", library: "IdentityService"),
        serviceExecutable("catalog", library: "CatalogService"),
        serviceExecutable("notifications", library: "NotificationsService"),
        serviceExecutable("orders", library: "OrdersService"),
        serviceExecutable("payments", library: "PaymentsService"),
        .executableTarget(
            name: "pool-outage",
            dependencies: [.product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Sources/Executables/pool-outage",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "hello-baseline",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Sources/Executables/hello-baseline",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "mercato",
            dependencies: [
                "MercatoCore",
                "Contracts",
                "Invariants",
                "Resilience",
                "LocalCluster",
                "Messaging",
                "AMQP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Sources/Mercato",
            swiftSettings: strict
        ),
        .testTarget(
            name: "MercatoCoreTests",
            dependencies: [
                "MercatoCore", "MercatoTestSupport", "Resilience",
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IdentityServiceTests",
            dependencies: ["IdentityService", "MercatoTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CatalogServiceTests",
            dependencies: ["CatalogService", "MercatoTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "NotificationsServiceTests",
            dependencies: [
                "NotificationsService", "MercatoTestSupport", "LocalCluster",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PaymentsServiceTests",
            dependencies: ["PaymentsService", "MercatoTestSupport", "LocalCluster", .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OrdersServiceTests",
            dependencies: [
                "OrdersService", "MercatoTestSupport", "Resilience",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ResilienceTests",
            dependencies: [
                "Resilience",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "InvariantsTests",
            dependencies: ["Invariants", "Contracts"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ContractsTests",
            dependencies: ["Contracts"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MessagingTests",
            dependencies: [
                "Messaging", "MercatoTestSupport", "AMQP", "LocalCluster",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AMQPTests",
            dependencies: [
                "AMQP", "LocalCluster", "MercatoTestSupport",
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SMTPTests",
            dependencies: [
                "SMTP", "LocalCluster",
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LocalClusterTests",
            dependencies: ["LocalCluster"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "MercatoCore", "LocalCluster", "MercatoTestSupport", "AMQP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
    ]
)
