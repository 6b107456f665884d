import EmbeddingCompression

/// Per-field hashing: the hashing trick applied to each field on its own. Field `f` with `n_f`
/// rows gets a table of `k_f` rows and its own universal hash `h_f`, and its local id `i`
/// decodes to row `h_f(i) mod k_f` of that table. It is the baseline that Unified Embedding
/// (Coleman et al., NeurIPS 2023) compares with at equal memory.
///
/// The budget's rows are split across fields in proportion to `n_f`, at least one row each.
/// A field whose share reaches `n_f` stores its rows in full, without hashing, and its unused
/// rows go to the other fields.
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

    public init(initialScale: Float = 0.05) {
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
        var allocation = [Int](repeating: 0, count: fieldRowCounts.count)
        var open = Set(fieldRowCounts.indices)
        var remaining = rows
        // Fields whose proportional share covers all their rows are stored in full; repeat
        // because each one frees rows for the others.
        while true {
            let openTotal = open.reduce(0) { $0 + fieldRowCounts[$1] }
            let full = open.filter { Double(remaining) * Double(fieldRowCounts[$0]) / Double(openTotal) >= Double(fieldRowCounts[$0]) }
            if full.isEmpty || openTotal == 0 { break }
            for field in full {
                allocation[field] = fieldRowCounts[field]
                remaining -= fieldRowCounts[field]
                open.remove(field)
            }
        }
        guard !open.isEmpty else { return allocation }
        let openFields = open.sorted()
        let openTotal = openFields.reduce(0) { $0 + fieldRowCounts[$1] }
        let shares = openFields.map { Double(remaining) * Double(fieldRowCounts[$0]) / Double(openTotal) }
        for (field, share) in zip(openFields, shares) { allocation[field] = max(1, Int(share)) }
        var used = openFields.reduce(0) { $0 + allocation[$1] }
        // Taking the floor leaves rows over and the minimum of one row may overshoot, so move
        // single rows by the largest fractional remainder (largest-remainder rounding).
        let byRemainder = zip(openFields, shares).sorted { ($0.1 - $0.1.rounded(.down)) > ($1.1 - $1.1.rounded(.down)) }
        var index = 0
        while used < remaining && index < byRemainder.count * 2 {
            let field = byRemainder[index % byRemainder.count].0
            if allocation[field] < fieldRowCounts[field] {
                allocation[field] += 1
                used += 1
            }
            index += 1
        }
        while used > remaining {
            let largest = openFields.max { allocation[$0] < allocation[$1] }!
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
