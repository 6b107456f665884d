import EmbeddingCompression
@testable import Quantization

/// A generated table of seeded normal values times `spread`, plus a per-row offset, so rows
/// have different ranges and signs.
func generatedTable(rowCount: Int, dimension: Int, seed: UInt64 = 7, spread: Double = 1) throws -> EmbeddingTable {
    var generator = SplitMix64(seed: seed)
    var values = [Float](repeating: 0, count: rowCount * dimension)
    for row in 0..<rowCount {
        let offset = generator.nextGaussian()
        let rowSpread = spread * (0.1 + generator.nextUnitDouble())
        for column in 0..<dimension {
            values[row * dimension + column] = Float(offset + rowSpread * generator.nextGaussian())
        }
    }
    return try EmbeddingTable(rowCount: rowCount, dimension: dimension, values: values)
}

/// Row-wise quantization of one row written from the definition, one value at a time:
/// bias = fp16(min), scale = fp16((max - bias) / (2^bits - 1)) (1 when that is 0),
/// code = clamp(round-half-even((x - bias) * (1 / scale)), 0, 2^bits - 1).
struct ReferenceRow {
    var codes: [Int]
    var scale: Float16
    var bias: Float16

    init(_ row: [Float], bits: Int) {
        let levels = (1 << bits) - 1
        let minimum = row.min()!, maximum = row.max()!
        bias = Float16(minimum)
        let biasValue = Float(bias)
        let range = maximum - biasValue
        scale = Float16(range == 0 ? 1 : range / Float(levels))
        if Float(scale) == 0 { scale = 1 }
        let scaleValue = Float(scale)
        let inverse = 1 / scaleValue
        codes = row.map { value in
            let rounded = Int(((value - biasValue) * inverse).rounded(.toNearestOrEven))
            return min(max(rounded, 0), levels)
        }
    }

    /// The value a code decodes to: scale * code + bias.
    func decoded(_ column: Int) -> Float { Float(scale) * Float(codes[column]) + Float(bias) }
}

/// Unpacks the codes of row `row` from a fused buffer: value j sits in byte j / (8 / bits) at
/// bit offset (j % (8 / bits)) * bits.
func unpackCodes(_ table: RowwiseQuantizedTable, row: Int) -> [Int] {
    let perByte = 8 / table.bitWidth
    let mask = (1 << table.bitWidth) - 1
    let start = row * table.rowStride
    return (0..<table.dimension).map { column in
        let byte = Int(table.fusedRows[start + column / perByte])
        return (byte >> ((column % perByte) * table.bitWidth)) & mask
    }
}

/// The fp16 scale and bias stored after the codes of `row`, read as little-endian bytes.
func storedScaleAndBias(_ table: RowwiseQuantizedTable, row: Int) -> (scale: Float16, bias: Float16) {
    let start = row * table.rowStride + table.codeBytesPerRow
    let bytes = table.fusedRows
    let scale = UInt16(bytes[start]) | UInt16(bytes[start + 1]) << 8
    let bias = UInt16(bytes[start + 2]) | UInt16(bytes[start + 3]) << 8
    return (Float16(bitPattern: scale), Float16(bitPattern: bias))
}

/// Decodes every row of `table` into a new array.
func decodedValues(_ table: any CompressedTable) -> [Float] {
    var output = [Float](repeating: .nan, count: table.rowCount * table.dimension)
    output.withUnsafeMutableBufferPointer { table.decode(rowRange: 0..<table.rowCount, into: $0) }
    return output
}

/// Decodes `rows` of `table` with the batch decode.
func decodedRows(_ table: any CompressedTable, _ rows: [Int]) -> [Float] {
    var output = [Float](repeating: .nan, count: rows.count * table.dimension)
    rows.withUnsafeBufferPointer { rows in
        output.withUnsafeMutableBufferPointer { table.decode(rows: rows, into: $0) }
    }
    return output
}

/// Sum of the payload bytes of a table's container sections.
func sectionBytes(_ table: any CompressedTable) -> Int {
    table.containerSections().reduce(0) { $0 + $1.payload.count }
}

/// The registry with the Quantization family registered.
func quantizationRegistry() -> MethodRegistry {
    var registry = MethodRegistry()
    QuantizationPlugin.register(into: &registry)
    return registry
}

/// A table rebuilt through the registry from the table's own container sections.
func roundTrip(_ table: any CompressedTable, sections: [ContainerSection]? = nil) throws -> any CompressedTable {
    let metadata = TableMetadata(methodIdentifier: table.methodIdentifier, rowCount: table.rowCount,
                                 dimension: table.dimension, parameters: table.parameters)
    let contents = ContainerContents(metadata: metadata, sections: sections ?? table.containerSections())
    return try quantizationRegistry().decodeTable(from: contents)
}

let singleThread = CompressionContext(seed: 42, threadCount: 1)
let twoThreads = CompressionContext(seed: 42, threadCount: 2)
