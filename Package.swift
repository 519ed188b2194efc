// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "speclens",
    products: [
        .executable(name: "speclens", targets: ["speclens"]),
        .library(name: "SpeclensCheckpoints", targets: ["SpeclensCheckpoints"]),
        .library(name: "SpeclensLinearAlgebra", targets: ["SpeclensLinearAlgebra"]),
        .library(name: "SpeclensAnalysis", targets: ["SpeclensAnalysis"]),
        .library(name: "SpeclensDataset", targets: ["SpeclensDataset"]),
        .library(name: "SpeclensReport", targets: ["SpeclensReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Native libraries (Debian: libopenblas-dev, liblapacke-dev, libcmark-dev, libssl-dev).
        .systemLibrary(
            name: "CLapacke", pkgConfig: "lapacke",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        // OpenSSL's libcrypto, for SHA-256 (SpeclensCheckpoints' SHA256Hasher).
        .systemLibrary(
            name: "CLibcrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CCmark", pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]),
        // glibc's malloc.h (mallopt), for the executable's allocator settings.
        .systemLibrary(name: "CMalloc"),

        // Writing outputs safely: staged folders swapped in whole, durable files, no output over an input.
        .target(name: "SpeclensOutput"),
        // Stage 1a: reading checkpoints (safetensors, sharded models, PEFT adapters).
        .target(name: "SpeclensCheckpoints", dependencies: ["CLibcrypto"]),
        // The JSON dataset: the contract between analysis and report.
        .target(name: "SpeclensDataset", dependencies: ["SpeclensOutput"]),
        // The numerics: matrix products, SVD and eigen drivers, the OpenBLAS runtime; the only
        // importer of LAPACK/BLAS (`CLapacke`).
        .target(name: "SpeclensLinearAlgebra", dependencies: ["CLapacke", "SpeclensCheckpoints"]),
        // Stage 1b: spectral comparison of every matrix pair, producing a dataset.
        .target(
            name: "SpeclensAnalysis",
            dependencies: [
                "SpeclensLinearAlgebra", "SpeclensCheckpoints", "SpeclensDataset", "SpeclensOutput",
                .product(name: "Yams", package: "Yams"),
            ]),
        // Stage 2: static site from a dataset alone.
        .target(
            name: "SpeclensReport",
            dependencies: [
                "CCmark", "SpeclensDataset", "SpeclensOutput",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            plugins: ["EmbedTemplates"]),

        // Thin command-line front end.
        .executableTarget(
            name: "speclens",
            dependencies: [
                "SpeclensCheckpoints", "SpeclensLinearAlgebra", "SpeclensAnalysis", "SpeclensDataset", "SpeclensReport",
                "SpeclensOutput", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Build-time embedding of Templates/ into the report library.
        .executableTarget(name: "TemplateEmbedder"),
        .plugin(
            name: "EmbedTemplates", capability: .buildTool(),
            dependencies: ["TemplateEmbedder"]),

        // libFuzzer targets (docs/fuzzing.md; `make fuzz`). Built normally they replay the input
        // files given as arguments; built by `make fuzz` (-DFUZZING, ASan, coverage, libFuzzer's
        // driver) they are fuzzers.
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .target(name: "FuzzDriver", dependencies: ["CLibFuzzer"], path: "Fuzz/FuzzDriver"),
        .executableTarget(
            name: "FuzzSafetensorsHeader", dependencies: ["SpeclensCheckpoints", "FuzzDriver"],
            path: "Fuzz/FuzzSafetensorsHeader"),
        .executableTarget(
            name: "FuzzShardedIndex", dependencies: ["SpeclensCheckpoints", "FuzzDriver"],
            path: "Fuzz/FuzzShardedIndex"),
        .executableTarget(
            name: "FuzzAdapterConfig", dependencies: ["SpeclensCheckpoints", "FuzzDriver"],
            path: "Fuzz/FuzzAdapterConfig"),
        .executableTarget(
            name: "FuzzTorchPickle", dependencies: ["SpeclensCheckpoints", "FuzzDriver", "SpeclensTestSupport"],
            path: "Fuzz/FuzzTorchPickle"),
        .executableTarget(
            name: "FuzzTorchZip", dependencies: ["SpeclensCheckpoints", "FuzzDriver", "SpeclensTestSupport"],
            path: "Fuzz/FuzzTorchZip"),
        .executableTarget(
            name: "FuzzDatasetRender", dependencies: ["SpeclensDataset", "SpeclensReport", "FuzzDriver"],
            path: "Fuzz/FuzzDatasetRender"),

        // Test helpers shared by the test targets: fixture locations, throw-away folders and files,
        // folder snapshots, seeded values and small checkpoints.
        .target(
            name: "SpeclensTestSupport", dependencies: ["SpeclensCheckpoints"],
            path: "Tests/SpeclensTestSupport"),
        .testTarget(
            name: "SpeclensCheckpointsTests", dependencies: ["SpeclensCheckpoints", "SpeclensTestSupport"],
            exclude: ["PEFTReference", "TorchFixtures"]),
        .testTarget(name: "SpeclensDatasetTests", dependencies: ["SpeclensDataset"]),
        // Test helpers of the numerics: matrices with a known SVD, the float64 SVD as the truth.
        .target(
            name: "SpeclensLinearAlgebraTestSupport",
            dependencies: ["CLapacke", "SpeclensLinearAlgebra", "SpeclensCheckpoints"],
            path: "Tests/SpeclensLinearAlgebraTestSupport"),
        .testTarget(
            name: "SpeclensLinearAlgebraTests",
            dependencies: ["SpeclensLinearAlgebra", "SpeclensCheckpoints", "SpeclensLinearAlgebraTestSupport"]),
        .testTarget(name: "SpeclensOutputTests", dependencies: ["SpeclensOutput", "SpeclensTestSupport"]),
        .testTarget(
            name: "SpeclensAnalysisTests",
            dependencies: [
                "SpeclensAnalysis", "SpeclensLinearAlgebra", "SpeclensCheckpoints", "SpeclensDataset",
                "SpeclensTestSupport", "SpeclensLinearAlgebraTestSupport",
            ],
            exclude: ["PEFTMitigation", "NewDirectionReference"]),
        .testTarget(
            name: "SpeclensReportTests",
            dependencies: ["SpeclensReport", "SpeclensDataset", "SpeclensTestSupport"]),
        // Runs the built `speclens` executable as a user would.
        .testTarget(
            name: "speclensTests",
            dependencies: [
                "speclens", "SpeclensLinearAlgebra", "SpeclensCheckpoints", "SpeclensDataset", "SpeclensTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
    ]
)
