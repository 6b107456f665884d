import Foundation
import EmbeddingCompression

/// An uncompressed table: every row as `dimension` Float32 values. What the full-table
/// baseline exports, with method identifier `float32` and one section `values`.
public struct Float32Table: CompressedTable {
    public static let methodIdentifier = "float32"

    public let rowCount: Int
    public let dimension: Int
    /// Row-major values, `rowCount * dimension` of them.
    public let values: [Float]

    public var methodIdentifier: String { Self.methodIdentifier }
    public var parameters: [String: String] { [:] }
    public var footprintBytes: Int { values.count * MemoryLayout<Float>.size }

    /// - Precondition: `values.count == rowCount * dimension`.
    public init(rowCount: Int, dimension: Int, values: [Float]) {
        precondition(values.count == rowCount * dimension,
                     "Float32Table: \(values.count) values for \(rowCount) x \(dimension)")
        self.rowCount = rowCount
        self.dimension = dimension
        self.values = values
    }

    /// Rebuilds a table from a container written by `containerSections()`.
    /// - Throws: `ContainerError` when the `values` section is missing or has the wrong length.
    public init(contents: ContainerContents) throws {
        let section = try contents.section(named: "values")
        let values = try section.values(as: Float.self)
        let expected = contents.metadata.rowCount * contents.metadata.dimension
        guard values.count == expected else {
            throw ContainerError.sectionTypeMismatch(
                section: "values", expected: "\(expected) float32", found: "\(values.count) float32")
        }
        self.init(rowCount: contents.metadata.rowCount, dimension: contents.metadata.dimension, values: values)
    }

    public func decode(rows: UnsafeBufferPointer<Int>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count == rows.count * dimension, "decode: output size does not match rows x dimension")
        values.withUnsafeBufferPointer { source in
            for (position, row) in rows.enumerated() {
                precondition(row >= 0 && row < rowCount, "decode: row \(row) is outside 0..<\(rowCount)")
                let target = output.baseAddress! + position * dimension
                target.update(from: source.baseAddress! + row * dimension, count: dimension)
            }
        }
    }

    public func containerSections() -> [ContainerSection] {
        [ContainerSection(name: "values", elementType: .float32, values: values)]
    }
}
