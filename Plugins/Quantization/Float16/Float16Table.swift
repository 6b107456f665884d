import EmbeddingCompression

/// A table stored as IEEE half-precision floats, row-major: `rowCount * dimension` values in
/// one contiguous buffer, 2 bytes each.
public struct Float16Table: Sendable {
    public let rowCount: Int
    public let dimension: Int
    /// Row-major fp16 values, the only serving buffer.
    public let values: [Float16]

    /// - Precondition: `values.count == rowCount * dimension`.
    public init(rowCount: Int, dimension: Int, values: [Float16]) {
        precondition(values.count == rowCount * dimension,
                     "Float16Table: \(values.count) values for a \(rowCount) x \(dimension) table")
        self.rowCount = rowCount
        self.dimension = dimension
        self.values = values
    }

    /// Rebuilds a table from a container's `values` section.
    /// - Throws: `ContainerError` when the section is missing, has another element type or does
    ///   not hold `rowCount * dimension` values; `CompressionError.invalidParameter` for a
    ///   non-positive shape in the header.
    public init(contents: ContainerContents) throws {
        let metadata = contents.metadata
        try validateShape(metadata, method: Float16Compressor.identifier)
        let section = try contents.section(named: "values")
        let expectedCount = metadata.rowCount * metadata.dimension
        guard section.elementType == .float16, section.payload.count == expectedCount * 2 else {
            throw ContainerError.sectionTypeMismatch(
                section: "values", expected: "\(expectedCount) float16",
                found: "\(section.elementCount) \(section.elementType) (\(section.payload.count) bytes)")
        }
        self.init(rowCount: metadata.rowCount, dimension: metadata.dimension,
                  values: try section.values(as: Float16.self))
    }
}

/// Checks that a container header describes a non-empty table.
func validateShape(_ metadata: TableMetadata, method: String) throws {
    guard metadata.rowCount > 0 else {
        throw CompressionError.invalidParameter(
            method: method, name: "rowCount", value: String(metadata.rowCount), reason: "a table needs at least one row")
    }
    guard metadata.dimension > 0 else {
        throw CompressionError.invalidParameter(
            method: method, name: "dimension", value: String(metadata.dimension), reason: "a table needs at least one column")
    }
}
