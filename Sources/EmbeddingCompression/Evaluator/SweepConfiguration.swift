/// Settings of a table sweep: the budgets, the task sizes and the seeds.
public struct SweepConfiguration: Sendable {
    /// Budgets each method runs at. Result rows follow this order.
    public var budgets: [Budget]
    /// Seed for query rows, decode batches and the compressors' own randomness.
    public var seed: UInt64
    /// Query rows of the neighbours task, or every row when the table has fewer.
    public var queryCount: Int
    /// Neighbours per query: the k of recall@k.
    public var neighbourCount: Int
    /// Candidate words of the analogy task: the first rows of the table.
    public var analogyVocabularyLimit: Int
    /// Minimum time spent measuring decode throughput per row, in seconds.
    public var decodeTimingSeconds: Double
    /// Whether each table gets a `float32` reference row.
    public var includeFloat32Baseline: Bool
    /// Threads a compressor may use.
    public var threadCount: Int
    /// Whether an ok result at a larger budget is reused for a smaller budget that it fits,
    /// instead of compressing again. The reuse is exact for methods that keep the
    /// `TableCompressor` contract (most accurate setting that fits, deterministic under a seed).
    public var reuseFittingResults: Bool
    /// Lossless codec of the container file each result is written to, to measure its size.
    /// With nil the `file_bytes` column stays empty and no file is written.
    public var codec: ContainerCodec?

    public init(
        budgets: [Budget], seed: UInt64 = 42, queryCount: Int = 1_000, neighbourCount: Int = 10,
        analogyVocabularyLimit: Int = 30_000, decodeTimingSeconds: Double = 0.2,
        includeFloat32Baseline: Bool = true,
        threadCount: Int = ProcessInfo.processInfo.activeProcessorCount,
        reuseFittingResults: Bool = true, codec: ContainerCodec? = .zstd
    ) {
        self.budgets = budgets
        self.seed = seed
        self.queryCount = queryCount
        self.neighbourCount = neighbourCount
        self.analogyVocabularyLimit = analogyVocabularyLimit
        self.decodeTimingSeconds = decodeTimingSeconds
        self.includeFloat32Baseline = includeFloat32Baseline
        self.threadCount = threadCount
        self.reuseFittingResults = reuseFittingResults
        self.codec = codec
    }

    /// The budgets of the default sweep: 1/2, 1/4, 1/8, 1/16 and 1/32 of the Float32 table.
    public static let defaultBudgets: [Budget] = [2, 4, 8, 16, 32].map { .fraction(1 / Double($0)) }
}

import Foundation
