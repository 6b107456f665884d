import EmbeddingCompression

/// The trainable layer of `FrequencyDoubleHashing`: a frequent row reads its own row, any other
/// row the sum of its two hashed rows.
public final class FrequencyDoubleHashingEmbedding: TrainableEmbedding {
    let identifier: String
    let indexing: FrequencyDoubleHashedTable.Indexing
    let frequentTable: SparseParameterTable
    /// The tables read through `h1` and `h2`, in that order.
    let hashedTables: [SparseParameterTable]

    init(identifier: String, indexing: FrequencyDoubleHashedTable.Indexing,
         frequentTable: SparseParameterTable, hashedTables: [SparseParameterTable]) {
        precondition(hashedTables.count == 2, "FrequencyDoubleHashingEmbedding needs two hashed tables")
        self.identifier = identifier
        self.indexing = indexing
        self.frequentTable = frequentTable
        self.hashedTables = hashedTables
    }

    public var dimension: Int { frequentTable.dimension }
    public var footprintBytes: Int {
        frequentTable.float32Bytes + hashedTables[0].float32Bytes + hashedTables[1].float32Bytes + indexing.overheadBytes
    }
    /// The frequent table, then the tables read through `h1` and `h2`.
    public var parameterTables: [SparseParameterTable] { [frequentTable] + hashedTables }

    public func forward(
        fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
        into output: UnsafeMutableBufferPointer<Float>
    ) {
        let dimension = self.dimension
        precondition(output.count == rows.count * dimension,
                     "\(identifier) forward: output holds \(output.count) values, expected \(rows.count) x \(dimension)")
        frequentTable.values.withUnsafeBufferPointer { frequentValues in
            hashedTables[0].values.withUnsafeBufferPointer { first in
                hashedTables[1].values.withUnsafeBufferPointer { second in
                    for lookup in 0..<rows.count {
                        let row = Int(rows[lookup]), target = lookup * dimension
                        if let frequent = indexing.frequentRow(ofRow: row) {
                            for column in 0..<dimension { output[target + column] = frequentValues[frequent * dimension + column] }
                            continue
                        }
                        let (bucket1, bucket2) = indexing.hashed.buckets(ofRow: row)
                        for column in 0..<dimension {
                            output[target + column] = first[bucket1 * dimension + column] + second[bucket2 * dimension + column]
                        }
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
            let row = Int(rows[lookup])
            let gradient = UnsafeBufferPointer(rebasing: outputGradients[(lookup * dimension)..<((lookup + 1) * dimension)])
            if let frequent = indexing.frequentRow(ofRow: row) {
                frequentTable.accumulate(row: frequent, gradient: gradient)
                continue
            }
            let (bucket1, bucket2) = indexing.hashed.buckets(ofRow: row)
            hashedTables[0].accumulate(row: bucket1, gradient: gradient)
            hashedTables[1].accumulate(row: bucket2, gradient: gradient)
        }
    }

    public func applyGradients() {
        for table in parameterTables { table.applyGradients() }
    }

    public func export() throws -> any CompressedTable {
        FrequencyDoubleHashedTable(
            methodIdentifier: identifier, indexing: indexing, dimension: dimension,
            frequentValues: frequentTable.values, firstValues: hashedTables[0].values, secondValues: hashedTables[1].values)
    }
}
