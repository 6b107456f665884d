/// Settings of a table sweep: the budgets, the task sizes and the seeds.
public struct SweepConfiguration: Sendable {
    /// Budgets each method runs at, in order.
    public var budgets: [Budget]
    /// Seed for query rows, decode batches and the compressors' own randomness.
    public var seed: UInt64
    /// Query rows of the neighbours task; fewer when the table has fewer rows.
    public var queryCount: Int
    /// Neighbours per query: the k of recall@k.
    public var neighbourCount: Int
    /// Candidate words of the analogy task: the first rows of the table.
    public var analogyVocabularyLimit: Int
    /// Least time spent timing decode throughput per row, in seconds.
    public var decodeTimingSeconds: Double
    /// Whether each table gets a `float32` reference row.
    public var includeFloat32Baseline: Bool
    /// Threads a compressor may use.
    public var threadCount: Int
    /// Lossless codec of the container file each result is written to, to measure its size;
    /// nil leaves the `file_bytes` column empty and writes no file.
    public var codec: ContainerCodec?

    public init(
        budgets: [Budget], seed: UInt64 = 42, queryCount: Int = 1_000, neighbourCount: Int = 10,
        analogyVocabularyLimit: Int = 30_000, decodeTimingSeconds: Double = 0.2,
        includeFloat32Baseline: Bool = true,
        threadCount: Int = ProcessInfo.processInfo.activeProcessorCount,
        codec: ContainerCodec? = .zstd
    ) {
        self.budgets = budgets
        self.seed = seed
        self.queryCount = queryCount
        self.neighbourCount = neighbourCount
        self.analogyVocabularyLimit = analogyVocabularyLimit
        self.decodeTimingSeconds = decodeTimingSeconds
        self.includeFloat32Baseline = includeFloat32Baseline
        self.threadCount = threadCount
        self.codec = codec
    }

    /// The budgets of the default sweep: 1/2, 1/4, 1/8, 1/16 and 1/32 of the Float32 table.
    public static let defaultBudgets: [Budget] = [2, 4, 8, 16, 32].map { .fraction(1 / Double($0)) }
}

import Foundation
