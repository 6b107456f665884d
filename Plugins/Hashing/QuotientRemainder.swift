import EmbeddingCompression

/// The quotient-remainder trick (Shi et al., "Compositional Embeddings Using Complementary
/// Partitions for Memory-Efficient Recommendation Systems", KDD 2020): global row `x` decodes
/// to `Q[x div m] ⊙ R[x mod m]`, the element-wise product of a row of a quotient table of
/// `ceil(n / m)` rows and a row of a remainder table of `m` rows. No two rows share both
/// parts, so every row gets a distinct embedding without a hash.
///
/// Footprint: `(m + ceil(n / m)) * d * 4` bytes; `m` is the remainder table's row count, so
/// serving needs no other parameter. The footprint is smallest near `m = sqrt(n)`. The budget
/// chooses the smallest `m` whose tables fit, which spends the most of the budget and gives
/// each quotient row the fewest values to share.
///
/// Initialisation: the remainder table starts at `1 + uniform[-s, s]` and the quotient table
/// at `uniform[-s, s]`, so the product starts close to the quotient row and has the scale of a
/// plain embedding. Two tables both at `uniform[-s, s]` would start with products of size
/// `s^2`, far smaller than the other methods' embeddings.
public struct QuotientRemainder: TrainableEmbeddingMethod {
    public let identifier = "quotient-remainder"
    public let summary = "row x is Q[x div m] * R[x mod m] (element-wise) from a ceil(n/m)-row and an m-row table"
    public let memoryFormula = "(m + ceil(n / m)) * d * 4"
    public let budgetKnob = "m, rows of the remainder table"
    /// `s` of the initialisation described above.
    public var initialScale: Float

    public init(initialScale: Float = 0.01) {
        self.initialScale = initialScale
    }

    public var parameters: [MethodParameter] {
        [
            MethodParameter(name: "m", unit: "rows", defaultValue: "from budget", summary: "rows of the remainder table"),
            MethodParameter(name: "initial-scale", unit: "", defaultValue: String(initialScale),
                            summary: "quotient rows start uniform in [-scale, scale], remainder rows in 1 +/- scale"),
        ]
    }

    /// Rows of both tables for remainder count `m`.
    static func totalRows(rowCount: Int, remainderCount: Int) -> Int {
        remainderCount + (rowCount + remainderCount - 1) / remainderCount
    }

    /// Returns the `m` with the fewest total rows. Searching `1...ceil(sqrt(n)) + 1` suffices, because
    /// for any larger `m` the value `ceil(n / m)` is no larger and needs no more rows.
    static func smallestTableRemainderCount(rowCount: Int) -> Int {
        let limit = min(rowCount, Int(Double(rowCount).squareRoot().rounded(.up)) + 1)
        var best = 1
        for candidate in 1...max(1, limit)
        where totalRows(rowCount: rowCount, remainderCount: candidate) < totalRows(rowCount: rowCount, remainderCount: best) {
            best = candidate
        }
        return best
    }

    public func minimumFootprint(schema: FeatureSchema, dimension: Int) -> Int {
        let rowCount = max(1, schema.totalRowCount)
        let remainderCount = Self.smallestTableRemainderCount(rowCount: rowCount)
        return Self.totalRows(rowCount: rowCount, remainderCount: remainderCount) * dimension * 4
    }

    /// Returns the remainder table's rows `m` for `budgetBytes`, which is the smallest `m` whose two tables fit.
    /// The same argument as in `smallestTableRemainderCount` bounds the search by `sqrt(n) + 1`.
    /// - Throws: `CompressionError.infeasibleBudget` when no `m` fits.
    public func remainderCount(schema: FeatureSchema, dimension: Int, budgetBytes: Int) throws -> Int {
        let rowCount = schema.totalRowCount
        let availableRows = rowsWithinBudget(budgetBytes, overheadBytes: 0, rowBytes: dimension * 4)
        let limit = min(rowCount, Int(Double(rowCount).squareRoot().rounded(.up)) + 1)
        for candidate in 1...max(1, limit)
        where Self.totalRows(rowCount: rowCount, remainderCount: candidate) <= availableRows {
            return candidate
        }
        throw CompressionError.infeasibleBudget(
            method: identifier, budgetBytes: budgetBytes,
            smallestFeasibleBytes: minimumFootprint(schema: schema, dimension: dimension))
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
        let remainders = try remainderCount(schema: schema, dimension: dimension, budgetBytes: budgetBytes)
        let indexing = QuotientRemainderTable.Indexing(rowCount: schema.totalRowCount, remainderCount: remainders)
        var generator = SplitMix64(seed: seed)
        let quotient = SparseParameterTable(
            rowCount: indexing.quotientCount, dimension: dimension, optimizer: optimizer,
            initialScale: initialScale, generator: &generator)
        let remainder = SparseParameterTable(
            rowCount: remainders, dimension: dimension, optimizer: optimizer,
            initialScale: initialScale, generator: &generator)
        for index in remainder.values.indices { remainder.values[index] += 1 }
        return QuotientRemainderEmbedding(identifier: identifier, indexing: indexing, quotient: quotient, remainder: remainder)
    }
}
