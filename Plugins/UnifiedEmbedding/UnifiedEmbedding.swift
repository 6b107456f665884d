import EmbeddingCompression
import Hashing

/// Unified Embedding (Coleman et al., "Unified Embedding: Battle-Tested Feature Representations
/// for Web-Scale ML Systems", NeurIPS 2023): every field shares one table of `k` rows of
/// `d / c` values. Local id `i` of field `f` makes `c` lookups, chunk `j` reading row
/// `h(key(f, j, i)) mod k`, and the `c` rows are concatenated into the field's `d`-value
/// embedding, so the model still gets `d` values per field.
///
/// `key(f, j, i) = ((f * 256 + j) << 32) | i` salts the hash with the field and chunk, so the
/// same local id in two fields, or in two chunks, is a different key. One universal hash of
/// these distinct keys keeps any two of them colliding with chance about `1 / k`.
///
/// Every field uses the same chunk count `c`, because all chunks are rows of one table of
/// `d / c` values and the model needs `d` values per field. With more chunks an id spreads over
/// several shared rows, so a collision with another id rarely costs its whole embedding.
///
/// Footprint: `k * (d / c) * 4 + 16 + 8 * (F + 1)` bytes: the table, the hash's `a` and `b`,
/// and the Int64 row boundaries of the `F` fields that serving needs to find a global row's
/// field and local id. The budget chooses `k`.
public struct UnifiedEmbedding: TrainableEmbeddingMethod {
    public let identifier: String
    /// Lookups per field, `c`; the dimension must be a multiple of it.
    public let chunks: Int
    /// Half-width of the uniform initialisation of the shared table.
    public var initialScale: Float

    /// Creates the method with `chunks` lookups per field. The default identifier is
    /// `unified-embedding` for one chunk and `unified-embedding-<c>chunks` otherwise.
    /// - Precondition: `1 <= chunks <= 256`.
    public init(chunks: Int = 1, initialScale: Float = 0.01, identifier: String? = nil) {
        precondition((1...256).contains(chunks), "UnifiedEmbedding: chunks \(chunks) is outside 1...256")
        self.chunks = chunks
        self.initialScale = initialScale
        self.identifier = identifier ?? (chunks == 1 ? "unified-embedding" : "unified-embedding-\(chunks)chunks")
    }

    public var summary: String {
        "one table of k rows shared by all fields; each field concatenates \(chunks) salted-hash lookup(s) of d/\(chunks) values"
    }
    public let memoryFormula = "k * (d / c) * 4 + 16 + 8 * (F + 1)"
    public let budgetKnob = "k, rows of the shared table"

    public var parameters: [MethodParameter] {
        [
            MethodParameter(name: "k", unit: "rows", defaultValue: "from budget", summary: "rows of the shared table"),
            MethodParameter(name: "chunks", unit: "", defaultValue: String(chunks),
                            summary: "lookups per field, each of d / chunks values, concatenated"),
            MethodParameter(name: "initial-scale", unit: "", defaultValue: String(initialScale),
                            summary: "table values start uniform in [-scale, scale]"),
        ]
    }

    static func overheadBytes(fieldCount: Int) -> Int {
        UniversalHash.byteCount + (fieldCount + 1) * 8
    }

    public func minimumFootprint(schema: FeatureSchema, dimension: Int) -> Int {
        Self.overheadBytes(fieldCount: schema.fields.count) + max(1, dimension / chunks) * 4
    }

    /// Rows of the shared table for `budgetBytes`, at most one per (row, chunk) pair.
    /// - Throws: `CompressionError.infeasibleBudget` when not even one row fits, and
    ///   `CompressionError.invalidParameter` when `dimension` is not a multiple of `chunks`.
    public func bucketCount(schema: FeatureSchema, dimension: Int, budgetBytes: Int) throws -> Int {
        try validate(schema: schema, dimension: dimension)
        let rows = rowsWithinBudget(
            budgetBytes, overheadBytes: Self.overheadBytes(fieldCount: schema.fields.count),
            rowBytes: dimension / chunks * 4)
        guard rows >= 1 else {
            throw CompressionError.infeasibleBudget(
                method: identifier, budgetBytes: budgetBytes,
                smallestFeasibleBytes: minimumFootprint(schema: schema, dimension: dimension))
        }
        return min(rows, schema.totalRowCount * chunks)
    }

    func validate(schema: FeatureSchema, dimension: Int) throws {
        try validateEmbeddingSettings(method: identifier, dimension: dimension, initialScale: initialScale)
        guard dimension % chunks == 0 else {
            throw CompressionError.invalidParameter(
                method: identifier, name: "chunks", value: String(chunks),
                reason: "dimension \(dimension) is not a multiple of it; choose a chunk count that divides the dimension")
        }
        guard schema.fields.count < UnifiedEmbeddingTable.Indexing.fieldLimit,
              schema.fields.allSatisfy({ $0.rowCount <= UnifiedEmbeddingTable.Indexing.localIdLimit })
        else {
            throw CompressionError.invalidParameter(
                method: identifier, name: "schema", value: "\(schema.fields.count) fields",
                reason: "the hash key holds at most 2^21 - 1 fields of at most 2^32 rows each")
        }
    }

    public func makeEmbedding(
        schema: FeatureSchema, dimension: Int, budgetBytes: Int,
        optimizer: OptimizerConfiguration, seed: UInt64
    ) throws -> any TrainableEmbedding {
        let ranges = try FieldRowRanges(schema: schema, method: identifier)
        let buckets = try bucketCount(schema: schema, dimension: dimension, budgetBytes: budgetBytes)
        var generator = SplitMix64(seed: seed)
        let indexing = UnifiedEmbeddingTable.Indexing(
            fieldRanges: ranges, chunks: chunks, bucketCount: buckets, hash: UniversalHash(generator: &generator))
        let table = SparseParameterTable(
            rowCount: buckets, dimension: dimension / chunks, optimizer: optimizer,
            initialScale: initialScale, seed: generator.next())
        return UnifiedEmbeddingLayer(identifier: identifier, indexing: indexing, table: table)
    }
}
