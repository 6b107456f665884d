import EmbeddingCompression

/// A row-wise quantized table in FBGEMM's fused layout: one contiguous byte buffer of
/// `rowCount` rows, each `codeBytesPerRow` bytes of codes, then the fp16 scale, then the fp16
/// bias. A value decodes as `scale * code + bias`.
public struct RowwiseQuantizedTable: Sendable {
    /// Bits per code: 8, 4 or 2.
    public let bitWidth: Int
    public let rowCount: Int
    public let dimension: Int
    /// `ceil(dimension * bitWidth / 8)`.
    public let codeBytesPerRow: Int
    /// The fused rows, `rowCount * rowStride` bytes: the only serving buffer.
    public let fusedRows: [UInt8]

    /// Bytes from the start of one row to the next: codes plus 4 bytes of scale and bias.
    public var rowStride: Int { codeBytesPerRow + 4 }

    /// The section name of the fused rows in a container.
    static let sectionName = "rows"

    /// Wraps a fused buffer.
    /// - Precondition: `bitWidth` is 8, 4 or 2 and `fusedRows.count == rowCount * rowStride`.
    public init(bitWidth: Int, rowCount: Int, dimension: Int, fusedRows: [UInt8]) {
        precondition([8, 4, 2].contains(bitWidth), "RowwiseQuantizedTable: bit width \(bitWidth) is not 8, 4 or 2")
        self.bitWidth = bitWidth
        self.rowCount = rowCount
        self.dimension = dimension
        self.codeBytesPerRow = RowwiseKernels.codeBytes(dimension: dimension, bits: bitWidth)
        self.fusedRows = fusedRows
        precondition(fusedRows.count == rowCount * rowStride,
                     "RowwiseQuantizedTable: \(fusedRows.count) bytes for \(rowCount) rows of \(rowStride) bytes")
    }

    /// Rebuilds a table from a container written by `int8-rowwise`, `int4-rowwise` or
    /// `int2-rowwise`; the bit width follows from the method identifier in the header.
    /// - Throws: `ContainerError` when the `rows` section is missing, is not uint8 or does not
    ///   hold `rowCount * rowStride` bytes; `CompressionError.invalidParameter` for an
    ///   unknown identifier or a non-positive shape.
    public init(contents: ContainerContents) throws {
        let metadata = contents.metadata
        let bits: Int
        switch metadata.methodIdentifier {
        case Int8RowwiseQuantizer.identifier: bits = 8
        case Int4RowwiseQuantizer.identifier: bits = 4
        case Int2RowwiseQuantizer.identifier: bits = 2
        default:
            throw CompressionError.invalidParameter(
                method: metadata.methodIdentifier, name: "method", value: metadata.methodIdentifier,
                reason: "row-wise tables are int8-rowwise, int4-rowwise or int2-rowwise")
        }
        try validateShape(metadata, method: metadata.methodIdentifier)
        let section = try contents.section(named: Self.sectionName)
        let stride = RowwiseKernels.codeBytes(dimension: metadata.dimension, bits: bits) + 4
        let expected = metadata.rowCount * stride
        guard section.elementType == .uint8, section.payload.count == expected else {
            throw ContainerError.sectionTypeMismatch(
                section: Self.sectionName,
                expected: "\(expected) uint8 (\(metadata.rowCount) rows x \(stride) bytes)",
                found: "\(section.elementCount) \(section.elementType)")
        }
        self.init(bitWidth: bits, rowCount: metadata.rowCount, dimension: metadata.dimension,
                  fusedRows: try section.values(as: UInt8.self))
    }

    /// Quantizes every row of `table` at `bits` bits, rows split over `threadCount` threads.
    /// - Throws: `QuantizationError` naming the first row with a NaN or infinite value, or
    ///   with a scale or bias beyond fp16's range.
    static func quantize(_ table: EmbeddingTable, bits: Int, threadCount: Int) throws -> RowwiseQuantizedTable {
        let rowCount = table.rowCount, dimension = table.dimension
        let stride = RowwiseKernels.codeBytes(dimension: dimension, bits: bits) + 4
        let minimumChunk = max(1, (1 << 15) / dimension)
        let chunks = chunkCount(count: rowCount, threadCount: threadCount, minimumChunk: minimumChunk)
        var firstBadRows = [Int](repeating: Int.max, count: max(chunks, 1))
        let fused = [UInt8](unsafeUninitializedCapacity: rowCount * stride) { output, initialized in
            table.withUnsafeBufferPointer { input in
                firstBadRows.withUnsafeMutableBufferPointer { firstBadRows in
                    forEachChunk(count: rowCount, threadCount: threadCount, minimumChunk: minimumChunk) { chunk, rows in
                        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: dimension)
                        defer { scratch.deallocate() }
                        for row in rows {
                            let status = RowwiseKernels.quantizeRow(
                                input.baseAddress! + row * dimension, count: dimension, bits: bits,
                                into: output.baseAddress! + row * stride, scratch: scratch)
                            if status != .valid && firstBadRows[chunk] == Int.max { firstBadRows[chunk] = row }
                        }
                    }
                }
            }
            initialized = rowCount * stride
        }
        if let badRow = firstBadRows.min(), badRow != Int.max {
            throw rowError(table.row(badRow), row: badRow, bits: bits)
        }
        return RowwiseQuantizedTable(bitWidth: bits, rowCount: rowCount, dimension: dimension, fusedRows: fused)
    }

    /// The error for a row that failed to quantize: its first non-finite value, or else its
    /// value of largest magnitude, which pushed the scale or bias beyond fp16.
    private static func rowError(_ values: [Float], row: Int, bits: Int) -> QuantizationError {
        let method = "int\(bits)-rowwise"
        if let column = values.firstIndex(where: { !$0.isFinite }) {
            return .nonFiniteValue(method: method, row: row, column: column, value: values[column])
        }
        let column = values.indices.max { abs(values[$0]) < abs(values[$1]) } ?? 0
        return .outsideHalfRange(method: method, row: row, column: column, value: values[column])
    }
}
