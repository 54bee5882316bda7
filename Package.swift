// swift-tools-version:5.10
import PackageDescription

// The modules are the layers: NNCore at the bottom, NNDiagnosis and NNPlot on it,
// NNLab (the session) above them, and the thin executable on top.
// Training is the hot path of every test, lesson and transcript: optimise it even in debug
// builds, where it would otherwise run 10–50× slower.
let optimized: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "nnlab",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nnlab", targets: ["nnlab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/google/swift-benchmark", from: "0.1.2"),
    ],
    targets: [
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // The dense layers' matrix products in C, one copy per instruction set (AVX-512, AVX2,
        // baseline) chosen when the program starts; all give the same bits. libm: the baseline's fma().
        .target(name: "NNKernels", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))],
                linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(name: "NNCore", dependencies: ["NNKernels"], swiftSettings: optimized),
        .target(name: "NNDiagnosis", dependencies: ["NNCore"], swiftSettings: optimized),
        .target(name: "NNPlot", dependencies: ["NNCore"]),
        .target(name: "NNLab", dependencies: ["NNCore", "NNDiagnosis", "NNPlot"]),
        .executableTarget(
            name: "nnlab",
            dependencies: [
                "NNLab", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // `make bench`: in-process timings of the seed's examples (README, "Performance").
        .executableTarget(
            name: "nnlab-bench",
            dependencies: ["NNLab", .product(name: "Benchmark", package: "swift-benchmark")],
            path: "Benchmarks/nnlab-bench"),
        .testTarget(name: "NNCoreTests", dependencies: ["NNCore", "NNKernels"], exclude: ["Fixtures"]),
        // NNLab too: what a fix asks for is checked as the command a learner sees.
        .testTarget(name: "NNDiagnosisTests", dependencies: ["NNDiagnosis", "NNLab"]),
        .testTarget(name: "NNPlotTests", dependencies: ["NNPlot"]),
        .testTarget(name: "NNLabTests", dependencies: ["NNLab"]),
        // Runs the built `nnlab` binary: scripts, exit status, and (with lessons) every transcript.
        .testTarget(name: "TranscriptTests", dependencies: ["NNLab"], exclude: ["Fixtures"]),
    ]
)
