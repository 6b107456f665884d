/// The uncompressed table as a `CompressedTable` (method `float32`, one section `values`).
///
/// It is the sweeps' reference row, measured by the same code as every method so its quality
/// and speed are the baseline, and what the full-table CTR embedding exports.
public struct Float32Table: CompressedTable {
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

    /// Creates a table that owns a copy of `values` (row-major).
    /// - Precondition: `rowCount, dimension > 0` and `values.count == rowCount * dimension`.
    public init(rowCount: Int, dimension: Int, values: [Float]) {
        precondition(rowCount > 0 && dimension > 0 && values.count == rowCount * dimension,
                     "Float32Table: \(values.count) values for \(rowCount) x \(dimension)")
        self.table = EmbeddingTable(rowCount: rowCount, dimension: dimension, storage: TableStorage(copying: values))
    }

    /// Rebuilds a table from the container sections written by `containerSections()`.
    /// - Throws: `ContainerError` when the `values` section is missing or has the wrong length.
    public init(contents: ContainerContents) throws {
        let section = try contents.section(named: "values")
        let values = try section.values(as: Float.self)
        let (rowCount, dimension) = (contents.metadata.rowCount, contents.metadata.dimension)
        guard rowCount > 0, dimension > 0, values.count == rowCount * dimension else {
            throw ContainerError.sectionTypeMismatch(
                section: "values", expected: "\(rowCount) x \(dimension) float32", found: "\(values.count) float32")
        }
        self.init(rowCount: rowCount, dimension: dimension, values: values)
    }

    /// The values as a new row-major array.
    public var values: [Float] { table.values() }

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
