// swift-tools-version: 6.1
//
// Swiftlet: federated learning for edge devices.
//
// Layers (each a library product; lower layers never import higher ones):
//   SwiftletTensor  storage, seeded randomness, compute kernels        (no dependencies)
//   SwiftletNN      layers, models, losses, optimizers, safetensors     (SwiftletTensor only)
//   SwiftletData    IDX/gzip readers, bundled datasets, batching        (SwiftletTensor)
//   SwiftletFederated  records, clients, strategies, the round engine   (Tensor, NN, Data; no transport)
//   SwiftletSimulation devices, radio links, energy, virtual time        (Federated and below)
//   SwiftletBenchmarks  the measurements behind `swiftlet bench`
//   swiftlet        the command-line tool (swift-argument-parser)
//
// The deployment stack (its own executable, so `swift run swiftlet` never compiles the network stack):
//   SwiftletFleetProtocol  Fleet API messages (protobuf, generated and committed), Flower's object layer,
//                          .npy arrays, signed requests                       (Federated; SwiftProtobuf, Crypto)
//   SwiftletFleetServer    the server's logic: the Fleet API service, durable state in SQLite, the round
//                          engine's remote clients, checkpoints and resume   (GRDB, swift-log, swift-metrics)
//   SwiftletFleetHTTPServer  the server's HTTP(S) front end and Prometheus endpoint (Hummingbird, Prometheus)
//   SwiftletFleetNode      the device node: HTTP transport, the pull loop, reconnects   (AsyncHTTPClient)
//   SwiftletFleet          deployments from config files, the fleet benchmark          (Server, Node, Simulation)
//   swiftlet-fleet         the server and node commands
//
// See docs/ARCHITECTURE.md for the picture and the data flow.

import Foundation
import PackageDescription

/// Release builds compile for the vector units of the machine that builds them.
///
/// The compiler's default x86-64 target is the 2003 baseline (SSE2): no AVX, no FMA, so the SIMD kernels
/// would run at a quarter of the machine's speed. Swiftlet builds and runs on the same machine in every
/// documented workflow (`swift run`, `swift test`, CI), so release builds pass `-target-cpu native`.
/// Set `SWIFTLET_TARGET_CPU` to choose another CPU (`haswell`, `znver4`, `skylake-avx512`, …) when building
/// binaries for other machines, or to `portable` to use the compiler's default (required when Swiftlet is
/// consumed as a remote package dependency, since SwiftPM refuses unsafe flags there).
let targetCPU = ProcessInfo.processInfo.environment["SWIFTLET_TARGET_CPU"] ?? "native"
let vectorSettings: [SwiftSetting] = targetCPU == "portable"
    ? []
    : [.unsafeFlags(["-target-cpu", targetCPU])]

/// The compute layers are always optimised, even in debug builds: `swift test` trains real models, and
/// unoptimised generic code is 50–100× slower and allocates where specialised code does not.
let optimizedSettings: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Swiftlet",
    platforms: [.macOS(.v15), .iOS(.v18)],
    products: [
        .library(name: "SwiftletTensor", targets: ["SwiftletTensor"]),
        .library(name: "SwiftletNN", targets: ["SwiftletNN"]),
        .library(name: "SwiftletData", targets: ["SwiftletData"]),
        .library(name: "SwiftletFederated", targets: ["SwiftletFederated"]),
        .library(name: "SwiftletSimulation", targets: ["SwiftletSimulation"]),
        .executable(name: "swiftlet", targets: ["swiftlet"]),
        .library(name: "SwiftletFleetProtocol", targets: ["SwiftletFleetProtocol"]),
        .library(name: "SwiftletFleetServer", targets: ["SwiftletFleetServer"]),
        .library(name: "SwiftletFleetHTTPServer", targets: ["SwiftletFleetHTTPServer"]),
        .library(name: "SwiftletFleetNode", targets: ["SwiftletFleetNode"]),
        .library(name: "SwiftletFleet", targets: ["SwiftletFleet"]),
        .executable(name: "swiftlet-fleet", targets: ["swiftlet-fleet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The deployment stack only; the core, simulation and `swiftlet` targets never depend on these.
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(
            name: "SwiftletTensor",
            swiftSettings: strictSettings + vectorSettings + optimizedSettings
        ),
        .target(
            name: "SwiftletNN",
            dependencies: ["SwiftletTensor"],
            swiftSettings: strictSettings + vectorSettings + optimizedSettings
        ),
        .target(
            name: "SwiftletData",
            dependencies: ["SwiftletTensor"],
            swiftSettings: strictSettings + vectorSettings + optimizedSettings
        ),
        .target(
            name: "SwiftletFederated",
            dependencies: ["SwiftletTensor", "SwiftletNN", "SwiftletData"],
            swiftSettings: strictSettings + vectorSettings + optimizedSettings
        ),
        .target(
            name: "SwiftletSimulation",
            dependencies: ["SwiftletTensor", "SwiftletNN", "SwiftletData", "SwiftletFederated"],
            swiftSettings: strictSettings + vectorSettings + optimizedSettings
        ),
        .target(
            name: "SwiftletBenchmarks",
            dependencies: ["SwiftletTensor", "SwiftletNN", "SwiftletData", "SwiftletFederated", "SwiftletSimulation"],
            swiftSettings: strictSettings + vectorSettings
        ),
        .executableTarget(
            name: "swiftlet",
            dependencies: [
                "SwiftletTensor", "SwiftletNN", "SwiftletData", "SwiftletFederated", "SwiftletSimulation", "SwiftletBenchmarks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings + vectorSettings
        ),
        .target(
            name: "SwiftletFleetProtocol",
            dependencies: [
                "SwiftletTensor", "SwiftletNN", "SwiftletFederated",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SwiftletFleetServer",
            dependencies: [
                "SwiftletTensor", "SwiftletNN", "SwiftletFederated", "SwiftletFleetProtocol",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SwiftletFleetHTTPServer",
            dependencies: [
                "SwiftletFleetProtocol", "SwiftletFleetServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SwiftletFleetNode",
            dependencies: [
                "SwiftletTensor", "SwiftletNN", "SwiftletFederated", "SwiftletFleetProtocol",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SwiftletFleet",
            dependencies: [
                "SwiftletFleetServer", "SwiftletFleetHTTPServer", "SwiftletFleetNode", "SwiftletFleetProtocol",
                "SwiftletSimulation", "SwiftletFederated", "SwiftletNN", "SwiftletData",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "swiftlet-fleet",
            dependencies: [
                "SwiftletFleet", "SwiftletFleetNode", "SwiftletFleetHTTPServer", "SwiftletFleetProtocol",
                "SwiftletFederated", "SwiftletSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CAllocationCounter",
            path: "Tests/CAllocationCounter"
        ),
        .testTarget(
            name: "SwiftletTensorTests",
            dependencies: ["SwiftletTensor"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SwiftletNNTests",
            dependencies: ["SwiftletNN", "SwiftletData", "CAllocationCounter"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SwiftletFederatedTests",
            dependencies: ["SwiftletFederated"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SwiftletSimulationTests",
            dependencies: ["SwiftletSimulation"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SwiftletFleetProtocolTests",
            dependencies: ["SwiftletFleetProtocol", "SwiftletFederated", "SwiftletNN", "CAllocationCounter"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SwiftletFleetServerTests",
            dependencies: ["SwiftletFleetServer", "SwiftletFleetProtocol", "SwiftletFederated",
                           .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SwiftletFleetNodeTests",
            dependencies: ["SwiftletFleetNode", "SwiftletFleetProtocol", "SwiftletFederated", "SwiftletFleetServer"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SwiftletFleetTests",
            dependencies: [
                "SwiftletFleet", "SwiftletFleetHTTPServer", "SwiftletFleetServer", "SwiftletFleetNode",
                "SwiftletFleetProtocol", "SwiftletFederated", "SwiftletSimulation",
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SwiftletDataTests",
            dependencies: ["SwiftletData"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
    ]
)
