/// A post-training method: compresses a trained table to fit a budget.
public protocol TableCompressor: CompressionMethod {
    /// Compresses `table` into at most `budgetBytes` serving bytes, choosing the most
    /// accurate setting that fits.
    ///
    /// - Throws: `CompressionError.infeasibleBudget` with the smallest footprint this method can
    ///   reach for the table when no setting fits, and other errors for invalid tables.
    func compress(
        _ table: EmbeddingTable, budgetBytes: Int, context: CompressionContext
    ) throws -> any CompressedTable

    /// The smallest footprint in bytes this method can reach on a `rowCount x dimension` table.
    func minimumFootprint(rowCount: Int, dimension: Int) -> Int
}

/// What a compressor may use besides the table: a seed for anything random, and the
/// number of threads it may use.
public struct CompressionContext: Sendable {
    /// Seed for k-means initialisation, rotations and sampling. Same seed, same output.
    public var seed: UInt64
    /// Threads a compressor may use; defaults to the active processor count.
    public var threadCount: Int

    public init(seed: UInt64 = 42, threadCount: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.seed = seed
        self.threadCount = max(1, threadCount)
    }
}

import Foundation
