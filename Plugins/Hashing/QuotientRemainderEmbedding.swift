import EmbeddingCompression

/// The trainable layer of `QuotientRemainder`: `Q[x div m] ⊙ R[x mod m]`. The gradient of the
/// quotient row is the output gradient times the remainder row, and the other way round.
public final class QuotientRemainderEmbedding: TrainableEmbedding {
    let identifier: String
    let indexing: QuotientRemainderTable.Indexing
    let quotient: SparseParameterTable
    let remainder: SparseParameterTable
    /// Scratch for one row's gradient, `d` values.
    private var scratch: [Float]

    init(identifier: String, indexing: QuotientRemainderTable.Indexing,
         quotient: SparseParameterTable, remainder: SparseParameterTable) {
        self.identifier = identifier
        self.indexing = indexing
        self.quotient = quotient
        self.remainder = remainder
        scratch = [Float](repeating: 0, count: quotient.dimension)
    }

    public var dimension: Int { quotient.dimension }
    public var footprintBytes: Int { quotient.float32Bytes + remainder.float32Bytes }
    /// The quotient table, then the remainder table.
    public var parameterTables: [SparseParameterTable] { [quotient, remainder] }

    public func forward(
        fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
        into output: UnsafeMutableBufferPointer<Float>
    ) {
        let dimension = self.dimension
        precondition(output.count == rows.count * dimension,
                     "\(identifier) forward: output holds \(output.count) values, expected \(rows.count) x \(dimension)")
        quotient.values.withUnsafeBufferPointer { quotientValues in
            remainder.values.withUnsafeBufferPointer { remainderValues in
                for lookup in 0..<rows.count {
                    let (quotientRow, remainderRow) = indexing.parts(ofRow: Int(rows[lookup]))
                    for column in 0..<dimension {
                        output[lookup * dimension + column] =
                            quotientValues[quotientRow * dimension + column] * remainderValues[remainderRow * dimension + column]
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
            let (quotientRow, remainderRow) = indexing.parts(ofRow: Int(rows[lookup]))
            let base = lookup * dimension
            // Both products use the values of the forward pass, because gradients are only
            // applied after backward.
            for column in 0..<dimension {
                scratch[column] = outputGradients[base + column] * remainder.values[remainderRow * dimension + column]
            }
            scratch.withUnsafeBufferPointer { quotient.accumulate(row: quotientRow, gradient: $0) }
            for column in 0..<dimension {
                scratch[column] = outputGradients[base + column] * quotient.values[quotientRow * dimension + column]
            }
            scratch.withUnsafeBufferPointer { remainder.accumulate(row: remainderRow, gradient: $0) }
        }
    }

    public func applyGradients() {
        quotient.applyGradients()
        remainder.applyGradients()
    }

    public func export() throws -> any CompressedTable {
        QuotientRemainderTable(
            methodIdentifier: identifier, indexing: indexing, dimension: dimension,
            quotientValues: quotient.values, remainderValues: remainder.values)
    }
}
