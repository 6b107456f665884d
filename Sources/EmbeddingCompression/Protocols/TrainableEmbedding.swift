/// A training-time method: it replaces the embedding layer of a CTR model while the model trains.
public protocol TrainableEmbeddingMethod: CompressionMethod {
    /// Creates an embedding layer for the feature table described by `schema` whose footprint
    /// is at most `budgetBytes`.
    ///
    /// - Throws: `CompressionError.infeasibleBudget` naming the smallest feasible budget when no
    ///   setting fits.
    func makeEmbedding(
        schema: FeatureSchema, dimension: Int, budgetBytes: Int,
        optimizer: OptimizerConfiguration, seed: UInt64
    ) throws -> any TrainableEmbedding

    /// The smallest footprint in bytes this method can reach for `schema` at `dimension`.
    func minimumFootprint(schema: FeatureSchema, dimension: Int) -> Int
}

/// An embedding layer that trains inside a CTR model.
///
/// A lookup is a pair (field, row): `field` indexes `FeatureSchema.fields` and `row` is the
/// global row of the value in the stacked feature table (field offset plus local id).
/// Call order per batch: `forward`, then `backward` once per forward, then `applyGradients`.
/// Implementations are not thread-safe; the model calls them from one thread.
public protocol TrainableEmbedding: AnyObject {
    var dimension: Int { get }
    /// Exact serving bytes of the exported table, hash parameters included.
    var footprintBytes: Int { get }
    /// The trainable parameter tables, for gradient checks and parameter counts.
    var parameterTables: [SparseParameterTable] { get }

    /// Writes the embedding of each lookup into `output` (`rows.count * dimension` values).
    func forward(
        fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
        into output: UnsafeMutableBufferPointer<Float>)

    /// Accumulates the gradient of the loss with respect to each looked-up embedding
    /// (`rows.count * dimension` values) into the parameter tables.
    func backward(
        fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
        outputGradients: UnsafeBufferPointer<Float>)

    /// Applies the optimizer to the accumulated gradients and clears them.
    func applyGradients()

    /// The trained layer as a compressed table over all rows of the stacked feature table.
    func export() throws -> any CompressedTable
}
