import EmbeddingCompression

/// A product-quantized table: `rowCount x subvectorCount` uint8 codes and one codebook of
/// `centroidCount` Float32 centroids of `dimension / subvectorCount` values per sub-space.
public struct ProductQuantizedTable: Sendable {
    public let rowCount: Int
    public let dimension: Int
    /// Sub-vectors per row (m).
    public let subvectorCount: Int
    /// Centroids per sub-space (k), at most 256.
    public let centroidCount: Int
    /// Row-major codes, `rowCount * subvectorCount` bytes; code `s` of a row indexes codebook `s`.
    public let codes: [UInt8]
    /// Codebooks, `subvectorCount * centroidCount * subdimension` values: sub-space, then
    /// centroid, then component.
    public let codebooks: [Float]
    /// Settings of the training run, kept for the container header; they do not affect decoding.
    let trainingParameters: [String: String]

    /// Values per sub-vector: `dimension / subvectorCount`.
    public var subdimension: Int { dimension / subvectorCount }

    static let codesSectionName = "codes"
    static let codebooksSectionName = "codebooks"

    /// - Precondition: the buffer lengths match the shape, `subvectorCount` divides `dimension`
    ///   and every code is below `centroidCount`.
    public init(
        rowCount: Int, dimension: Int, subvectorCount: Int, centroidCount: Int,
        codes: [UInt8], codebooks: [Float], trainingParameters: [String: String] = [:]
    ) {
        precondition(subvectorCount > 0 && dimension % subvectorCount == 0,
                     "ProductQuantizedTable: \(subvectorCount) sub-vectors do not divide dimension \(dimension)")
        precondition(centroidCount >= 1 && centroidCount <= 256,
                     "ProductQuantizedTable: centroid count \(centroidCount) is outside 1...256")
        precondition(codes.count == rowCount * subvectorCount && codebooks.count == centroidCount * dimension,
                     "ProductQuantizedTable: buffer lengths do not match \(rowCount) x \(dimension)")
        self.rowCount = rowCount
        self.dimension = dimension
        self.subvectorCount = subvectorCount
        self.centroidCount = centroidCount
        self.codes = codes
        self.codebooks = codebooks
        self.trainingParameters = trainingParameters
    }

    /// Rebuilds a table from a `pq` container: `subvectors` and `centroids` from the header,
    /// then the `codes` (uint8) and `codebooks` (float32) sections.
    /// - Throws: `CompressionError.invalidParameter` for a missing or inconsistent parameter or a
    ///   code that is not below the centroid count; `ContainerError` for a missing section or a
    ///   section of the wrong type or length.
    public init(contents: ContainerContents) throws {
        let metadata = contents.metadata
        let method = ProductQuantizer.identifier
        try validateShape(metadata, method: method)
        let m = try Self.integerParameter("subvectors", in: metadata, range: 1...metadata.dimension)
        guard metadata.dimension % m == 0 else {
            throw CompressionError.invalidParameter(
                method: method, name: "subvectors", value: String(m),
                reason: "must divide the dimension \(metadata.dimension); the header is damaged")
        }
        let k = try Self.integerParameter("centroids", in: metadata, range: 1...ProductQuantizer.maximumCentroidCount)

        let codesSection = try contents.section(named: Self.codesSectionName)
        let expectedCodes = metadata.rowCount * m
        guard codesSection.elementType == .uint8, codesSection.payload.count == expectedCodes else {
            throw ContainerError.sectionTypeMismatch(
                section: Self.codesSectionName, expected: "\(expectedCodes) uint8 (\(metadata.rowCount) rows x \(m) codes)",
                found: "\(codesSection.elementCount) \(codesSection.elementType)")
        }
        let codebooksSection = try contents.section(named: Self.codebooksSectionName)
        let expectedCodebookValues = k * metadata.dimension
        guard codebooksSection.elementType == .float32, codebooksSection.payload.count == expectedCodebookValues * 4 else {
            throw ContainerError.sectionTypeMismatch(
                section: Self.codebooksSectionName,
                expected: "\(expectedCodebookValues) float32 (\(m) sub-spaces x \(k) centroids x \(metadata.dimension / m) values)",
                found: "\(codebooksSection.elementCount) \(codebooksSection.elementType)")
        }
        let codes = try codesSection.values(as: UInt8.self)
        if k < 256, let position = codes.firstIndex(where: { Int($0) >= k }) {
            throw CompressionError.invalidParameter(
                method: method, name: "codes", value: "\(codes[position]) at row \(position / m), sub-vector \(position % m)",
                reason: "codes must be below the centroid count \(k); the file is damaged")
        }
        var training = metadata.parameters
        training.removeValue(forKey: "subvectors")
        training.removeValue(forKey: "centroids")
        self.init(rowCount: metadata.rowCount, dimension: metadata.dimension, subvectorCount: m, centroidCount: k,
                  codes: codes, codebooks: try codebooksSection.values(as: Float.self), trainingParameters: training)
    }

    private static func integerParameter(_ name: String, in metadata: TableMetadata, range: ClosedRange<Int>) throws -> Int {
        guard let text = metadata.parameters[name] else {
            throw CompressionError.invalidParameter(
                method: ProductQuantizer.identifier, name: name, value: "(missing)",
                reason: "a pq container header needs '\(name)'; the file is damaged")
        }
        guard let value = Int(text), range.contains(value) else {
            throw CompressionError.invalidParameter(
                method: ProductQuantizer.identifier, name: name, value: text,
                reason: "must be an integer in \(range.lowerBound)...\(range.upperBound); the header is damaged")
        }
        return value
    }
}
