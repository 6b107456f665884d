// swift-tools-version:6.0
// EmbeddingCompression: compress embedding tables of CTR and retrieval models.
// No outside Swift packages: only the toolchain and the Debian C libraries libzstd-dev and liblz4-dev.
import PackageDescription

let package = Package(
    name: "EmbeddingCompression",
    products: [
        .library(name: "EmbeddingCompression", targets: ["EmbeddingCompression"]),
        .library(name: "CTR", targets: ["CTR"]),
        .library(name: "Quantization", targets: ["Quantization"]),
        .library(name: "Hashing", targets: ["Hashing"]),
        .library(name: "UnifiedEmbedding", targets: ["UnifiedEmbedding"]),
        .library(name: "BinaryCodes", targets: ["BinaryCodes"]),
        .executable(name: "embcompress", targets: ["embcompress"]),
    ],
    targets: [
        // System libraries from Debian's libzstd-dev and liblz4-dev.
        .systemLibrary(name: "CZstd", path: "Sources/CZstd"),
        .systemLibrary(name: "CLZ4", path: "Sources/CLZ4"),
        // Small C kernels whose speed depends on CPU features chosen at run time
        // (popcount, AVX2) while the default build still runs on any x86-64 machine.
        .target(name: "CKernels", path: "Sources/CKernels"),

        .target(
            name: "EmbeddingCompression",
            dependencies: ["CZstd", "CLZ4"],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(
            name: "CTR",
            dependencies: ["EmbeddingCompression"],
            linkerSettings: [.linkedLibrary("m")]
        ),

        // Plugin families: one library target each.
        .target(
            name: "Quantization",
            dependencies: ["EmbeddingCompression"],
            path: "Plugins/Quantization",
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(
            name: "Hashing",
            dependencies: ["EmbeddingCompression"],
            path: "Plugins/Hashing",
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(
            name: "UnifiedEmbedding",
            dependencies: ["EmbeddingCompression", "Hashing"],
            path: "Plugins/UnifiedEmbedding",
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(
            name: "BinaryCodes",
            dependencies: ["EmbeddingCompression", "CKernels"],
            path: "Plugins/BinaryCodes",
            linkerSettings: [.linkedLibrary("m")]
        ),

        .executableTarget(
            name: "embcompress",
            dependencies: [
                "EmbeddingCompression", "CTR", "Quantization", "Hashing", "UnifiedEmbedding",
                "BinaryCodes",
            ],
            linkerSettings: [.linkedLibrary("m")]
        ),

        .executableTarget(
            name: "QuantizationBenchmark",
            dependencies: ["EmbeddingCompression", "Quantization"],
            path: "Benchmarks/QuantizationBenchmark",
            exclude: ["peer_numpy.py"],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .executableTarget(
            name: "HammingBenchmark",
            dependencies: ["EmbeddingCompression", "BinaryCodes"],
            path: "Benchmarks/HammingBenchmark",
            exclude: ["peer_faiss.py", "run.sh"],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .executableTarget(
            name: "TrainingBenchmark",
            dependencies: ["EmbeddingCompression", "CTR"],
            path: "Benchmarks/TrainingBenchmark",
            exclude: ["peer_torch.py", "run.sh"],
            linkerSettings: [.linkedLibrary("m")]
        ),

        .testTarget(name: "EmbeddingCompressionTests", dependencies: ["EmbeddingCompression"]),
        .testTarget(name: "QuantizationTests", dependencies: ["EmbeddingCompression", "Quantization"]),
        .testTarget(name: "CTRTests", dependencies: ["EmbeddingCompression", "CTR"]),
        .testTarget(name: "HashingTests", dependencies: ["EmbeddingCompression", "Hashing", "CTR"]),
        .testTarget(
            name: "UnifiedEmbeddingTests", dependencies: ["EmbeddingCompression", "UnifiedEmbedding", "CTR"]),
        .testTarget(name: "BinaryCodesTests", dependencies: ["EmbeddingCompression", "BinaryCodes"]),
        .testTarget(name: "EmbcompressTests", dependencies: ["embcompress", "EmbeddingCompression"]),
    ],
    swiftLanguageModes: [.v6]
)
