import EmbeddingCompression

/// Per-field hashing: the hashing trick applied to each field on its own. Field `f` with `n_f`
/// rows gets a table of `k_f` rows and its own universal hash `h_f`, and its local id `i`
/// decodes to row `h_f(i) mod k_f` of that table. It is the baseline that Unified Embedding
/// is compared with at equal memory.
///
/// The budget's rows are split across fields in proportion to `n_f`, at least one row each.
/// When the budget covers every row, each field stores its rows in full, without hashing.
///
/// Footprint: `sum(k_f) * d * 4 + 16 * F + 8 * (F + 1) * 2` bytes for `F` fields: the tables,
/// one hash per field, and two Int64 offset arrays (the fields' row boundaries and the tables'
/// row boundaries) that serving needs to find a global row's field and table.
public struct PerFieldHashing: TrainableEmbeddingMethod {
    public let identifier = "per-field-hashing"
    public let summary = "one hashed table per field, rows split in proportion to each field's vocabulary"
    public let memoryFormula = "sum(k_f) * d * 4 + 16 * F + 16 * (F + 1)"
    public let budgetKnob = "k_f, rows of each field's table (proportional to its vocabulary)"
    /// Half-width of the uniform initialisation of the tables.
    public var initialScale: Float

    public init(initialScale: Float = 0.01) {
        self.initialScale = initialScale
    }

    public var parameters: [MethodParameter] {
        [
            MethodParameter(name: "k_f", unit: "rows", defaultValue: "from budget", summary: "rows of field f's table"),
            MethodParameter(name: "initial-scale", unit: "", defaultValue: String(initialScale),
                            summary: "table values start uniform in [-scale, scale]"),
        ]
    }

    /// Bytes besides the tables for `fieldCount` fields: hashes and the two offset arrays.
    static func overheadBytes(fieldCount: Int) -> Int {
        fieldCount * UniversalHash.byteCount + 2 * (fieldCount + 1) * 8
    }

    public func minimumFootprint(schema: FeatureSchema, dimension: Int) -> Int {
        let fieldCount = schema.fields.count
        return Self.overheadBytes(fieldCount: fieldCount) + fieldCount * dimension * 4
    }

    /// Rows of each field's table for `budgetBytes`.
    /// - Throws: `CompressionError.infeasibleBudget` when not every field gets one row.
    public func bucketCounts(schema: FeatureSchema, dimension: Int, budgetBytes: Int) throws -> [Int] {
        let ranges = try FieldRowRanges(schema: schema, method: identifier)
        let rows = rowsWithinBudget(
            budgetBytes, overheadBytes: Self.overheadBytes(fieldCount: ranges.fieldCount), rowBytes: dimension * 4)
        guard rows >= ranges.fieldCount else {
            throw CompressionError.infeasibleBudget(
                method: identifier, budgetBytes: budgetBytes,
                smallestFeasibleBytes: minimumFootprint(schema: schema, dimension: dimension))
        }
        return Self.allocate(rows: rows, fieldRowCounts: (0..<ranges.fieldCount).map { ranges.rowCount(ofField: $0) })
    }

    /// Splits `rows` across fields in proportion to `fieldRowCounts`, each field getting at
    /// least 1 and at most its own row count.
    /// - Precondition: `rows >= fieldRowCounts.count` and every count is at least 1.
    static func allocate(rows: Int, fieldRowCounts: [Int]) -> [Int] {
        let totalRows = fieldRowCounts.reduce(0, +)
        // A share `rows * n_f / total` reaches `n_f` only when `rows >= total`, and then for
        // every field at once, so fields are stored in full all together or not at all.
        if rows >= totalRows { return fieldRowCounts }

        let shares = fieldRowCounts.map { Double(rows) * Double($0) / Double(totalRows) }
        var allocation = shares.map { max(1, Int($0)) }
        var used = allocation.reduce(0, +)

        // The floors leave up to one row per field over, so hand single rows out by the
        // largest fractional remainder. Each share is below n_f, so floor + 1 never exceeds it.
        let byRemainder = shares.indices.sorted { shares[$0] - shares[$0].rounded(.down) > shares[$1] - shares[$1].rounded(.down) }
        for field in byRemainder where used < rows && allocation[field] < fieldRowCounts[field] {
            allocation[field] += 1
            used += 1
        }

        // The minimum of one row can overshoot when many fields have shares below 1, so take
        // rows back from the largest allocations.
        while used > rows {
            let largest = allocation.indices.max { allocation[$0] < allocation[$1] }!
            allocation[largest] -= 1
            used -= 1
        }
        return allocation
    }

    public func makeEmbedding(
        schema: FeatureSchema, dimension: Int, budgetBytes: Int,
        optimizer: OptimizerConfiguration, seed: UInt64
    ) throws -> any TrainableEmbedding {
        try validateEmbeddingSettings(method: identifier, dimension: dimension, initialScale: initialScale)
        let ranges = try FieldRowRanges(schema: schema, method: identifier)
        let buckets = try bucketCounts(schema: schema, dimension: dimension, budgetBytes: budgetBytes)
        var generator = SplitMix64(seed: seed)
        let hashes = (0..<ranges.fieldCount).map { _ in UniversalHash(generator: &generator) }
        let indexing = PerFieldHashedTable.Indexing(fieldRanges: ranges, bucketCounts: buckets, hashes: hashes)
        let table = SparseParameterTable(
            rowCount: indexing.tableRowCount, dimension: dimension, optimizer: optimizer,
            initialScale: initialScale, generator: &generator)
        return PerFieldHashingEmbedding(identifier: identifier, indexing: indexing, table: table)
    }
}
