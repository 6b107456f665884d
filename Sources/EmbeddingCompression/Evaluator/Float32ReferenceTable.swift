/// The uncompressed table as a `CompressedTable` (method `float32`): the sweep's reference row,
/// measured by the same code as every method so its quality and speed are the baseline.
public struct Float32ReferenceTable: CompressedTable {
    public static let identifier = "float32"

    public let table: EmbeddingTable
    public var methodIdentifier: String { Self.identifier }
    public var rowCount: Int { table.rowCount }
    public var dimension: Int { table.dimension }
    public var parameters: [String: String] { [:] }
    /// The Float32 values: `rowCount * dimension * 4` bytes.
    public var footprintBytes: Int { table.float32Bytes }

    public init(table: EmbeddingTable) {
        self.table = table
    }

    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension, "decode: output holds \(output.count) values, expected \(rows.count) x \(dimension)")
        let dimension = self.dimension
        table.withUnsafeBufferPointer { values in
            for (position, row) in rows.enumerated() {
                precondition(row >= 0 && row < rowCount, "row \(row) is outside 0..<\(rowCount)")
                (output.baseAddress! + position * dimension)
                    .update(from: values.baseAddress! + row * dimension, count: dimension)
            }
        }
    }

    public func decode(rowRange: Range<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rowRange.count * dimension, "decode: output holds \(output.count) values, expected \(rowRange.count) x \(dimension)")
        table.withUnsafeBufferPointer { values in
            output.baseAddress!.update(from: values.baseAddress! + rowRange.lowerBound * dimension, count: output.count)
        }
    }

    public func containerSections() -> [ContainerSection] {
        [ContainerSection(name: "values", elementType: .float32, values: table.values())]
    }
}
