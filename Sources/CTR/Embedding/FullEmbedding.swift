import EmbeddingCompression

/// The uncompressed embedding layer: one trainable Float32 row per value of every field.
/// The baseline that compressed methods are measured against.
public final class FullEmbedding: TrainableEmbedding {
    /// The stacked feature table, `rowCount x dimension`.
    public let table: SparseParameterTable

    public var dimension: Int { table.dimension }
    public var footprintBytes: Int { table.float32Bytes }
    public var parameterTables: [SparseParameterTable] { [table] }

    /// Creates a table with values drawn uniformly from `[-initialScale, initialScale]`.
    public init(rowCount: Int, dimension: Int, optimizer: OptimizerConfiguration,
                initialScale: Float = 0.01, seed: UInt64) {
        table = SparseParameterTable(rowCount: rowCount, dimension: dimension, optimizer: optimizer,
                                     initialScale: initialScale, seed: seed)
    }

    /// Creates a layer holding the rows of `values`, for example the decoded rows of a
    /// compressed table swapped into a trained model.
    public init(values: EmbeddingTable, optimizer: OptimizerConfiguration = OptimizerConfiguration()) {
        table = SparseParameterTable(rowCount: values.rowCount, dimension: values.dimension,
                                     optimizer: optimizer, initialScale: 0, seed: 0)
        table.values = values.values()
    }

    public func forward(fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
                        into output: UnsafeMutableBufferPointer<Float>) {
        let dimension = self.dimension
        precondition(output.count == rows.count * dimension, "forward: output size does not match rows x dimension")
        table.values.withUnsafeBufferPointer { values in
            for (position, row) in rows.enumerated() {
                (output.baseAddress! + position * dimension)
                    .update(from: values.baseAddress! + Int(row) * dimension, count: dimension)
            }
        }
    }

    public func backward(fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
                         outputGradients: UnsafeBufferPointer<Float>) {
        let dimension = self.dimension
        for (position, row) in rows.enumerated() {
            let gradient = UnsafeBufferPointer(rebasing: outputGradients[(position * dimension)..<((position + 1) * dimension)])
            table.accumulate(row: Int(row), gradient: gradient)
        }
    }

    public func applyGradients() { table.applyGradients() }

    public func export() throws -> any CompressedTable {
        Float32Table(rowCount: table.rowCount, dimension: dimension, values: table.values)
    }

    /// The trained rows as an embedding table, the input of post-training compressors.
    public func embeddingTable() throws -> EmbeddingTable {
        try EmbeddingTable(rowCount: table.rowCount, dimension: dimension, values: table.values)
    }
}
