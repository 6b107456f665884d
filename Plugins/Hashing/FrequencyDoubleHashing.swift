import EmbeddingCompression

/// Frequency-based double hashing, the hybrid of Zhang et al., "Model Size Reduction Using
/// Frequency Based Double Hashing for Recommender Systems" (RecSys 2020): the `f` most frequent
/// rows of the training set get rows of their own, and every other row is served by
/// `double-hashing` (`T1[h1(x) mod k] + T2[h2(x) mod k]`).
///
/// Footprint: `f * (d * 4 + 4) + 2 * k * d * 4 + 32` bytes: the frequent rows, their sorted
/// Int32 row ids (serving finds a row among them by binary search), the two hashed tables and
/// the two hashes. The knob `frequentShare` sets how much of the budget goes to frequent rows:
/// `f = floor(frequentShare * (budget - 32) / (d * 4 + 4))`, and the rest gives `k`.
///
/// The method needs the schema's training-set frequencies. Ties in frequency go to the lower row.
public struct FrequencyDoubleHashing: TrainableEmbeddingMethod {
    public let identifier = "frequency-double-hashing"
    public let summary = "own rows for the f most frequent values, double hashing for the rest"
    public let memoryFormula = "f * (d * 4 + 4) + 2 * k * d * 4 + 32"
    public let budgetKnob = "f, frequent rows (frequent-share of the budget), and k, rows of each hashed table"
    /// Share of the budget, in `0..<1`, spent on the frequent rows and their ids.
    public var frequentShare: Double
    /// Half-width of the uniform initialisation of the frequent rows. The hashed tables start
    /// at `initialScale / sqrt(2)`, as in `DoubleHashing`.
    public var initialScale: Float

    public init(frequentShare: Double = 0.5, initialScale: Float = 0.01) {
        self.frequentShare = frequentShare
        self.initialScale = initialScale
    }

    public var parameters: [MethodParameter] {
        [
            MethodParameter(name: "frequent-share", unit: "", defaultValue: String(frequentShare),
                            summary: "share of the budget for the most frequent values' own rows"),
            MethodParameter(name: "f", unit: "rows", defaultValue: "from budget", summary: "most frequent values with their own row"),
            MethodParameter(name: "k", unit: "rows", defaultValue: "from budget", summary: "rows of each hashed table"),
            MethodParameter(name: "initial-scale", unit: "", defaultValue: String(initialScale),
                            summary: "frequent rows start uniform in [-scale, scale]"),
        ]
    }

    public func minimumFootprint(schema: FeatureSchema, dimension: Int) -> Int {
        DoubleHashing.hashBytes + 2 * dimension * 4
    }

    /// Returns `f` and `k` for `budgetBytes`. When the share leaves no room for one row per
    /// hashed table, frequent rows give way until it does.
    /// - Throws: `CompressionError.infeasibleBudget` when not even the two hashed rows fit.
    public func rowCounts(schema: FeatureSchema, dimension: Int, budgetBytes: Int) throws -> (frequent: Int, buckets: Int) {
        let available = budgetBytes - DoubleHashing.hashBytes
        guard available >= 2 * dimension * 4 else {
            throw CompressionError.infeasibleBudget(
                method: identifier, budgetBytes: budgetBytes,
                smallestFeasibleBytes: minimumFootprint(schema: schema, dimension: dimension))
        }
        let frequentRowBytes = dimension * 4 + 4
        let rowCount = schema.totalRowCount
        var frequent = min(rowCount, Int(frequentShare * Double(available)) / frequentRowBytes)
        frequent = min(frequent, (available - 2 * dimension * 4) / frequentRowBytes)
        let buckets = min(rowCount, (available - frequent * frequentRowBytes) / (2 * dimension * 4))
        return (frequent, buckets)
    }

    public func makeEmbedding(
        schema: FeatureSchema, dimension: Int, budgetBytes: Int,
        optimizer: OptimizerConfiguration, seed: UInt64
    ) throws -> any TrainableEmbedding {
        try validateEmbeddingSettings(method: identifier, dimension: dimension, initialScale: initialScale)
        guard frequentShare >= 0, frequentShare < 1 else {
            throw CompressionError.invalidParameter(
                method: identifier, name: "frequent-share", value: String(frequentShare), reason: "must be in 0..<1")
        }
        guard schema.totalRowCount >= 1, schema.frequencies.count == schema.totalRowCount else {
            throw CompressionError.invalidParameter(
                method: identifier, name: "schema", value: "\(schema.frequencies.count) frequencies for \(schema.totalRowCount) rows",
                reason: "the method needs the training-set count of every row; build the schema from a click log")
        }
        let (frequent, buckets) = try rowCounts(schema: schema, dimension: dimension, budgetBytes: budgetBytes)
        let frequentRows = schema.frequencies.indices
            .sorted { (schema.frequencies[$0], $1) > (schema.frequencies[$1], $0) }
            .prefix(frequent).sorted()

        var generator = SplitMix64(seed: seed)
        let first = UniversalHash(generator: &generator)
        let second = UniversalHash(generator: &generator)
        let hashed = DoubleHashedTable.Indexing(rowCount: schema.totalRowCount, bucketCount: buckets, hashes: (first, second))
        let frequentTable = SparseParameterTable(
            rowCount: frequent, dimension: dimension, optimizer: optimizer,
            initialScale: initialScale, generator: &generator)
        let hashedTables = (0..<2).map { _ in
            SparseParameterTable(
                rowCount: buckets, dimension: dimension, optimizer: optimizer,
                initialScale: initialScale / Float(2).squareRoot(), generator: &generator)
        }
        let indexing = FrequencyDoubleHashedTable.Indexing(frequentRows: frequentRows.map { Int32($0) }, hashed: hashed)
        return FrequencyDoubleHashingEmbedding(
            identifier: identifier, indexing: indexing, frequentTable: frequentTable, hashedTables: hashedTables)
    }
}
