import EmbeddingCompression

/// An embedding layer whose every row is zero and stays zero: a model with it keeps only its
/// bias and first-order weights, which makes it logistic regression over the field values.
/// The ctr sweep trains it as the floor that any compressed embedding should beat.
public final class ZeroEmbedding: TrainableEmbedding {
    public let rowCount: Int
    public let dimension: Int

    public init(rowCount: Int, dimension: Int) {
        self.rowCount = rowCount
        self.dimension = dimension
    }

    public var footprintBytes: Int { 0 }
    public var parameterTables: [SparseParameterTable] { [] }

    public func forward(fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
                        into output: UnsafeMutableBufferPointer<Float>) {
        output.initialize(repeating: 0)
    }

    public func backward(fields: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
                         outputGradients: UnsafeBufferPointer<Float>) {}

    public func applyGradients() {}

    public func export() throws -> any CompressedTable {
        ZeroTable(rowCount: rowCount, dimension: dimension)
    }
}

/// The exported `ZeroEmbedding`: decodes every row to zeros and stores nothing.
public struct ZeroTable: CompressedTable {
    public let rowCount: Int
    public let dimension: Int
    public var methodIdentifier: String { "zero" }
    public var parameters: [String: String] { [:] }
    public var footprintBytes: Int { 0 }

    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        output.initialize(repeating: 0)
    }

    public func containerSections() -> [ContainerSection] { [] }
}
