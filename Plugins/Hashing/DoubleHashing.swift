import EmbeddingCompression

/// Double hashing (Zhang et al., "Model Size Reduction Using Frequency Based Double Hashing for
/// Recommender Systems", RecSys 2020): the global row `x` is hashed by two independent universal
/// hashes into two tables of `k` rows each, and its embedding is the sum
/// `T1[h1(x) mod k] + T2[h2(x) mod k]`.
///
/// Two separate tables, not one table read twice, so the two lookups of a row never land on the
/// same parameters and two rows share their whole embedding only when both hashes collide
/// (chance about `1 / k^2` instead of `1 / k`).
///
/// Footprint: `2 * k * d * 4 + 32` bytes. The budget chooses `k = floor((budget - 32) / (8 * d))`,
/// at most the row count `n` (then both tables store the rows in full).
/// `FrequencyDoubleHashing` adds the paper's frequency part, own rows for the most frequent values.
public struct DoubleHashing: TrainableEmbeddingMethod {
    public let identifier = "double-hashing"
    public let summary = "two tables of k rows; row x is T1[h1(x) mod k] + T2[h2(x) mod k]"
    public let memoryFormula = "2 * k * d * 4 + 32"
    public let budgetKnob = "k, rows of each of the two tables"
    /// Half-width of the uniform initialisation that the summed embedding matches in variance.
    /// Each table starts at `initialScale / sqrt(2)`.
    public var initialScale: Float

    public init(initialScale: Float = 0.01) {
        self.initialScale = initialScale
    }

    public var parameters: [MethodParameter] {
        [
            MethodParameter(name: "k", unit: "rows", defaultValue: "from budget", summary: "rows of each table"),
            MethodParameter(name: "initial-scale", unit: "", defaultValue: String(initialScale),
                            summary: "the summed embedding starts with the variance of uniform [-scale, scale]"),
        ]
    }

    static let hashBytes = 2 * UniversalHash.byteCount

    public func minimumFootprint(schema: FeatureSchema, dimension: Int) -> Int {
        Self.hashBytes + 2 * dimension * 4
    }

    /// Rows of each table for `budgetBytes`.
    /// - Throws: `CompressionError.infeasibleBudget` when not even one row per table fits.
    public func bucketCount(schema: FeatureSchema, dimension: Int, budgetBytes: Int) throws -> Int {
        let rows = rowsWithinBudget(budgetBytes, overheadBytes: Self.hashBytes, rowBytes: 2 * dimension * 4)
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
        let first = UniversalHash(generator: &generator)
        let second = UniversalHash(generator: &generator)
        let indexing = DoubleHashedTable.Indexing(
            rowCount: schema.totalRowCount, bucketCount: buckets, hashes: (first, second))
        let scale = initialScale / Float(2).squareRoot()
        let tables = (0..<2).map { _ in
            SparseParameterTable(
                rowCount: buckets, dimension: dimension, optimizer: optimizer,
                initialScale: scale, generator: &generator)
        }
        return DoubleHashingEmbedding(identifier: identifier, indexing: indexing, tables: tables)
    }
}
