import EmbeddingCompression

/// The trainable layer of `HashingTrick`: lookup `(field, x)` returns row `h(x) mod k` of one
/// shared table, so the field is not needed beyond the global row.
public final class HashingTrickEmbedding: TrainableEmbedding {
    let identifier: String
    let indexing: HashedTable.Indexing
    let table: SparseParameterTable

    init(identifier: String, indexing: HashedTable.Indexing, table: SparseParameterTable) {
        self.identifier = identifier
        self.indexing = indexing
        self.table = table
    }

    public var dimension: Int { table.dimension }
    public var footprintBytes: Int { table.float32Bytes + UniversalHash.byteCount }
    public var parameterTables: [SparseParameterTable] { [table] }

    public func forward(
        fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
        into output: UnsafeMutableBufferPointer<Float>
    ) {
        let dimension = self.dimension
        precondition(output.count == rows.count * dimension,
                     "\(identifier) forward: output holds \(output.count) values, expected \(rows.count) x \(dimension)")
        table.values.withUnsafeBufferPointer { values in
            for lookup in 0..<rows.count {
                let base = indexing.bucket(ofRow: Int(rows[lookup])) * dimension
                for column in 0..<dimension { output[lookup * dimension + column] = values[base + column] }
            }
        }
    }

    public func backward(
        fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
        outputGradients: UnsafeBufferPointer<Float>
    ) {
        let dimension = self.dimension
        for lookup in 0..<rows.count {
            let gradient = UnsafeBufferPointer(rebasing: outputGradients[(lookup * dimension)..<((lookup + 1) * dimension)])
            table.accumulate(row: indexing.bucket(ofRow: Int(rows[lookup])), gradient: gradient)
        }
    }

    public func applyGradients() { table.applyGradients() }

    public func export() throws -> any CompressedTable {
        HashedTable(methodIdentifier: identifier, indexing: indexing, dimension: dimension, values: table.values)
    }
}
