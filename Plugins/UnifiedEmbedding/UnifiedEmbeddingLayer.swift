import EmbeddingCompression
import Hashing

/// The trainable layer of `UnifiedEmbedding`: chunk `j` of a lookup's output is row
/// `h(key(f, j, i)) mod k` of the shared table.
public final class UnifiedEmbeddingLayer: TrainableEmbedding {
    let identifier: String
    let indexing: UnifiedEmbeddingTable.Indexing
    let table: SparseParameterTable

    init(identifier: String, indexing: UnifiedEmbeddingTable.Indexing, table: SparseParameterTable) {
        self.identifier = identifier
        self.indexing = indexing
        self.table = table
    }

    public var dimension: Int { table.dimension * indexing.chunks }
    public var footprintBytes: Int { table.float32Bytes + indexing.overheadBytes }
    public var parameterTables: [SparseParameterTable] { [table] }

    public func forward(
        fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
        into output: UnsafeMutableBufferPointer<Float>
    ) {
        let dimension = self.dimension, chunkDimension = table.dimension
        precondition(output.count == rows.count * dimension,
                     "\(identifier) forward: output holds \(output.count) values, expected \(rows.count) x \(dimension)")
        table.values.withUnsafeBufferPointer { values in
            for lookup in 0..<rows.count {
                let field = Int(fields[lookup]), row = Int(rows[lookup])
                for chunk in 0..<indexing.chunks {
                    let source = indexing.tableRow(field: field, chunk: chunk, row: row) * chunkDimension
                    let target = lookup * dimension + chunk * chunkDimension
                    for column in 0..<chunkDimension { output[target + column] = values[source + column] }
                }
            }
        }
    }

    public func backward(
        fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
        outputGradients: UnsafeBufferPointer<Float>
    ) {
        let dimension = self.dimension, chunkDimension = table.dimension
        for lookup in 0..<rows.count {
            let field = Int(fields[lookup]), row = Int(rows[lookup])
            for chunk in 0..<indexing.chunks {
                let start = lookup * dimension + chunk * chunkDimension
                let gradient = UnsafeBufferPointer(rebasing: outputGradients[start..<(start + chunkDimension)])
                table.accumulate(row: indexing.tableRow(field: field, chunk: chunk, row: row), gradient: gradient)
            }
        }
    }

    public func applyGradients() { table.applyGradients() }

    public func export() throws -> any CompressedTable {
        UnifiedEmbeddingTable(methodIdentifier: identifier, indexing: indexing, values: table.values)
    }
}
