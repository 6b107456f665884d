import EmbeddingCompression

/// The hashing trick: one shared table of `k` rows, and the global row `x` of every value stored at
/// row `h(x) mod k` of it, where `h` is a seeded `UniversalHash`.
///
/// Footprint: `k * d * 4 + 16` bytes (the table and the hash's `a` and `b`). The budget
/// chooses `k = floor((budget - 16) / (d * 4))`, at most the table's row count `n`. When
/// `k == n` the rows are stored in full without hashing, because a hash into `n` buckets
/// would still collide.
public struct HashingTrick: TrainableEmbeddingMethod {
    public let identifier = "hashing-trick"
    public let summary = "one shared table of k rows; each row x is stored at row h(x) mod k (universal hash)"
    public let memoryFormula = "k * d * 4 + 16"
    public let budgetKnob = "k, rows of the shared table"
    /// Half-width of the uniform initialisation of the table.
    public var initialScale: Float

    public init(initialScale: Float = 0.01) {
        self.initialScale = initialScale
    }

    public var parameters: [MethodParameter] {
        [
            MethodParameter(name: "k", unit: "rows", defaultValue: "from budget", summary: "rows of the shared table"),
            MethodParameter(name: "initial-scale", unit: "", defaultValue: String(initialScale),
                            summary: "table values start uniform in [-scale, scale]"),
        ]
    }

    public func minimumFootprint(schema: FeatureSchema, dimension: Int) -> Int {
        UniversalHash.byteCount + dimension * 4
    }

    /// Rows of the shared table for `budgetBytes`.
    /// - Throws: `CompressionError.infeasibleBudget` when not even one row fits.
    public func bucketCount(schema: FeatureSchema, dimension: Int, budgetBytes: Int) throws -> Int {
        let rows = rowsWithinBudget(budgetBytes, overheadBytes: UniversalHash.byteCount, rowBytes: dimension * 4)
        guard rows >= 1 else {
            throw CompressionError.infeasibleBudget(
                method: identifier, budgetBytes: budgetBytes,
                smallestFeasibleBytes: minimumFootprint(schema: schema, dimension: dimension))
        }
        return min(rows, schema.totalRowCount)
    }

    public func makeEmbedding(
        schema: FeatureSchema, dimension: Int, budgetBytes: Int,
        optimizer: OptimizerConfiguration, seed: UInt64
    ) throws -> any TrainableEmbedding {
        try validateEmbeddingSettings(method: identifier, dimension: dimension, initialScale: initialScale)
        guard schema.totalRowCount >= 1 else {
            throw CompressionError.invalidParameter(
                method: identifier, name: "schema", value: "0 rows", reason: "a feature table needs at least one row")
        }
        let buckets = try bucketCount(schema: schema, dimension: dimension, budgetBytes: budgetBytes)
        var generator = SplitMix64(seed: seed)
        let indexing = HashedTable.Indexing(
            rowCount: schema.totalRowCount, bucketCount: buckets, hash: UniversalHash(generator: &generator))
        let table = SparseParameterTable(
            rowCount: buckets, dimension: dimension, optimizer: optimizer,
            initialScale: initialScale, generator: &generator)
        return HashingTrickEmbedding(identifier: identifier, indexing: indexing, table: table)
    }
}
