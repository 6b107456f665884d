import EmbeddingCompression

/// The trainable layer of `DoubleHashing`: the sum of one row from each of two tables.
public final class DoubleHashingEmbedding: TrainableEmbedding {
    let identifier: String
    let indexing: DoubleHashedTable.Indexing
    /// The tables read through `h1` and `h2`, in that order.
    let tables: [SparseParameterTable]

    init(identifier: String, indexing: DoubleHashedTable.Indexing, tables: [SparseParameterTable]) {
        precondition(tables.count == 2, "DoubleHashingEmbedding needs two tables")
        self.identifier = identifier
        self.indexing = indexing
        self.tables = tables
    }

    public var dimension: Int { tables[0].dimension }
    public var footprintBytes: Int { tables[0].float32Bytes + tables[1].float32Bytes + DoubleHashing.hashBytes }
    public var parameterTables: [SparseParameterTable] { tables }

    public func forward(
        fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
        into output: UnsafeMutableBufferPointer<Float>
    ) {
        let dimension = self.dimension
        precondition(output.count == rows.count * dimension,
                     "\(identifier) forward: output holds \(output.count) values, expected \(rows.count) x \(dimension)")
        tables[0].values.withUnsafeBufferPointer { first in
            tables[1].values.withUnsafeBufferPointer { second in
                for lookup in 0..<rows.count {
                    let (bucket1, bucket2) = indexing.buckets(ofRow: Int(rows[lookup]))
                    for column in 0..<dimension {
                        output[lookup * dimension + column] =
                            first[bucket1 * dimension + column] + second[bucket2 * dimension + column]
                    }
                }
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
            let (bucket1, bucket2) = indexing.buckets(ofRow: Int(rows[lookup]))
            tables[0].accumulate(row: bucket1, gradient: gradient)
            tables[1].accumulate(row: bucket2, gradient: gradient)
        }
    }

    public func applyGradients() {
        for table in tables { table.applyGradients() }
    }

    public func export() throws -> any CompressedTable {
        DoubleHashedTable(
            methodIdentifier: identifier, indexing: indexing, dimension: dimension,
            firstValues: tables[0].values, secondValues: tables[1].values)
    }
}
